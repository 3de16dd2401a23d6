using System.Net;
using MQTTnet;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>What the broker front tells the broker about, to count and log.</summary>
/// <param name="PacketRefused">A packet was refused before it was read, and its connection closed.</param>
/// <param name="EmptyClientIdRefused">
/// An MQTT 3.1.1 client connected with an empty client id and no clean session, and got CONNACK 0x02; with the remote end point.
/// </param>
/// <param name="WillRequested">
/// An MQTT 5 client ended its connection with DISCONNECT 0x04 (Disconnect with Will Message): the broker is to publish
/// this Will on behalf of the client with this id.
/// </param>
public sealed record BrokerFrontEvents(Action<PacketRefusal> PacketRefused, Action<EndPoint?> EmptyClientIdRefused, Action<string, MqttApplicationMessage> WillRequested);
