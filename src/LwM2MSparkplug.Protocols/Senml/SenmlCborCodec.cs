using System.Buffers.Text;
using System.Formats.Cbor;

namespace LwM2MSparkplug.Protocols.Senml;

/// <summary>
/// SenML CBOR (RFC 8428 §6, content format 112): an array of records, each a map with integer labels (bn −2, bt −3,
/// n 0, v 2, vs 3, vb 4, t 6, vd 8) and LwM2M's text label <c>vlo</c> for object links. Reads definite and
/// indefinite lengths, every integer and float width and decimal fractions (tag 4, which some servers use for bt);
/// writes integral values as integers and others as the shortest exact float, fields in the order bn, bt, n, t, value.
/// Knows nothing of LwM2M paths.
/// </summary>
public static class SenmlCborCodec
{
    const int BaseNameLabel = -2, BaseTimeLabel = -3, NameLabel = 0, ValueLabel = 2, StringValueLabel = 3, BooleanValueLabel = 4,
        TimeLabel = 6, DataValueLabel = 8;
    const string ObjectLinkLabel = "vlo";

    public static bool TryRead(ReadOnlyMemory<byte> bytes, out IReadOnlyList<SenmlRecord> records, out string error)
    {
        var list = new List<SenmlRecord>();
        records = list;
        var reader = new CborReader(bytes, CborConformanceMode.Strict);
        try
        {
            if (reader.PeekState() != CborReaderState.StartArray)
            {
                error = "SenML CBOR is an array of records";
                return false;
            }
            reader.ReadStartArray();
            while (reader.PeekState() != CborReaderState.EndArray)
            {
                if (!TryReadRecord(reader, list.Count, out var record, out error))
                {
                    return false;
                }
                list.Add(record);
            }
            reader.ReadEndArray();
            if (reader.BytesRemaining > 0)
            {
                error = "bytes follow the SenML array";
                return false;
            }
            error = string.Empty;
            return true;
        }
        catch (Exception exception) when (CborInput.IsMalformed(exception))
        {
            error = $"not well-formed CBOR ({exception.Message})";
            return false;
        }
    }

    static bool TryReadRecord(CborReader reader, int index, out SenmlRecord record, out string error)
    {
        record = new SenmlRecord();
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            error = $"record {index} is not a map";
            return false;
        }
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var state = reader.PeekState();
            if (state is CborReaderState.TextString)
            {
                var label = reader.ReadTextString();
                if (label == ObjectLinkLabel && reader.PeekState() == CborReaderState.TextString)
                {
                    record = record with { ObjectLinkValue = reader.ReadTextString() };
                    continue;
                }
                if (label == ObjectLinkLabel || label.EndsWith('_'))
                {
                    error = label == ObjectLinkLabel ? $"record {index}: 'vlo' is not a text string" : $"record {index}: mandatory-to-understand label '{label}' is not supported";
                    return false;
                }
                reader.SkipValue();
                continue;
            }
            if (state is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
            {
                error = $"record {index}: a label is neither an integer nor a text string";
                return false;
            }
            var key = reader.ReadInt64();
            var valueState = reader.PeekState();
            switch (key)
            {
                case BaseNameLabel when valueState == CborReaderState.TextString: record = record with { BaseName = reader.ReadTextString() }; break;
                case NameLabel when valueState == CborReaderState.TextString: record = record with { Name = reader.ReadTextString() }; break;
                case StringValueLabel when valueState == CborReaderState.TextString: record = record with { StringValue = reader.ReadTextString() }; break;
                case BooleanValueLabel when valueState == CborReaderState.Boolean: record = record with { BooleanValue = reader.ReadBoolean() }; break;
                case DataValueLabel when valueState == CborReaderState.ByteString:
                    record = record with { DataValue = Base64Url.EncodeToString(reader.ReadByteString()) };
                    break;
                case BaseTimeLabel or TimeLabel or ValueLabel:
                    if (!TryReadNumber(reader, valueState, out var number))
                    {
                        error = $"record {index}: label {key} is not a finite number";
                        return false;
                    }
                    record = key switch
                    {
                        BaseTimeLabel => record with { BaseTime = number },
                        TimeLabel => record with { Time = number },
                        _ => record with { Value = number },
                    };
                    break;
                case BaseNameLabel or NameLabel or StringValueLabel or BooleanValueLabel or DataValueLabel:
                    error = $"record {index}: label {key} has the wrong CBOR type";
                    return false;
                default:
                    // RFC 8428 §4.4: labels this receiver does not use (bver, bu, bv, bs, u, s, ut) may be ignored.
                    reader.SkipValue();
                    break;
            }
        }
        reader.ReadEndMap();
        error = string.Empty;
        return true;
    }

    static bool TryReadNumber(CborReader reader, CborReaderState state, out double value)
    {
        value = state switch
        {
            CborReaderState.UnsignedInteger => reader.ReadUInt64(),
            CborReaderState.NegativeInteger => reader.ReadInt64(),
            CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat => reader.ReadDouble(),
            CborReaderState.Tag when reader.PeekTag() == CborTag.DecimalFraction => (double)reader.ReadDecimal(),
            _ => double.NaN,
        };
        if (double.IsNaN(value) && state is not (CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat))
        {
            reader.SkipValue();
        }
        return double.IsFinite(value);
    }

    public static byte[] Write(IEnumerable<SenmlRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyCollection<SenmlRecord> ?? [.. records];
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartArray(list.Count);
        foreach (var record in list)
        {
            var fields = (record.BaseName is null ? 0 : 1) + (record.BaseTime is null ? 0 : 1) + (record.Name is null ? 0 : 1)
                + (record.Time is null ? 0 : 1) + (record.Value is null ? 0 : 1) + (record.StringValue is null ? 0 : 1)
                + (record.BooleanValue is null ? 0 : 1) + (record.DataValue is null ? 0 : 1) + (record.ObjectLinkValue is null ? 0 : 1);
            writer.WriteStartMap(fields);
            WriteText(writer, BaseNameLabel, record.BaseName);
            WriteNumber(writer, BaseTimeLabel, record.BaseTime);
            WriteText(writer, NameLabel, record.Name);
            WriteNumber(writer, TimeLabel, record.Time);
            WriteNumber(writer, ValueLabel, record.Value);
            WriteText(writer, StringValueLabel, record.StringValue);
            if (record.BooleanValue is { } boolean)
            {
                writer.WriteInt32(BooleanValueLabel);
                writer.WriteBoolean(boolean);
            }
            if (record.DataValue is { } data)
            {
                writer.WriteInt32(DataValueLabel);
                writer.WriteByteString(Base64Url.DecodeFromChars(data.TrimEnd('=').Replace('+', '-').Replace('/', '_')));
            }
            if (record.ObjectLinkValue is { } link)
            {
                writer.WriteTextString(ObjectLinkLabel);
                writer.WriteTextString(link);
            }
            writer.WriteEndMap();
        }
        writer.WriteEndArray();
        return writer.Encode();
    }

    static void WriteText(CborWriter writer, int label, string? value)
    {
        if (value is not null)
        {
            writer.WriteInt32(label);
            writer.WriteTextString(value);
        }
    }

    static void WriteNumber(CborWriter writer, int label, double? value)
    {
        if (value is not { } number)
        {
            return;
        }
        writer.WriteInt32(label);
        // Integral values as integers (an Integer resource, a time in seconds); others as the shortest exact float.
        if (Math.Floor(number) == number && number >= long.MinValue && number < 9.2233720368547758E18)
        {
            writer.WriteInt64((long)number);
        }
        else
        {
            writer.WriteDouble(number);
        }
    }
}
