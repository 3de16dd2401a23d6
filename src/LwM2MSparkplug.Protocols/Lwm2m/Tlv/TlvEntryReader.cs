using System.Buffers.Binary;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Tlv;

/// <summary>
/// Splits bytes into the TLVs of one level (Core §7.4.3). Type byte: bits 7-6 the kind, bit 5 the identifier's width
/// (8 or 16 bits), bits 4-3 the length's width (0: the length is bits 2-0; 1, 2, 3: an 8-, 16- or 24-bit length
/// follows the identifier). Refuses a header or value that runs past the end, and identifier 65535 (reserved).
/// A length written wider than it needs is read; bits 2-0 beside a length field are ignored.
/// </summary>
static class TlvEntryReader
{
    /// <summary>
    /// Reads the TLVs of <paramref name="bytes"/> (the whole content, or the value of an object instance or multiple
    /// resource), which start at byte <paramref name="start"/> of the content, the offset errors and entries give.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, int start, out IReadOnlyList<TlvEntry> entries, out string error)
    {
        var list = new List<TlvEntry>();
        entries = list;
        var span = bytes.Span;
        var position = 0;
        while (position < span.Length)
        {
            var offset = start + position;
            var type = span[position];
            var idWidth = (type & 0x20) == 0 ? 1 : 2;
            var lengthWidth = (type >> 3) & 0x3;
            var headerLength = 1 + idWidth + lengthWidth;
            if (span.Length - position < headerLength)
            {
                error = $"TLV at byte {offset}: its header needs {headerLength} bytes, {span.Length - position} left";
                return false;
            }
            var id = idWidth == 1 ? span[position + 1] : BinaryPrimitives.ReadUInt16BigEndian(span[(position + 1)..]);
            if (id > Lwm2mPath.MaxId)
            {
                error = $"TLV at byte {offset}: identifier {id} is reserved";
                return false;
            }
            var length = lengthWidth == 0 ? type & 0x7 : ReadLength(span.Slice(position + 1 + idWidth, lengthWidth));
            position += headerLength;
            if (length > span.Length - position)
            {
                error = $"TLV at byte {offset}: its value of {length} bytes runs past the end ({span.Length - position} left)";
                return false;
            }
            list.Add(new TlvEntry((TlvKind)(type >> 6), (ushort)id, bytes.Slice(position, length), offset, start + position));
            position += length;
        }
        error = string.Empty;
        return true;
    }

    static int ReadLength(ReadOnlySpan<byte> field)
    {
        var length = 0;
        foreach (var b in field)
        {
            length = (length << 8) | b;
        }
        return length;
    }
}
