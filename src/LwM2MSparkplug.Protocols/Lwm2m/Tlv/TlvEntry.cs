namespace LwM2MSparkplug.Protocols.Lwm2m.Tlv;

/// <summary>One TLV as read: its kind, identifier and value bytes, with where it and its value start in the content (for errors and nesting).</summary>
sealed record TlvEntry(TlvKind Kind, ushort Id, ReadOnlyMemory<byte> Value, int Offset, int ValueOffset)
{
    public string Describe() => Kind switch
    {
        TlvKind.ObjectInstance => $"object instance {Id}",
        TlvKind.ResourceInstance => $"resource instance {Id}",
        TlvKind.MultipleResource => $"multiple resource {Id}",
        _ => $"resource {Id}",
    };
}
