namespace LwM2MSparkplug.Protocols.Lwm2m.Tlv;

/// <summary>What a TLV's identifier names: bits 7-6 of its type byte (Core §7.4.3).</summary>
enum TlvKind
{
    /// <summary>00: an object instance; its value is resource TLVs.</summary>
    ObjectInstance = 0,
    /// <summary>01: one instance of a multiple resource; its value is the instance's value.</summary>
    ResourceInstance = 1,
    /// <summary>10: a multiple resource; its value is resource-instance TLVs.</summary>
    MultipleResource = 2,
    /// <summary>11: a single resource; its value is the resource's value.</summary>
    ResourceWithValue = 3,
}
