using System.Buffers.Binary;
using System.Text;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// Packs and unpacks the 13 Sparkplug array datatypes into <c>bytes_value</c> (Sparkplug 3.0 §6.4.17):
/// little-endian elements; BooleanArray is a 4-byte little-endian count followed by bits packed
/// most-significant-bit first; StringArray is NUL-terminated UTF-8; DateTimeArray is Int64 milliseconds.
/// </summary>
public static class SparkplugArrayCodec
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The CLR element type used for an array datatype, or null for a non-array datatype.</summary>
    public static Type? ElementType(SparkplugDataType dataType) => dataType switch
    {
        SparkplugDataType.Int8Array => typeof(sbyte),
        SparkplugDataType.Int16Array => typeof(short),
        SparkplugDataType.Int32Array => typeof(int),
        SparkplugDataType.Int64Array => typeof(long),
        SparkplugDataType.UInt8Array => typeof(byte),
        SparkplugDataType.UInt16Array => typeof(ushort),
        SparkplugDataType.UInt32Array => typeof(uint),
        SparkplugDataType.UInt64Array => typeof(ulong),
        SparkplugDataType.FloatArray => typeof(float),
        SparkplugDataType.DoubleArray => typeof(double),
        SparkplugDataType.BooleanArray => typeof(bool),
        SparkplugDataType.StringArray => typeof(string),
        SparkplugDataType.DateTimeArray => typeof(long),
        _ => null,
    };

    public static bool IsArray(SparkplugDataType dataType) => ElementType(dataType) is not null;

    public static byte[] Encode(SparkplugDataType dataType, Array array)
    {
        ArgumentNullException.ThrowIfNull(array);
        switch (dataType)
        {
            case SparkplugDataType.Int8Array:
                return [.. ((sbyte[])array).Select(v => unchecked((byte)v))];
            case SparkplugDataType.UInt8Array:
                return [.. (byte[])array];
            case SparkplugDataType.Int16Array:
                return Pack((short[])array, 2, static (span, v) => BinaryPrimitives.WriteInt16LittleEndian(span, v));
            case SparkplugDataType.UInt16Array:
                return Pack((ushort[])array, 2, static (span, v) => BinaryPrimitives.WriteUInt16LittleEndian(span, v));
            case SparkplugDataType.Int32Array:
                return Pack((int[])array, 4, static (span, v) => BinaryPrimitives.WriteInt32LittleEndian(span, v));
            case SparkplugDataType.UInt32Array:
                return Pack((uint[])array, 4, static (span, v) => BinaryPrimitives.WriteUInt32LittleEndian(span, v));
            case SparkplugDataType.Int64Array:
            case SparkplugDataType.DateTimeArray:
                return Pack((long[])array, 8, static (span, v) => BinaryPrimitives.WriteInt64LittleEndian(span, v));
            case SparkplugDataType.UInt64Array:
                return Pack((ulong[])array, 8, static (span, v) => BinaryPrimitives.WriteUInt64LittleEndian(span, v));
            case SparkplugDataType.FloatArray:
                return Pack((float[])array, 4, static (span, v) => BinaryPrimitives.WriteSingleLittleEndian(span, v));
            case SparkplugDataType.DoubleArray:
                return Pack((double[])array, 8, static (span, v) => BinaryPrimitives.WriteDoubleLittleEndian(span, v));
            case SparkplugDataType.BooleanArray:
                return EncodeBooleans((bool[])array);
            case SparkplugDataType.StringArray:
                return EncodeStrings((string[])array);
            default:
                throw new ArgumentException($"{dataType} is not an array datatype.", nameof(dataType));
        }
    }

    public static bool TryDecode(SparkplugDataType dataType, ReadOnlySpan<byte> bytes, out Array array)
    {
        array = Array.Empty<byte>();
        switch (dataType)
        {
            case SparkplugDataType.Int8Array:
                array = bytes.ToArray().Select(b => unchecked((sbyte)b)).ToArray();
                return true;
            case SparkplugDataType.UInt8Array:
                array = bytes.ToArray();
                return true;
            case SparkplugDataType.Int16Array:
                return TryUnpack(bytes, 2, BinaryPrimitives.ReadInt16LittleEndian, out array);
            case SparkplugDataType.UInt16Array:
                return TryUnpack(bytes, 2, BinaryPrimitives.ReadUInt16LittleEndian, out array);
            case SparkplugDataType.Int32Array:
                return TryUnpack(bytes, 4, BinaryPrimitives.ReadInt32LittleEndian, out array);
            case SparkplugDataType.UInt32Array:
                return TryUnpack(bytes, 4, BinaryPrimitives.ReadUInt32LittleEndian, out array);
            case SparkplugDataType.Int64Array:
            case SparkplugDataType.DateTimeArray:
                return TryUnpack(bytes, 8, BinaryPrimitives.ReadInt64LittleEndian, out array);
            case SparkplugDataType.UInt64Array:
                return TryUnpack(bytes, 8, BinaryPrimitives.ReadUInt64LittleEndian, out array);
            case SparkplugDataType.FloatArray:
                return TryUnpack(bytes, 4, BinaryPrimitives.ReadSingleLittleEndian, out array);
            case SparkplugDataType.DoubleArray:
                return TryUnpack(bytes, 8, BinaryPrimitives.ReadDoubleLittleEndian, out array);
            case SparkplugDataType.BooleanArray:
                return TryDecodeBooleans(bytes, out array);
            case SparkplugDataType.StringArray:
                return TryDecodeStrings(bytes, out array);
            default:
                return false;
        }
    }

    delegate void ElementWriter<in T>(Span<byte> destination, T value);
    delegate T ElementReader<out T>(ReadOnlySpan<byte> source);

    static byte[] Pack<T>(T[] values, int size, ElementWriter<T> write)
    {
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            write(bytes.AsSpan(i * size, size), values[i]);
        }
        return bytes;
    }

    static bool TryUnpack<T>(ReadOnlySpan<byte> bytes, int size, ElementReader<T> read, out Array array)
    {
        if (bytes.Length % size != 0)
        {
            array = Array.Empty<T>();
            return false;
        }
        var values = new T[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(bytes.Slice(i * size, size));
        }
        array = values;
        return true;
    }

    static byte[] EncodeBooleans(bool[] values)
    {
        var bytes = new byte[4 + ((values.Length + 7) / 8)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                bytes[4 + (i / 8)] |= (byte)(0x80 >> (i % 8));
            }
        }
        return bytes;
    }

    static bool TryDecodeBooleans(ReadOnlySpan<byte> bytes, out Array array)
    {
        array = Array.Empty<bool>();
        if (bytes.Length < 4)
        {
            return false;
        }
        var count = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (count > int.MaxValue - 7 || bytes.Length - 4 != (int)((count + 7) / 8))
        {
            return false;
        }
        var values = new bool[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (bytes[4 + (i / 8)] & (0x80 >> (i % 8))) != 0;
        }
        array = values;
        return true;
    }

    static byte[] EncodeStrings(string[] values)
    {
        var buffer = new List<byte>();
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("A StringArray element cannot contain NUL.", nameof(values));
            }
            buffer.AddRange(Encoding.UTF8.GetBytes(value));
            buffer.Add(0);
        }
        return [.. buffer];
    }

    static bool TryDecodeStrings(ReadOnlySpan<byte> bytes, out Array array)
    {
        array = Array.Empty<string>();
        if (!bytes.IsEmpty && bytes[^1] != 0)
        {
            return false;
        }
        var values = new List<string>();
        try
        {
            while (!bytes.IsEmpty)
            {
                var end = bytes.IndexOf((byte)0);
                values.Add(StrictUtf8.GetString(bytes[..end]));
                bytes = bytes[(end + 1)..];
            }
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        array = values.ToArray();
        return true;
    }
}
