using LwM2MSparkplug.LoadTest.Measuring;

namespace LwM2MSparkplug.LoadTest.Tests.Measuring;

public sealed class MetricsPageTests
{
    const string Page = """
        # HELP sparkplug_messages_total Sparkplug messages received.
        # TYPE sparkplug_messages_total counter
        sparkplug_messages_total{message_type="DDATA",group_id="G1"} 120
        sparkplug_messages_total{message_type="NBIRTH",group_id="G1"} 3
        sparkplug_invalid_messages_total{reason="topic_malformed"} 2
        sparkplug_invalid_messages_total{reason="payload_too_large"} 5
        sparkplug_invalid_messages_total{reason="topic_unknown_type"} 1
        odd_label_total{path="a\"b\\c,d"} 7 1700000000000
        bridge_in_flight_records 4
        sparkplug_message_age_seconds_bucket{le="0.01"} 10
        sparkplug_message_age_seconds_bucket{le="+Inf"} 12
        sparkplug_message_age_seconds_bucket{le="0.1"} 11
        broken_line_without_value
        broken{label="unterminated} 3
        """;

    readonly MetricsPage _page = MetricsPage.Parse(Page);

    [Fact]
    public void Sum_AddsEverySampleOfTheName_OrOnlyThoseWithTheGivenLabels()
    {
        Assert.Equal(123, _page.Sum("sparkplug_messages_total"));
        Assert.Equal(120, _page.Sum("sparkplug_messages_total", ("message_type", "DDATA")));
        Assert.Equal(0, _page.Sum("sparkplug_messages_total", ("message_type", "DDATA"), ("group_id", "G2")));
        Assert.Equal(4, _page.Sum("bridge_in_flight_records"));
        Assert.Equal(0, _page.Sum("not_on_the_page"));
    }

    [Fact]
    public void SumWhere_AddsTheSamplesWhoseLabelMatches()
    {
        Assert.Equal(3, _page.SumWhere("sparkplug_invalid_messages_total", "reason", r => r.StartsWith("topic_", StringComparison.Ordinal)));
    }

    [Fact]
    public void EscapedLabelValuesAndTimestamps_AreRead()
    {
        Assert.Equal(7, _page.Sum("odd_label_total", ("path", "a\"b\\c,d")));
    }

    [Fact]
    public void Buckets_AreOrderedByUpperBound_EndingWithInfinity()
    {
        Assert.Equal([(0.01, 10), (0.1, 11), (double.PositiveInfinity, 12)], _page.Buckets("sparkplug_message_age_seconds"));
    }

    [Fact]
    public void MalformedLines_AreSkipped_NotFatal()
    {
        Assert.DoesNotContain(_page.Samples, s => s.Name.StartsWith("broken", StringComparison.Ordinal));
    }
}
