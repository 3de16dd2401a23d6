using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Events;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Events;

public sealed class EventBufferTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void Append_AssignsIncreasingSequenceNumbersFromOne_AndSerialisesTheEvent()
    {
        var buffer = new EventBuffer(10, 4, Json);

        var first = buffer.Append("registration", "dev-1", Now, new { LifetimeSeconds = 60 });
        var second = buffer.Append("update", "dev-1", Now, null);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, second.Sequence);
        using var document = JsonDocument.Parse(first.Json);
        Assert.Equal(1, document.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal("registration", document.RootElement.GetProperty("type").GetString());
        Assert.Equal("dev-1", document.RootElement.GetProperty("endpoint").GetString());
        Assert.Equal(60, document.RootElement.GetProperty("data").GetProperty("lifetime_seconds").GetInt32());
    }

    [Fact]
    public void ReadAfter_ReturnsEventsAfterTheCursor_UpToTheLimit()
    {
        var buffer = Filled(capacity: 10, count: 6);

        var page = buffer.ReadAfter(2, 3);

        Assert.Equal([3L, 4, 5], page.Events.Select(e => e.Sequence));
        Assert.Equal(6, page.LastSequence);
        Assert.Equal(0, page.Missed);
        Assert.Empty(buffer.ReadAfter(6, 10).Events);
    }

    [Fact]
    public void Consumer_ReadsEachEventExactlyOnce()
    {
        var buffer = Filled(capacity: 100, count: 5);

        Assert.True(buffer.TryReadForConsumer("poller", 3, out var first));
        buffer.Append("update", "dev", Now, null);
        Assert.True(buffer.TryReadForConsumer("poller", 10, out var second));
        Assert.True(buffer.TryReadForConsumer("poller", 10, out var third));

        Assert.Equal([1L, 2, 3], first.Events.Select(e => e.Sequence));
        Assert.Equal([4L, 5, 6], second.Events.Select(e => e.Sequence));
        Assert.Empty(third.Events);
    }

    [Fact]
    public void Consumers_HaveIndependentCursors()
    {
        var buffer = Filled(capacity: 100, count: 3);

        buffer.TryReadForConsumer("a", 10, out var a);
        buffer.TryReadForConsumer("b", 10, out var b);

        Assert.Equal(3, a.Events.Count);
        Assert.Equal(3, b.Events.Count);
    }

    [Fact]
    public void Overflow_DropsTheOldest_AndCountsWhatAReaderMissed()
    {
        var buffer = Filled(capacity: 4, count: 3);
        buffer.TryReadForConsumer("slow", 1, out _);

        for (var i = 0; i < 6; i++)
        {
            buffer.Append("update", "dev", Now, null);
        }
        Assert.True(buffer.TryReadForConsumer("slow", 10, out var page));

        Assert.Equal(5, buffer.Evicted);
        Assert.Equal([6L, 7, 8, 9], page.Events.Select(e => e.Sequence));
        Assert.Equal(4, page.Missed);
        Assert.Equal(4, buffer.Missed);
    }

    [Fact]
    public void EveryBuffer_HasItsOwnLog_NamedInEveryEventAndPage()
    {
        var buffer = Filled(capacity: 10, count: 1);
        var other = Filled(capacity: 10, count: 1);

        using var document = JsonDocument.Parse(buffer.ReadAfter(0, 10).Events[0].Json);

        Assert.NotEqual(buffer.Log, other.Log);
        Assert.Equal(buffer.Log, document.RootElement.GetProperty("log").GetString());
        Assert.Equal(buffer.Log, buffer.ReadAfter(0, 10).Log);
    }

    [Fact]
    public void Overflow_PastAReadersCursor_SaysWhichSequencesItMissed()
    {
        var buffer = Filled(capacity: 4, count: 9);

        var page = buffer.ReadAfter(1, 10);

        Assert.Equal(4, page.Missed);
        Assert.Equal(2, page.FirstMissed);
        Assert.Equal(new EventLogPosition(buffer.Log, 6, 9), buffer.Position);
    }

    [Fact]
    public void ReadingFromZero_AfterOverflow_IsNotCountedAsMissed()
    {
        var buffer = Filled(capacity: 2, count: 5);

        var page = buffer.ReadAfter(0, 10);

        Assert.Equal([4L, 5], page.Events.Select(e => e.Sequence));
        Assert.Equal(0, page.Missed);
    }

    [Fact]
    public void TooManyConsumers_IsRefused_ButKnownOnesKeepWorking()
    {
        var limited = new EventBuffer(10, 1, Json);
        Assert.True(limited.TryReadForConsumer("only", 10, out _));
        Assert.False(limited.TryReadForConsumer("another", 10, out _));
        Assert.True(limited.TryReadForConsumer("only", 10, out _));
    }

    [Fact]
    public async Task WaitForEventAfter_CompletesWhenAnEventArrives()
    {
        var buffer = Filled(capacity: 10, count: 2);
        var waiting = buffer.WaitForEventAfterAsync(2, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        buffer.Append("update", "dev", Now, null);

        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(buffer.WaitForEventAfterAsync(1, TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public void ReadLatest_GivesTheNewestKept_NewestFirst_WithoutCountingMissedEvents()
    {
        var buffer = Filled(3, 5);

        Assert.Equal([5L, 4L, 3L], buffer.ReadLatest(10).Select(e => e.Sequence));
        Assert.Equal([5L, 4L], buffer.ReadLatest(2).Select(e => e.Sequence));
        Assert.Empty(buffer.ReadLatest(0));
        Assert.Empty(Filled(3, 0).ReadLatest(5));
        Assert.Equal(0, buffer.Missed);
    }

    static EventBuffer Filled(int capacity, int count)
    {
        var buffer = new EventBuffer(capacity, 4, Json);
        for (var i = 0; i < count; i++)
        {
            buffer.Append("update", "dev", Now, null);
        }
        return buffer;
    }
}
