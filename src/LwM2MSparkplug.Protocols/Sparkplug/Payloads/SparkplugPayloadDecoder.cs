using System.Buffers;
using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// Reads Sparkplug B protobuf payloads and their metric values. Every datatype is one arm of
/// <see cref="TryReadValue"/>; nothing here throws on wire input.
/// </summary>
public static class SparkplugPayloadDecoder
{
    /// <summary>Parses the protobuf envelope; payloads larger than <paramref name="maxPayloadBytes"/> are rejected before parsing.</summary>
    public static SparkplugDecodeError TryParse(ReadOnlySequence<byte> bytes, int maxPayloadBytes, out Payload payload)
    {
        payload = null!;
        if (bytes.IsEmpty)
        {
            return SparkplugDecodeError.EmptyPayload;
        }
        if (bytes.Length > maxPayloadBytes)
        {
            return SparkplugDecodeError.PayloadTooLarge;
        }
        try
        {
            payload = Payload.Parser.ParseFrom(bytes);
            return SparkplugDecodeError.None;
        }
        catch (InvalidProtocolBufferException)
        {
            return SparkplugDecodeError.MalformedProtobuf;
        }
    }

    /// <summary>The datatype named by a wire number, or <see cref="SparkplugDataType.Unknown"/> when out of range.</summary>
    public static SparkplugDataType ToDataType(uint wireValue) =>
        wireValue <= (uint)SparkplugDataType.DateTimeArray ? (SparkplugDataType)wireValue : SparkplugDataType.Unknown;

    /// <summary>
    /// Reads a metric: name, alias, timestamp, value and properties. <paramref name="knownDataType"/> is the
    /// datatype from the birth certificate, used when the metric does not repeat it.
    /// </summary>
    public static MetricValueError TryReadMetric(Payload.Types.Metric metric, SparkplugDataType? knownDataType, out SparkplugMetric result)
    {
        ArgumentNullException.ThrowIfNull(metric);
        result = null!;
        var dataType = metric.HasDatatype ? ToDataType(metric.Datatype) : knownDataType ?? SparkplugDataType.Unknown;
        var error = TryReadValue(metric, dataType, out var value);
        if (error != MetricValueError.None)
        {
            return error;
        }
        SparkplugPropertySet? properties = null;
        if (metric.Properties is not null)
        {
            error = TryReadPropertySet(metric.Properties, out properties);
            if (error != MetricValueError.None)
            {
                return error;
            }
        }
        result = new SparkplugMetric(
            metric.HasName ? metric.Name : null,
            metric.HasAlias ? metric.Alias : null,
            metric.HasTimestamp ? metric.Timestamp : null,
            value,
            properties,
            metric.IsHistorical,
            metric.IsTransient);
        return MetricValueError.None;
    }

    /// <summary>Reads the value of a metric whose datatype is <paramref name="dataType"/>.</summary>
    public static MetricValueError TryReadValue(Payload.Types.Metric metric, SparkplugDataType dataType, out MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(metric);
        value = default;
        if (dataType == SparkplugDataType.Unknown || !Enum.IsDefined(dataType))
        {
            return MetricValueError.UnknownDataType;
        }
        if (metric.IsNull)
        {
            value = MetricValue.Null(dataType);
            return MetricValueError.None;
        }
        if (metric.ValueCase == Payload.Types.Metric.ValueOneofCase.None)
        {
            return MetricValueError.MissingValue;
        }

        switch (dataType)
        {
            case SparkplugDataType.Bytes:
            case SparkplugDataType.File:
                if (metric.ValueCase != Payload.Types.Metric.ValueOneofCase.BytesValue)
                {
                    return MetricValueError.WrongValueField;
                }
                value = MetricValue.FromBytes(metric.BytesValue.ToByteArray(), dataType);
                return MetricValueError.None;
            case SparkplugDataType.DataSet:
                return metric.ValueCase == Payload.Types.Metric.ValueOneofCase.DatasetValue
                    ? TryReadDataSet(metric.DatasetValue, out value)
                    : MetricValueError.WrongValueField;
            case SparkplugDataType.Template:
                return metric.ValueCase == Payload.Types.Metric.ValueOneofCase.TemplateValue
                    ? TryReadTemplate(metric.TemplateValue, out value)
                    : MetricValueError.WrongValueField;
            case SparkplugDataType.PropertySet:
            case SparkplugDataType.PropertySetList:
                return MetricValueError.UnsupportedDataType;
            case var array when SparkplugArrayCodec.IsArray(array):
                if (metric.ValueCase != Payload.Types.Metric.ValueOneofCase.BytesValue)
                {
                    return MetricValueError.WrongValueField;
                }
                if (!SparkplugArrayCodec.TryDecode(dataType, metric.BytesValue.Span, out var elements))
                {
                    return MetricValueError.MalformedArray;
                }
                value = MetricValue.FromArray(dataType, elements);
                return MetricValueError.None;
            default:
                var field = ScalarField.From(metric);
                return field.Kind == ScalarFieldKind.None
                    ? MetricValueError.WrongValueField
                    : TryReadScalar(dataType, field, out value);
        }
    }

    /// <summary>Reads a metric's PropertySet, including nested sets and set lists.</summary>
    public static MetricValueError TryReadPropertySet(Payload.Types.PropertySet propertySet, out SparkplugPropertySet result)
    {
        ArgumentNullException.ThrowIfNull(propertySet);
        result = SparkplugPropertySet.Empty;
        if (propertySet.Keys.Count != propertySet.Values.Count)
        {
            return MetricValueError.MalformedPropertySet;
        }
        var entries = new KeyValuePair<string, MetricValue>[propertySet.Keys.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var error = TryReadPropertyValue(propertySet.Values[i], out var value);
            if (error != MetricValueError.None)
            {
                return error;
            }
            entries[i] = new(propertySet.Keys[i], value);
        }
        result = new SparkplugPropertySet(entries);
        return MetricValueError.None;
    }

    static MetricValueError TryReadPropertyValue(Payload.Types.PropertyValue property, out MetricValue value)
    {
        value = default;
        var dataType = ToDataType(property.Type);
        if (dataType == SparkplugDataType.Unknown)
        {
            return MetricValueError.UnknownDataType;
        }
        if (property.IsNull)
        {
            value = MetricValue.Null(dataType);
            return MetricValueError.None;
        }
        switch (dataType)
        {
            case SparkplugDataType.PropertySet:
                if (property.ValueCase != Payload.Types.PropertyValue.ValueOneofCase.PropertysetValue)
                {
                    return MetricValueError.WrongValueField;
                }
                var nestedError = TryReadPropertySet(property.PropertysetValue, out var nested);
                value = nestedError == MetricValueError.None ? MetricValue.FromPropertySet(nested) : default;
                return nestedError;
            case SparkplugDataType.PropertySetList:
                if (property.ValueCase != Payload.Types.PropertyValue.ValueOneofCase.PropertysetsValue)
                {
                    return MetricValueError.WrongValueField;
                }
                var sets = new SparkplugPropertySet[property.PropertysetsValue.Propertyset.Count];
                for (var i = 0; i < sets.Length; i++)
                {
                    var error = TryReadPropertySet(property.PropertysetsValue.Propertyset[i], out sets[i]);
                    if (error != MetricValueError.None)
                    {
                        return error;
                    }
                }
                value = MetricValue.FromPropertySetList(sets);
                return MetricValueError.None;
            case var scalar when IsScalar(scalar):
                return property.ValueCase == Payload.Types.PropertyValue.ValueOneofCase.None
                    ? MetricValueError.MissingValue
                    : TryReadScalar(dataType, ScalarField.From(property), out value);
            default:
                return MetricValueError.UnsupportedDataType;
        }
    }

    static MetricValueError TryReadDataSet(Payload.Types.DataSet dataSet, out MetricValue value)
    {
        value = default;
        var columnCount = dataSet.Columns.Count;
        if (dataSet.Types_.Count != columnCount || (dataSet.HasNumOfColumns && dataSet.NumOfColumns != (ulong)columnCount))
        {
            return MetricValueError.MalformedDataSet;
        }
        var types = new SparkplugDataType[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            types[c] = ToDataType(dataSet.Types_[c]);
            if (!IsScalar(types[c]))
            {
                return MetricValueError.MalformedDataSet;
            }
        }
        var rows = new IReadOnlyList<MetricValue>[dataSet.Rows.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            var elements = dataSet.Rows[r].Elements;
            if (elements.Count != columnCount)
            {
                return MetricValueError.MalformedDataSet;
            }
            var row = new MetricValue[columnCount];
            for (var c = 0; c < columnCount; c++)
            {
                if (elements[c].ValueCase == Payload.Types.DataSet.Types.DataSetValue.ValueOneofCase.None)
                {
                    row[c] = MetricValue.Null(types[c]);
                    continue;
                }
                var error = TryReadScalar(types[c], ScalarField.From(elements[c]), out row[c]);
                if (error != MetricValueError.None)
                {
                    return error;
                }
            }
            rows[r] = row;
        }
        value = MetricValue.FromDataSet(new SparkplugDataSet([.. dataSet.Columns], types, rows));
        return MetricValueError.None;
    }

    static MetricValueError TryReadTemplate(Payload.Types.Template template, out MetricValue value)
    {
        value = default;
        var isDefinition = template.IsDefinition;
        var templateRef = template.HasTemplateRef ? template.TemplateRef : null;
        if (isDefinition == (templateRef is not null))
        {
            return MetricValueError.MalformedTemplate;
        }
        var metrics = new SparkplugMetric[template.Metrics.Count];
        for (var i = 0; i < metrics.Length; i++)
        {
            var error = TryReadMetric(template.Metrics[i], null, out metrics[i]);
            if (error != MetricValueError.None)
            {
                return error;
            }
        }
        var parameters = new SparkplugTemplateParameter[template.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = template.Parameters[i];
            var dataType = ToDataType(parameter.Type);
            if (!parameter.HasName || !IsScalar(dataType))
            {
                return MetricValueError.MalformedTemplate;
            }
            var error = TryReadParameterValue(parameter, dataType, out var parameterValue);
            if (error != MetricValueError.None)
            {
                return error;
            }
            parameters[i] = new SparkplugTemplateParameter(parameter.Name, parameterValue);
        }
        value = MetricValue.FromTemplate(new SparkplugTemplate(template.HasVersion ? template.Version : null, templateRef, isDefinition, metrics, parameters));
        return MetricValueError.None;
    }

    /// <summary>Each name's position (the first, should a name repeat).</summary>
    static Dictionary<string, int> IndexByName(IEnumerable<string?> names)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = 0;
        foreach (var name in names)
        {
            if (name is not null)
            {
                index.TryAdd(name, position);
            }
            position++;
        }
        return index;
    }

    /// <summary>A template parameter's value as <paramref name="dataType"/>; null when it carries none.</summary>
    static MetricValueError TryReadParameterValue(Payload.Types.Template.Types.Parameter parameter, SparkplugDataType dataType, out MetricValue value)
    {
        value = MetricValue.Null(dataType);
        return parameter.ValueCase == Payload.Types.Template.Types.Parameter.ValueOneofCase.None
            ? MetricValueError.None
            : TryReadScalar(dataType, ScalarField.From(parameter), out value);
    }

    /// <summary>
    /// Reads a template instance sent in NDATA/DDATA as an update of <paramref name="current"/>, the instance as its birth
    /// declared it (and as updated since). A DATA instance may carry only some members
    /// (tck-id-payloads-template-instance-members-data): members and parameters are matched by name, take the datatype
    /// of the current one when they omit it (as a DATA metric takes its birth's), and those not sent keep their values.
    /// </summary>
    public static MetricValueError TryReadTemplateUpdate(Payload.Types.Template update, SparkplugTemplate current, out MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(current);
        value = default;
        if (update.IsDefinition || current.IsDefinition || (update.HasTemplateRef && update.TemplateRef != current.TemplateRef))
        {
            return MetricValueError.MalformedTemplate;
        }
        var metrics = current.Metrics.ToArray();
        // By name through a map: a scan per member would make one large update cost members × members.
        var memberIndex = update.Metrics.Count == 0 ? null : IndexByName(metrics.Select(known => known.Name));
        foreach (var member in update.Metrics)
        {
            if (!member.HasName || !memberIndex!.TryGetValue(member.Name, out var index))
            {
                return MetricValueError.UnknownTemplateMember;
            }
            var error = TryReadMemberUpdate(member, metrics[index], out metrics[index]);
            if (error != MetricValueError.None)
            {
                return error;
            }
        }
        var parameters = current.Parameters.ToArray();
        var parameterIndex = update.Parameters.Count == 0 ? null : IndexByName(parameters.Select(known => known.Name));
        foreach (var parameter in update.Parameters)
        {
            if (!parameter.HasName || !parameterIndex!.TryGetValue(parameter.Name, out var index))
            {
                return MetricValueError.UnknownTemplateMember;
            }
            var dataType = parameters[index].Value.DataType;
            if (parameter.HasType && parameter.Type != 0 && ToDataType(parameter.Type) != dataType)
            {
                return MetricValueError.WrongValueField;
            }
            var error = TryReadParameterValue(parameter, dataType, out var parameterValue);
            if (error != MetricValueError.None)
            {
                return error;
            }
            parameters[index] = new SparkplugTemplateParameter(parameters[index].Name, parameterValue);
        }
        value = MetricValue.FromTemplate(new SparkplugTemplate(update.HasVersion ? update.Version : current.Version, current.TemplateRef, false, metrics, parameters));
        return MetricValueError.None;
    }

    static MetricValueError TryReadMemberUpdate(Payload.Types.Metric member, SparkplugMetric known, out SparkplugMetric result)
    {
        result = known;
        if (member.HasDatatype && ToDataType(member.Datatype) != known.DataType)
        {
            return MetricValueError.WrongValueField;
        }
        MetricValue value;
        var error = known.DataType == SparkplugDataType.Template && !known.Value.IsNull && !member.IsNull
            && member.ValueCase == Payload.Types.Metric.ValueOneofCase.TemplateValue
            ? TryReadTemplateUpdate(member.TemplateValue, known.Value.AsTemplate(), out value)
            : TryReadValue(member, known.DataType, out value);
        SparkplugPropertySet? properties = null;
        if (error == MetricValueError.None && member.Properties is not null)
        {
            error = TryReadPropertySet(member.Properties, out properties);
        }
        if (error != MetricValueError.None)
        {
            return error;
        }
        // As for a metric: Quality travels with the value, the other properties stay (Sparkplug 3.0 §6.4.14).
        result = new SparkplugMetric(
            known.Name,
            known.Alias,
            member.HasTimestamp ? member.Timestamp : null,
            value,
            properties ?? known.Properties?.Without(SparkplugPropertySet.QualityKey),
            member.IsHistorical,
            member.IsTransient);
        return MetricValueError.None;
    }

    /// <summary>True for the datatypes carried in a single scalar oneof field.</summary>
    public static bool IsScalar(SparkplugDataType dataType) =>
        dataType is >= SparkplugDataType.Int8 and <= SparkplugDataType.Uuid;

    static MetricValueError TryReadScalar(SparkplugDataType dataType, in ScalarField field, out MetricValue value)
    {
        value = default;
        if (field.Kind == ScalarFieldKind.None)
        {
            return MetricValueError.MissingValue;
        }
        switch (dataType)
        {
            case SparkplugDataType.Int8:
            case SparkplugDataType.Int16:
            case SparkplugDataType.Int32:
            case SparkplugDataType.Int64:
                return TryReadSigned(dataType, field, out value);
            case SparkplugDataType.UInt8:
            case SparkplugDataType.UInt16:
            case SparkplugDataType.UInt32:
            case SparkplugDataType.UInt64:
                return TryReadUnsigned(dataType, field, out value);
            case SparkplugDataType.DateTime:
                if (field.Kind is not (ScalarFieldKind.Long or ScalarFieldKind.Int))
                {
                    return MetricValueError.WrongValueField;
                }
                value = MetricValue.FromDateTimeMilliseconds(unchecked((long)field.Integer));
                return MetricValueError.None;
            case SparkplugDataType.Float:
                if (field.Kind != ScalarFieldKind.Float)
                {
                    return MetricValueError.WrongValueField;
                }
                value = MetricValue.FromFloat(field.Float);
                return MetricValueError.None;
            case SparkplugDataType.Double:
                if (field.Kind is not (ScalarFieldKind.Double or ScalarFieldKind.Float))
                {
                    return MetricValueError.WrongValueField;
                }
                value = MetricValue.FromDouble(field.Kind == ScalarFieldKind.Double ? field.Double : field.Float);
                return MetricValueError.None;
            case SparkplugDataType.Boolean:
                if (field.Kind != ScalarFieldKind.Boolean)
                {
                    return MetricValueError.WrongValueField;
                }
                value = MetricValue.FromBoolean(field.Boolean);
                return MetricValueError.None;
            case SparkplugDataType.String:
            case SparkplugDataType.Text:
            case SparkplugDataType.Uuid:
                if (field.Kind != ScalarFieldKind.String || field.Text is null)
                {
                    return MetricValueError.WrongValueField;
                }
                value = MetricValue.FromString(field.Text, dataType);
                return MetricValueError.None;
            default:
                return MetricValueError.UnsupportedDataType;
        }
    }

    // Signed types arrive sign-extended to 32 bits in int_value (Sparkplug 3.0 §6.4.16; tahu#71),
    // sign-extended to 64 bits in long_value, or zero-extended at their own width by lenient encoders.
    static MetricValueError TryReadSigned(SparkplugDataType dataType, in ScalarField field, out MetricValue value)
    {
        value = default;
        if (field.Kind is not (ScalarFieldKind.Int or ScalarFieldKind.Long))
        {
            return MetricValueError.WrongValueField;
        }
        var bits = dataType switch
        {
            SparkplugDataType.Int8 => 8,
            SparkplugDataType.Int16 => 16,
            SparkplugDataType.Int32 => 32,
            _ => 64,
        };
        var raw = field.Integer;
        if (bits == 64)
        {
            value = MetricValue.FromInt64(field.Kind == ScalarFieldKind.Int ? unchecked((int)(uint)raw) : unchecked((long)raw));
            return MetricValueError.None;
        }
        var min = -(1L << (bits - 1));
        var max = (1L << (bits - 1)) - 1;
        long signed;
        if (raw <= uint.MaxValue && unchecked((int)(uint)raw) is var asInt32 && asInt32 >= min && asInt32 <= max)
        {
            signed = asInt32;
        }
        else if (unchecked((long)raw) is var asInt64 && asInt64 >= min && asInt64 <= max)
        {
            signed = asInt64;
        }
        else if (raw < (1UL << bits))
        {
            signed = unchecked((long)(raw << (64 - bits))) >> (64 - bits);
        }
        else
        {
            return MetricValueError.OutOfRange;
        }
        value = MetricValue.FromInteger(dataType, signed);
        return MetricValueError.None;
    }

    static MetricValueError TryReadUnsigned(SparkplugDataType dataType, in ScalarField field, out MetricValue value)
    {
        value = default;
        if (field.Kind is not (ScalarFieldKind.Int or ScalarFieldKind.Long))
        {
            return MetricValueError.WrongValueField;
        }
        var max = dataType switch
        {
            SparkplugDataType.UInt8 => byte.MaxValue,
            SparkplugDataType.UInt16 => ushort.MaxValue,
            SparkplugDataType.UInt32 => uint.MaxValue,
            _ => ulong.MaxValue,
        };
        if (field.Integer > max)
        {
            return MetricValueError.OutOfRange;
        }
        value = dataType == SparkplugDataType.UInt64 ? MetricValue.FromUInt64(field.Integer) : MetricValue.FromInteger(dataType, (long)field.Integer);
        return MetricValueError.None;
    }
}
