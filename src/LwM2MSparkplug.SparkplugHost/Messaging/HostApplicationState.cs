using System.Collections.Concurrent;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// The host's own STATE: its topic and, per MQTT server, the timestamp T of the current session there, which the
/// Will and the online birth on that server share (Sparkplug 3.0 §5.2,
/// tck-id-host-topic-phid-birth-payload-timestamp). Each server has its own session, so its own T.
/// </summary>
public sealed class HostApplicationState(IOptions<SparkplugHostOptions> options)
{
    readonly ConcurrentDictionary<int, long> _sessionTimestamps = new();

    public string HostId { get; } = options.Value.HostId;
    public string Topic { get; } = SparkplugTopic.ForState(options.Value.HostId).ToString();

    /// <summary>T of the current session on <paramref name="server"/>: set when the Will is built for a new CONNECT; 0 before.</summary>
    public long SessionTimestamp(int server) => _sessionTimestamps.GetValueOrDefault(server);

    public HostState BeginSession(int server, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds();
        _sessionTimestamps[server] = timestamp;
        return new HostState(false, timestamp);
    }

    public HostState OnlineOn(int server) => new(true, SessionTimestamp(server));

    /// <summary>Set before the intentional offline STATE, so our own offline message is not answered with online.</summary>
    public bool IsEnding { get; private set; }

    public HostState EndSession(DateTimeOffset now)
    {
        IsEnding = true;
        return new HostState(false, now.ToUnixTimeMilliseconds());
    }
}
