namespace LwM2MSparkplug.Protocols.Mqtt;

/// <summary>
/// What a device's protocol cores ask of its one MQTT connection: messages to publish, in order, and at most one
/// restart after them. The cores write into it; the device's transport shell publishes and then clears it.
/// Not thread-safe: one outbox belongs to one device, whose calls into its cores are serialised.
/// </summary>
public sealed class Outbox
{
    readonly List<OutboundMessage> _messages = [];

    public IReadOnlyList<OutboundMessage> Messages => _messages;

    /// <summary>Set when a core wants the connection closed (after <see cref="Messages"/>) and opened again.</summary>
    public RestartReason Restart { get; private set; }

    public bool IsEmpty => _messages.Count == 0 && Restart == RestartReason.None;

    public void Publish(OutboundMessage message) => _messages.Add(message);

    /// <summary>Asks for a restart; the first reason asked for wins.</summary>
    public void RequestRestart(RestartReason reason)
    {
        if (Restart == RestartReason.None)
        {
            Restart = reason;
        }
    }

    public void Clear()
    {
        _messages.Clear();
        Restart = RestartReason.None;
    }
}
