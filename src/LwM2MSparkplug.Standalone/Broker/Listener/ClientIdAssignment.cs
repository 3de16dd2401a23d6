using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>
/// Gives a client that connects with an empty client id one of its own, where the MQTT version allows it. MQTTnet 5.2
/// refuses an empty id from MQTT 3.1.1 clients, and Debian's <c>mosquitto_sub</c>/<c>mosquitto_pub</c> send one.
/// </summary>
public static class ClientIdAssignment
{
    /// <summary>Prefix of assigned ids, as Mosquitto's, so they read as assigned in logs and <c>$SYS</c>.</summary>
    public const string Prefix = "auto-";

    /// <summary>Sets an id on <paramref name="connect"/> if it has none and may get one; returns whether it did.</summary>
    public static bool TryAssign(MqttConnectPacket connect, MqttProtocolVersion protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(connect);
        if (!string.IsNullOrEmpty(connect.ClientId) || !MayAssign(connect, protocolVersion))
        {
            return false;
        }
        connect.ClientId = Prefix + Guid.NewGuid().ToString("N");
        return true;
    }

    // MQTT 3.1.1 §3.1.3.1: only with CleanSession = 1; without it the server answers 0x02 (MQTTnet does).
    // MQTT 5 §3.1.3.1.1: the server may assign one and returns it as Assigned Client Identifier in CONNACK.
    // MQTT 3.1 requires an id of 1 to 23 characters.
    static bool MayAssign(MqttConnectPacket connect, MqttProtocolVersion protocolVersion) => protocolVersion switch
    {
        MqttProtocolVersion.V500 => true,
        MqttProtocolVersion.V311 => connect.CleanSession,
        _ => false,
    };
}
