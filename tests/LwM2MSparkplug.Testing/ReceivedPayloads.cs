using System.Collections.Concurrent;
using MQTTnet;

namespace LwM2MSparkplug.Testing;

/// <summary>What a connection's message handler was given, as text, for a test to wait on.</summary>
public sealed class ReceivedPayloads
{
    readonly ConcurrentQueue<string> _payloads = new();

    /// <summary>The handler to give the connection (<c>MqttSessionDefinition.OnMessage</c>).</summary>
    public Task OnMessage(MqttApplicationMessageReceivedEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _payloads.Enqueue(args.ApplicationMessage.ConvertPayloadToString());
        return Task.CompletedTask;
    }

    public bool Contains(string payload) => _payloads.Contains(payload);
}
