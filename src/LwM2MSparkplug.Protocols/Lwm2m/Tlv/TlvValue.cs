using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Lwm2m.Tlv;

/// <summary>
/// A resource value as TLV value bytes (Core §7.4.3): integers and times signed big-endian in 1, 2, 4 or 8 bytes,
/// unsigned integers likewise unsigned, floats IEEE in 4 or 8 bytes, a boolean one byte 0 or 1, strings UTF-8,
/// opaque raw, an object link two 16-bit ids. The bytes carry no type: the resource's type says how to read them.
/// </summary>
static class TlvValue
{
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Reads bytes as <paramref name="type"/>; the error says what the type needs and what came.</summary>
    public static bool TryRead(Lwm2mResourceType type, ReadOnlySpan<byte> bytes, out object value, out string error)
    {
        error = string.Empty;
        object? read = type switch
        {
            Lwm2mResourceType.Integer or Lwm2mResourceType.Time => bytes.Length switch
            {
                1 => (long)(sbyte)bytes[0],
                2 => (long)BinaryPrimitives.ReadInt16BigEndian(bytes),
                4 => (long)BinaryPrimitives.ReadInt32BigEndian(bytes),
                8 => BinaryPrimitives.ReadInt64BigEndian(bytes),
                _ => null,
            },
            Lwm2mResourceType.UnsignedInteger => bytes.Length switch
            {
                1 => (ulong)bytes[0],
                2 => (ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes),
                4 => (ulong)BinaryPrimitives.ReadUInt32BigEndian(bytes),
                8 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
                _ => null,
            },
            Lwm2mResourceType.Float => bytes.Length switch
            {
                4 => (double)BinaryPrimitives.ReadSingleBigEndian(bytes),
                8 => BinaryPrimitives.ReadDoubleBigEndian(bytes),
                _ => null,
            },
            Lwm2mResourceType.Boolean => bytes is [0] ? false : bytes is [1] ? true : null,
            Lwm2mResourceType.Opaque => bytes.ToArray(),
            Lwm2mResourceType.ObjectLink when bytes.Length == 4 => string.Create(CultureInfo.InvariantCulture,
                $"{BinaryPrimitives.ReadUInt16BigEndian(bytes)}:{BinaryPrimitives.ReadUInt16BigEndian(bytes[2..])}"),
            Lwm2mResourceType.String or Lwm2mResourceType.CoreLink => TryUtf8(bytes),
            _ => null,
        };
        if (read is double d && !double.IsFinite(d))
        {
            read = null;
        }
        value = read!;
        if (read is null)
        {
            error = $"needs {Describe(type)}; got {bytes.Length} bytes {Convert.ToHexStringLower(bytes[..Math.Min(bytes.Length, 8)])}{(bytes.Length > 8 ? "…" : "")}";
        }
        return read is not null;
    }

    /// <summary>
    /// The value bytes of <paramref name="value"/>. Integers take the fewest of 1, 2, 4 or 8 bytes; an unsigned one also
    /// keeps its top bit clear below 8 bytes, so a peer that reads the resource as signed (LwM2M 1.0 had Lifetime as
    /// Integer) reads the same number. A float takes 4 bytes when that is exact, else 8.
    /// </summary>
    public static byte[] Write(Lwm2mResourceValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Value switch
        {
            long l => Signed(l),
            ulong u => u > long.MaxValue ? BigEndian(u, 8) : Signed((long)u),
            double d when (float)d == d => BigEndian(BitConverter.SingleToUInt32Bits((float)d), 4),
            double d => BigEndian(BitConverter.DoubleToUInt64Bits(d), 8),
            bool b => [b ? (byte)1 : (byte)0],
            byte[] bytes => bytes,
            string link when value.Type == Lwm2mResourceType.ObjectLink => ObjectLink(link),
            string text => Encoding.UTF8.GetBytes(text),
            _ => throw new ArgumentException($"{value.Path}: {value.Value.GetType().Name} is not a value TLV carries.", nameof(value)),
        };
    }

    static byte[] Signed(long value) => value switch
    {
        >= sbyte.MinValue and <= sbyte.MaxValue => BigEndian((ulong)value, 1),
        >= short.MinValue and <= short.MaxValue => BigEndian((ulong)value, 2),
        >= int.MinValue and <= int.MaxValue => BigEndian((ulong)value, 4),
        _ => BigEndian((ulong)value, 8),
    };

    /// <summary>The low <paramref name="width"/> bytes of <paramref name="bits"/>, most significant first.</summary>
    static byte[] BigEndian(ulong bits, int width)
    {
        var bytes = new byte[width];
        for (var i = 0; i < width; i++)
        {
            bytes[i] = (byte)(bits >> (8 * (width - 1 - i)));
        }
        return bytes;
    }

    static byte[] ObjectLink(string link)
    {
        if (link.Split(':') is not [var objectId, var instanceId]
            || !ushort.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out var o)
            || !ushort.TryParse(instanceId, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            throw new ArgumentException($"'{link}' is not an object link \"objectId:instanceId\".", nameof(link));
        }
        return [.. BigEndian(o, 2), .. BigEndian(i, 2)];
    }

    static string? TryUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    static string Describe(Lwm2mResourceType type) => type switch
    {
        Lwm2mResourceType.Integer or Lwm2mResourceType.Time => "a signed integer of 1, 2, 4 or 8 bytes",
        Lwm2mResourceType.UnsignedInteger => "an unsigned integer of 1, 2, 4 or 8 bytes",
        Lwm2mResourceType.Float => "a finite float of 4 or 8 bytes",
        Lwm2mResourceType.Boolean => "one byte, 0 or 1",
        Lwm2mResourceType.ObjectLink => "an object link of 4 bytes (two 16-bit ids)",
        Lwm2mResourceType.String or Lwm2mResourceType.CoreLink => "UTF-8 text",
        _ => "no value (it is executable)",
    };
}
