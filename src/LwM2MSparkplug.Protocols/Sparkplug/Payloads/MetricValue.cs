using System.Globalization;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// A Sparkplug metric value tagged with its datatype. Scalars are held without boxing.
/// </summary>
/// <remarks>
/// Integers are held as 64-bit two's complement: signed types sign-extended, unsigned types zero-extended.
/// DateTime is milliseconds since the Unix epoch (UTC). Float and Double are held as IEEE bits.
/// Reference values: <see cref="string"/> for String/Text/UUID, <see cref="byte"/>[] for Bytes/File,
/// typed CLR arrays for the array types (<c>DateTimeArray</c> as <see cref="long"/>[] milliseconds),
/// <see cref="SparkplugDataSet"/>, <see cref="SparkplugTemplate"/> and <see cref="SparkplugPropertySet"/>.
/// </remarks>
public readonly struct MetricValue : IEquatable<MetricValue>
{
    readonly ulong _bits;
    readonly object? _reference;

    MetricValue(SparkplugDataType dataType, ulong bits, object? reference, bool isNull)
    {
        DataType = dataType;
        _bits = bits;
        _reference = reference;
        IsNull = isNull;
    }

    public SparkplugDataType DataType { get; }

    /// <summary>True when the metric was sent with <c>is_null</c> (Sparkplug 3.0 §6.4.6).</summary>
    public bool IsNull { get; }

    public static MetricValue Null(SparkplugDataType dataType) => new(dataType, 0, null, isNull: true);

    public static MetricValue FromInt8(sbyte value) => new(SparkplugDataType.Int8, unchecked((ulong)(long)value), null, false);
    public static MetricValue FromInt16(short value) => new(SparkplugDataType.Int16, unchecked((ulong)(long)value), null, false);
    public static MetricValue FromInt32(int value) => new(SparkplugDataType.Int32, unchecked((ulong)(long)value), null, false);
    public static MetricValue FromInt64(long value) => new(SparkplugDataType.Int64, unchecked((ulong)value), null, false);
    public static MetricValue FromUInt8(byte value) => new(SparkplugDataType.UInt8, value, null, false);
    public static MetricValue FromUInt16(ushort value) => new(SparkplugDataType.UInt16, value, null, false);
    public static MetricValue FromUInt32(uint value) => new(SparkplugDataType.UInt32, value, null, false);
    public static MetricValue FromUInt64(ulong value) => new(SparkplugDataType.UInt64, value, null, false);
    public static MetricValue FromFloat(float value) => new(SparkplugDataType.Float, BitConverter.SingleToUInt32Bits(value), null, false);
    public static MetricValue FromDouble(double value) => new(SparkplugDataType.Double, BitConverter.DoubleToUInt64Bits(value), null, false);
    public static MetricValue FromBoolean(bool value) => new(SparkplugDataType.Boolean, value ? 1UL : 0UL, null, false);
    public static MetricValue FromDateTime(DateTimeOffset value) => FromDateTimeMilliseconds(value.ToUnixTimeMilliseconds());
    public static MetricValue FromDateTimeMilliseconds(long unixMilliseconds) => new(SparkplugDataType.DateTime, unchecked((ulong)unixMilliseconds), null, false);

    /// <summary>A String, Text or UUID value.</summary>
    public static MetricValue FromString(string value, SparkplugDataType dataType = SparkplugDataType.String)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (dataType is not (SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.Uuid))
        {
            throw new ArgumentException($"{dataType} is not a string datatype.", nameof(dataType));
        }
        return new MetricValue(dataType, 0, value, false);
    }

    /// <summary>A Bytes or File value.</summary>
    public static MetricValue FromBytes(byte[] value, SparkplugDataType dataType = SparkplugDataType.Bytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (dataType is not (SparkplugDataType.Bytes or SparkplugDataType.File))
        {
            throw new ArgumentException($"{dataType} is not a bytes datatype.", nameof(dataType));
        }
        return new MetricValue(dataType, 0, value, false);
    }

    /// <summary>An array value; <paramref name="array"/> must be the CLR array type of <paramref name="dataType"/>.</summary>
    public static MetricValue FromArray(SparkplugDataType dataType, Array array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var expected = SparkplugArrayCodec.ElementType(dataType)
            ?? throw new ArgumentException($"{dataType} is not an array datatype.", nameof(dataType));
        if (array.GetType().GetElementType() != expected || array.Rank != 1)
        {
            throw new ArgumentException($"{dataType} needs a {expected.Name}[]; got {array.GetType().Name}.", nameof(array));
        }
        return new MetricValue(dataType, 0, array, false);
    }

    public static MetricValue FromDataSet(SparkplugDataSet dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return new MetricValue(SparkplugDataType.DataSet, 0, dataSet, false);
    }

    public static MetricValue FromTemplate(SparkplugTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new MetricValue(SparkplugDataType.Template, 0, template, false);
    }

    public static MetricValue FromPropertySet(SparkplugPropertySet propertySet)
    {
        ArgumentNullException.ThrowIfNull(propertySet);
        return new MetricValue(SparkplugDataType.PropertySet, 0, propertySet, false);
    }

    public static MetricValue FromPropertySetList(IReadOnlyList<SparkplugPropertySet> propertySets)
    {
        ArgumentNullException.ThrowIfNull(propertySets);
        return new MetricValue(SparkplugDataType.PropertySetList, 0, propertySets.ToArray(), false);
    }

    /// <summary>An integer value of any integer datatype, truncated to that width.</summary>
    public static MetricValue FromInteger(SparkplugDataType dataType, long value) => dataType switch
    {
        SparkplugDataType.Int8 => FromInt8(unchecked((sbyte)value)),
        SparkplugDataType.Int16 => FromInt16(unchecked((short)value)),
        SparkplugDataType.Int32 => FromInt32(unchecked((int)value)),
        SparkplugDataType.Int64 => FromInt64(value),
        SparkplugDataType.UInt8 => FromUInt8(unchecked((byte)value)),
        SparkplugDataType.UInt16 => FromUInt16(unchecked((ushort)value)),
        SparkplugDataType.UInt32 => FromUInt32(unchecked((uint)value)),
        SparkplugDataType.UInt64 => FromUInt64(unchecked((ulong)value)),
        SparkplugDataType.DateTime => FromDateTimeMilliseconds(value),
        _ => throw new ArgumentException($"{dataType} is not an integer datatype.", nameof(dataType)),
    };

    public bool IsSignedInteger => DataType is SparkplugDataType.Int8 or SparkplugDataType.Int16 or SparkplugDataType.Int32 or SparkplugDataType.Int64;
    public bool IsUnsignedInteger => DataType is SparkplugDataType.UInt8 or SparkplugDataType.UInt16 or SparkplugDataType.UInt32 or SparkplugDataType.UInt64;

    /// <summary>The value of a signed integer or DateTime metric.</summary>
    public long AsInt64()
    {
        ThrowIfNull();
        if (IsSignedInteger || DataType == SparkplugDataType.DateTime)
        {
            return unchecked((long)_bits);
        }
        if (IsUnsignedInteger)
        {
            return checked((long)_bits);
        }
        throw WrongType("an integer");
    }

    /// <summary>The value of an unsigned integer metric.</summary>
    public ulong AsUInt64()
    {
        ThrowIfNull();
        if (IsUnsignedInteger)
        {
            return _bits;
        }
        if (IsSignedInteger)
        {
            return checked((ulong)unchecked((long)_bits));
        }
        throw WrongType("an integer");
    }

    public float AsFloat()
    {
        ThrowIfNull();
        return DataType == SparkplugDataType.Float ? BitConverter.UInt32BitsToSingle(unchecked((uint)_bits)) : throw WrongType("Float");
    }

    /// <summary>The value of any numeric metric as a double (64-bit integers may round).</summary>
    public double AsDouble()
    {
        ThrowIfNull();
        return DataType switch
        {
            SparkplugDataType.Float => BitConverter.UInt32BitsToSingle(unchecked((uint)_bits)),
            SparkplugDataType.Double => BitConverter.UInt64BitsToDouble(_bits),
            _ when IsSignedInteger => unchecked((long)_bits),
            _ when IsUnsignedInteger => _bits,
            _ => throw WrongType("a number"),
        };
    }

    public bool AsBoolean()
    {
        ThrowIfNull();
        return DataType == SparkplugDataType.Boolean ? _bits != 0 : throw WrongType("Boolean");
    }

    public DateTimeOffset AsDateTime()
    {
        ThrowIfNull();
        return DataType == SparkplugDataType.DateTime ? DateTimeOffset.FromUnixTimeMilliseconds(unchecked((long)_bits)) : throw WrongType("DateTime");
    }

    public string AsString() => _reference as string ?? throw WrongType("a string");

    public byte[] AsBytes() => _reference as byte[] is { } bytes && DataType is SparkplugDataType.Bytes or SparkplugDataType.File
        ? bytes
        : throw WrongType("Bytes or File");

    /// <summary>The typed CLR array of an array metric, e.g. <see cref="int"/>[] for Int32Array.</summary>
    public T[] AsArray<T>() => _reference as T[] ?? throw WrongType(typeof(T).Name + "[]");

    /// <summary>The array of an array metric, whatever its element type.</summary>
    public Array AsArray() => _reference as Array is { } array && SparkplugArrayCodec.ElementType(DataType) is not null
        ? array
        : throw WrongType("an array");

    public SparkplugDataSet AsDataSet() => _reference as SparkplugDataSet ?? throw WrongType("DataSet");
    public SparkplugTemplate AsTemplate() => _reference as SparkplugTemplate ?? throw WrongType("Template");
    public SparkplugPropertySet AsPropertySet() => _reference as SparkplugPropertySet ?? throw WrongType("PropertySet");

    /// <summary>The raw 64-bit integer payload; for encoders.</summary>
    internal ulong Bits => _bits;
    internal object? Reference => _reference;

    public bool Equals(MetricValue other)
    {
        if (DataType != other.DataType || IsNull != other.IsNull)
        {
            return false;
        }
        return _reference switch
        {
            null => _bits == other._bits,
            Array array when other._reference is Array otherArray => StructuralEquals(array, otherArray),
            _ => _reference.Equals(other._reference),
        };
    }

    public override bool Equals(object? obj) => obj is MetricValue other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(DataType, IsNull, _bits, _reference is Array ? 0 : _reference?.GetHashCode() ?? 0);
    public static bool operator ==(MetricValue left, MetricValue right) => left.Equals(right);
    public static bool operator !=(MetricValue left, MetricValue right) => !left.Equals(right);

    public override string ToString()
    {
        if (IsNull)
        {
            return $"{DataType}:null";
        }
        return DataType switch
        {
            SparkplugDataType.Boolean => AsBoolean() ? "true" : "false",
            SparkplugDataType.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture),
            SparkplugDataType.Double => AsDouble().ToString("R", CultureInfo.InvariantCulture),
            SparkplugDataType.DateTime => AsDateTime().ToString("O", CultureInfo.InvariantCulture),
            _ when IsSignedInteger => AsInt64().ToString(CultureInfo.InvariantCulture),
            _ when IsUnsignedInteger => AsUInt64().ToString(CultureInfo.InvariantCulture),
            _ => _reference?.ToString() ?? string.Empty,
        };
    }

    static bool StructuralEquals(Array left, Array right) =>
        left.GetType() == right.GetType()
        && System.Collections.StructuralComparisons.StructuralEqualityComparer.Equals(left, right);

    void ThrowIfNull()
    {
        if (IsNull)
        {
            throw new InvalidOperationException($"The {DataType} value is null.");
        }
    }

    InvalidOperationException WrongType(string wanted) => new($"A {DataType} metric value is not {wanted}.");
}
