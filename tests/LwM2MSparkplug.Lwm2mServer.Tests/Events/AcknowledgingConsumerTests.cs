using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Events;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Events;

/// <summary>
/// A consumer that acknowledges what it wrote (Redpanda Connect after its Kafka write): it loses nothing when it
/// crashes between reading and writing, and sees no repeat while it keeps up.
/// </summary>
public sealed class AcknowledgingConsumerTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void Unacknowledged_IsHandedOutAgain_AfterTheTimeout_AndNotBefore()
    {
        var buffer = Filled(5);

        Assert.True(buffer.TryReadForConsumer("connect", 10, out var first, T0, Timeout));
        Assert.True(buffer.TryReadForConsumer("connect", 10, out var beforeTimeout, T0.AddSeconds(29), Timeout));
        Assert.True(buffer.TryReadForConsumer("connect", 10, out var afterTimeout, T0.AddSeconds(30), Timeout));

        Assert.Equal([1L, 2, 3, 4, 5], first.Events.Select(e => e.Sequence));
        Assert.Empty(beforeTimeout.Events);
        Assert.Equal([1L, 2, 3, 4, 5], afterTimeout.Events.Select(e => e.Sequence));
        Assert.Equal(5, buffer.Redelivered);
    }

    [Fact]
    public void Acknowledged_IsNotHandedOutAgain_ButWhatFollowsItIs()
    {
        var buffer = Filled(5);
        buffer.TryReadForConsumer("connect", 10, out _, T0, Timeout);

        Assert.Equal(EventAcknowledgement.Acknowledged, buffer.Acknowledge("connect", buffer.Log, 3));
        Assert.True(buffer.TryReadForConsumer("connect", 10, out var later, T0.AddMinutes(1), Timeout));

        Assert.Equal([4L, 5], later.Events.Select(e => e.Sequence));
        Assert.Equal(new ConsumerCursor(3, 5, T0.AddMinutes(1)), buffer.CursorOf("connect"));
    }

    [Fact]
    public void AcknowledgementsInAnyOrder_KeepTheHighest()
    {
        var buffer = Filled(5);
        buffer.TryReadForConsumer("connect", 10, out _, T0, Timeout);

        buffer.Acknowledge("connect", buffer.Log, 5);
        buffer.Acknowledge("connect", buffer.Log, 2);

        Assert.Equal(5, buffer.CursorOf("connect")!.Value.Committed);
        Assert.True(buffer.TryReadForConsumer("connect", 10, out var later, T0.AddMinutes(1), Timeout));
        Assert.Empty(later.Events);
    }

    [Fact]
    public void Acknowledgement_OfAnotherLog_OrBeyondWhatWasRead_OrOfAStranger_ChangesNothing()
    {
        var buffer = Filled(5);
        buffer.TryReadForConsumer("connect", 2, out _, T0, Timeout);

        Assert.Equal(EventAcknowledgement.OtherLog, buffer.Acknowledge("connect", "0123456789abcdef", 2));
        Assert.Equal(EventAcknowledgement.NotDelivered, buffer.Acknowledge("connect", buffer.Log, 3));
        Assert.Equal(EventAcknowledgement.UnknownConsumer, buffer.Acknowledge("stranger", buffer.Log, 1));
        Assert.Equal(new ConsumerCursor(0, 2, T0), buffer.CursorOf("connect"));
    }

    [Fact]
    public void WithoutAcknowledgements_WhatIsReadCountsAsTaken()
    {
        var buffer = Filled(3);

        buffer.TryReadForConsumer("plain", 10, out _, T0);
        Assert.True(buffer.TryReadForConsumer("plain", 10, out var later, T0.AddHours(1)));

        Assert.Empty(later.Events);
        Assert.Equal(0, buffer.Redelivered);
    }

    [Fact]
    public void Unacknowledged_ThatFellOutOfTheBuffer_IsCountedMissed_NotHandedOutForever()
    {
        var buffer = new EventBuffer(3, 4, Json);
        for (var i = 0; i < 3; i++)
        {
            buffer.Append("send", "dev-1", T0, null);
        }
        buffer.TryReadForConsumer("connect", 10, out _, T0, Timeout);
        buffer.Acknowledge("connect", buffer.Log, 1);
        for (var i = 0; i < 3; i++)
        {
            buffer.Append("send", "dev-1", T0, null);
        }

        Assert.True(buffer.TryReadForConsumer("connect", 10, out var redelivered, T0.AddMinutes(1), Timeout));

        // 2 and 3 were handed out, never acknowledged, and are gone: missed, as for any reader that fell behind.
        Assert.Equal([4L, 5, 6], redelivered.Events.Select(e => e.Sequence));
        Assert.Equal(2, redelivered.Missed);
        Assert.Equal(3, buffer.CursorOf("connect")!.Value.Committed);
    }

    [Theory]
    [InlineData("""{"log":"a","sequence":7,"type":"send"}""", "a", 7)]
    [InlineData("""[{"log":"a","sequence":7},{"log":"a","sequence":9},{"log":"a","sequence":8}]""", "a", 9)]
    public void Request_ReadsTheEventsItself_TheHighestSequenceCounts(string json, string log, long sequence)
    {
        Assert.True(EventAcknowledgementRequest.TryRead(JsonDocument.Parse(json).RootElement, out var request, out _));
        Assert.Equal(new EventAcknowledgementRequest(log, sequence), request);
    }

    [Theory]
    [InlineData("[]", "empty")]
    [InlineData("""{"sequence":7}""", "\"log\"")]
    [InlineData("""{"log":"a","sequence":0}""", "positive")]
    [InlineData("""[{"log":"a","sequence":7},{"log":"b","sequence":8}]""", "two logs")]
    [InlineData("42", "JSON object")]
    public void Request_ThatIsNotEvents_IsRefused_SayingWhy(string json, string why)
    {
        Assert.False(EventAcknowledgementRequest.TryRead(JsonDocument.Parse(json).RootElement, out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    static EventBuffer Filled(int count)
    {
        var buffer = new EventBuffer(100, 4, Json);
        for (var i = 0; i < count; i++)
        {
            buffer.Append("send", "dev-1", T0, null);
        }
        return buffer;
    }
}
