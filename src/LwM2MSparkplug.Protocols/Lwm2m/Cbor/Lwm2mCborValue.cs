using System.Formats.Cbor;

namespace LwM2MSparkplug.Protocols.Lwm2m.Cbor;

/// <summary>
/// One resource value as a CBOR item (Core App. C Tbl C-2), shared by LwM2M CBOR (11544) and plain CBOR (60): any
/// integer or float width, definite or indefinite strings, null, and a time as tag 1 (epoch) or tag 0 (RFC 3339).
/// Read as <see cref="long"/> (or <see cref="ulong"/> above <see cref="long.MaxValue"/>), <see cref="double"/>,
/// <see cref="bool"/>, <see cref="string"/>, <see cref="byte"/>[] or null, for the object model to type.
/// </summary>
static class Lwm2mCborValue
{
    /// <summary>Reads the next item; the reader throws on malformed CBOR (see <see cref="CborInput.IsMalformed"/>).</summary>
    public static bool TryRead(CborReader reader, out object? value, out string error)
    {
        error = string.Empty;
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                var unsigned = reader.ReadUInt64();
                value = unsigned <= long.MaxValue ? (long)unsigned : unsigned;
                return true;
            case CborReaderState.NegativeInteger:
                value = reader.ReadInt64();
                return true;
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                value = reader.ReadDouble();
                return true;
            case CborReaderState.Boolean:
                value = reader.ReadBoolean();
                return true;
            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                value = reader.ReadTextString();
                return true;
            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                value = reader.ReadByteString();
                return true;
            case CborReaderState.Null:
                reader.ReadNull();
                value = null;
                return true;
            case CborReaderState.Tag when reader.PeekTag() == CborTag.UnixTimeSeconds:
                value = reader.ReadUnixTimeSeconds().ToUnixTimeSeconds();
                return true;
            case CborReaderState.Tag when reader.PeekTag() == CborTag.DateTimeString:
                value = reader.ReadDateTimeOffset().ToUnixTimeSeconds();
                return true;
            default:
                reader.SkipValue();
                value = null;
                error = "not a value an LwM2M resource takes in CBOR";
                return false;
        }
    }

    /// <summary>Writes a value as read above (an object link as its <c>"oid:iid"</c> text, a time as plain seconds).</summary>
    public static void Write(CborWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case long l: writer.WriteInt64(l); break;
            case ulong u: writer.WriteUInt64(u); break;
            case double d: writer.WriteDouble(d); break;
            case bool b: writer.WriteBoolean(b); break;
            case string s: writer.WriteTextString(s); break;
            case byte[] bytes: writer.WriteByteString(bytes); break;
            default: throw new ArgumentException($"{value.GetType().Name} is not a value LwM2M CBOR carries.", nameof(value));
        }
    }
}
