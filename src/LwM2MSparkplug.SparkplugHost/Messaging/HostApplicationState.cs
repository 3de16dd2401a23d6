using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// The host's own STATE: its topic and the timestamp T of the current MQTT session, which the Will and
/// the online birth share (Sparkplug 3.0 §5.2, tck-id-host-topic-phid-birth-payload-timestamp).
/// </summary>
public sealed class HostApplicationState(IOptions<SparkplugHostOptions> options)
{
    long _sessionTimestamp;

    public string HostId { get; } = options.Value.HostId;
    public string Topic { get; } = SparkplugTopic.ForState(options.Value.HostId).ToString();

    /// <summary>T of the current session: set when the Will is built for a new CONNECT.</summary>
    public long SessionTimestamp => Interlocked.Read(ref _sessionTimestamp);

    public HostState BeginSession(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _sessionTimestamp, now.ToUnixTimeMilliseconds());
        return new HostState(false, SessionTimestamp);
    }

    public HostState Online => new(true, SessionTimestamp);

    /// <summary>Set before the intentional offline STATE, so our own offline message is not answered with online.</summary>
    public bool IsEnding { get; private set; }

    public HostState EndSession(DateTimeOffset now)
    {
        IsEnding = true;
        return new HostState(false, now.ToUnixTimeMilliseconds());
    }
}
