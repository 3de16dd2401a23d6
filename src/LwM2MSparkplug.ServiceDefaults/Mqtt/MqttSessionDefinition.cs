using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>A last will, rebuilt before every CONNECT so it can carry per-session data (Sparkplug bdSeq).</summary>
public sealed record MqttWill(string Topic, byte[] Payload, MqttQualityOfServiceLevel QualityOfService, bool Retain);

/// <summary>What one MQTT client session is: identity, will, subscriptions and callbacks.</summary>
public sealed class MqttSessionDefinition
{
    public required string ClientId { get; init; }

    /// <summary>
    /// This session's own TLS client certificate (with its key), used instead of the connection's
    /// <c>Mqtt:ClientCertificate</c>: one process may hold many identities (a simulator's devices). Called before each
    /// CONNECT, so a certificate can be made when first needed, on the connection's own task.
    /// </summary>
    public Func<X509Certificate2?>? ClientCertificate { get; init; }

    /// <summary>Clean start and no session expiry (Sparkplug's rule for hosts and edges). False keeps the session for <see cref="SessionExpiry"/>.</summary>
    public bool CleanSession { get; init; } = true;

    public TimeSpan SessionExpiry { get; init; } = TimeSpan.Zero;

    /// <summary>Called before each CONNECT; null: no will.</summary>
    public Func<MqttWill?>? Will { get; init; }

    /// <summary>
    /// Ends every intentional disconnect (stop, restart) with MQTT 5 reason 0x04, Disconnect with Will Message, so
    /// the broker publishes the Will rather than discarding it: a Sparkplug edge node's NDEATH (Sparkplug 3.0
    /// tck-id-payloads-ndeath-will-message-publisher-disconnect-mqtt50). False: reason 0, the Will is discarded.
    /// </summary>
    public bool DisconnectWithWill { get; init; }

    public IReadOnlyList<MqttTopicFilter> Subscriptions { get; init; } = [];

    /// <summary>
    /// Subscriptions made with an MQTT 5 subscription identifier (one SUBSCRIBE per identifier), so received messages
    /// tell which subscription delivered them.
    /// </summary>
    public IReadOnlyList<(uint Identifier, MqttTopicFilter Filter)> IdentifiedSubscriptions { get; init; } = [];

    /// <summary>Awaited before each CONNECT attempt, e.g. a fleet-wide limit on connects per second.</summary>
    public Func<CancellationToken, ValueTask>? BeforeConnect { get; init; }

    /// <summary>Runs after CONNACK and the subscriptions, before the connection counts as up (e.g. to publish births).</summary>
    public Func<IMqttClient, CancellationToken, Task>? OnConnected { get; init; }

    /// <summary>Handles one received message. Exceptions are caught, logged and counted; the loop goes on.</summary>
    public Func<MqttApplicationMessageReceivedEventArgs, Task>? OnMessage { get; init; }

    /// <summary>Called once per connection loss, with the reason MQTTnet gives; not on an intentional stop.</summary>
    public Func<MqttClientDisconnectedEventArgs, Task>? OnDisconnected { get; init; }

    /// <summary>Acknowledge QoS 1/2 messages only when the handler calls <c>AcknowledgeAsync</c>.</summary>
    public bool ManualAcknowledgement { get; init; }

    /// <summary>Receive maximum advertised to the broker: the most unacknowledged QoS 1/2 messages in flight. 0: broker default.</summary>
    public ushort ReceiveMaximum { get; init; }

    public static MqttTopicFilter Subscription(string topic, MqttQualityOfServiceLevel qualityOfService = MqttQualityOfServiceLevel.AtLeastOnce) =>
        new MqttTopicFilterBuilder().WithTopic(topic).WithQualityOfServiceLevel(qualityOfService).Build();
}
