using LwM2MSparkplug.Lwm2mServer.Events;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Events;

public sealed class EventLogPositionTests
{
    static readonly EventLogPosition Position = new("log-a", 5, 20);

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, 0L)]
    [InlineData(null, 20L)]
    [InlineData("log-a", 3L)]
    [InlineData("log-a", null)]
    public void CursorOfThisLog_UpToTheLastSequence_IsUsable(string? log, long? after)
    {
        Assert.Equal(EventCursorError.None, Position.Check(log, after));
    }

    [Theory]
    [InlineData("log-b", 3L)]
    [InlineData("log-b", null)]
    [InlineData("log-b", 0L)]
    public void CursorOfAnotherLog_IsFromAnotherRun(string log, long? after)
    {
        Assert.Equal(EventCursorError.OtherLog, Position.Check(log, after));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("log-a")]
    public void CursorBeyondTheLastSequence_IsFromTheFuture(string? log)
    {
        Assert.Equal(EventCursorError.BeyondLast, Position.Check(log, 21));
    }
}
