using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Cbor;

/// <summary>
/// One value of an LwM2M CBOR payload at its absolute path, as the CBOR item carried it (before the object model
/// types it): <see cref="long"/> or <see cref="ulong"/> for integers, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="string"/>, <see cref="byte"/>[], or null (an executable resource).
/// </summary>
public sealed record Lwm2mCborItem(Lwm2mPath Path, object? Value);
