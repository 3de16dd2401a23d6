using System.Buffers.Binary;

namespace LwM2MSparkplug.Protocols.Lwm2m.Tlv;

/// <summary>Writes one TLV (Core §7.4.3) with the narrowest identifier and length fields that hold them.</summary>
static class TlvEntryWriter
{
    const int MaxLength = 0xFFFFFF;

    public static byte[] Write(TlvKind kind, ushort id, ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"A TLV value holds at most {MaxLength} bytes; this one has {value.Length}.", nameof(value));
        }
        var idWidth = id <= byte.MaxValue ? 1 : 2;
        var lengthWidth = value.Length switch
        {
            <= 7 => 0,
            <= byte.MaxValue => 1,
            <= ushort.MaxValue => 2,
            _ => 3,
        };
        var entry = new byte[1 + idWidth + lengthWidth + value.Length];
        entry[0] = (byte)(((int)kind << 6) | (idWidth == 2 ? 0x20 : 0) | (lengthWidth << 3) | (lengthWidth == 0 ? value.Length : 0));
        if (idWidth == 1)
        {
            entry[1] = (byte)id;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(entry.AsSpan(1), id);
        }
        for (var i = 0; i < lengthWidth; i++)
        {
            entry[1 + idWidth + i] = (byte)(value.Length >> (8 * (lengthWidth - 1 - i)));
        }
        value.CopyTo(entry.AsSpan(1 + idWidth + lengthWidth));
        return entry;
    }
}
