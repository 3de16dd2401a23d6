using System.Net;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>A packet the broker front refused before reading it, and whose connection it closed.</summary>
/// <param name="Reason">Why: <see cref="PacketLengthCheck.TooLarge"/> or <see cref="PacketLengthCheck.MalformedRemainingLength"/>.</param>
/// <param name="ClaimedPacketBytes">The size its fixed header claimed, header included; 0 for a malformed length.</param>
/// <param name="MaxPacketBytes">The limit in force.</param>
/// <param name="ClientId">The client's id, or null when the packet came before (or was) the CONNECT.</param>
/// <param name="RemoteEndPoint">Where the connection came from.</param>
public sealed record PacketRefusal(PacketLengthCheck Reason, long ClaimedPacketBytes, int MaxPacketBytes, string? ClientId, EndPoint? RemoteEndPoint);
