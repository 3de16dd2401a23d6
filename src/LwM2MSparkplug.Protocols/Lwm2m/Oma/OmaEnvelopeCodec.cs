using System.Formats.Cbor;
using System.Text;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// Reads and writes the CBOR envelope of the OMA MQTT binding (Transport §8.7). Reading is tolerant where the
/// binding's own examples are (definite or indefinite lengths, any integer width and float width, key 7 as a byte or
/// a text string, unknown keys skipped, a <c>{1: null, 2: message}</c> wrapper without protection unwrapped) and
/// strict elsewhere (duplicate keys, a second top-level item, wrong types are errors). Writing uses ascending keys,
/// shortest integers and floats, and a byte string for key 7.
/// </summary>
public static class OmaEnvelopeCodec
{
    const int OperationKey = 1, TokenKey = 2, EndpointKey = 3, PreferredFormatKey = 4, UriKey = 5, PathsKey = 6, PayloadKey = 7,
        LifetimeKey = 8, VersionKey = 9, BindingKey = 10, SmsKey = 11, PminKey = 12, PmaxKey = 13, GtKey = 14, StKey = 15,
        EpminKey = 16, EpmaxKey = 17, ResultKey = 18, FormatKey = 19, EdgeKey = 20, HqmaxKey = 21, DepthKey = 22;

    public static byte[] Write(OmaMessage message, OmaInterface @interface = OmaInterface.Registration)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Operation is { } op && IsBootstrapOperation(op) != (@interface == OmaInterface.Bootstrap))
        {
            throw new ArgumentException($"{op} is not an operation of the {@interface} topic.", nameof(message));
        }
        var entries = new List<(int Key, Action<CborWriter> Write)>();
        void Add(int key, Action<CborWriter> write) => entries.Add((key, write));
        if (message.Operation is { } operation)
        {
            Add(OperationKey, w => w.WriteUInt32(OmaOperationCodes.ToWire(operation)));
        }
        Add(TokenKey, w => w.WriteUInt64(message.Token));
        AddText(entries, EndpointKey, message.Endpoint);
        AddUnsigned(entries, PreferredFormatKey, message.PreferredContentFormat);
        AddText(entries, UriKey, message.Uri);
        if (message.Paths is { } paths)
        {
            Add(PathsKey, w => w.WriteByteString(paths.Span));
        }
        if (message.Payload is { } payload)
        {
            Add(PayloadKey, w => w.WriteByteString(payload.Span));
        }
        AddUnsigned(entries, LifetimeKey, message.Lifetime);
        AddText(entries, VersionKey, message.Version);
        AddText(entries, BindingKey, message.Binding);
        AddText(entries, SmsKey, message.Sms);
        if (message.Attributes is { } attributes)
        {
            AddUnsigned(entries, PminKey, attributes.MinimumPeriod);
            AddUnsigned(entries, PmaxKey, attributes.MaximumPeriod);
            AddNumber(entries, GtKey, attributes.GreaterThan);
            AddNumber(entries, StKey, attributes.Step);
            AddUnsigned(entries, EpminKey, attributes.MinimumEvaluationPeriod);
            AddUnsigned(entries, EpmaxKey, attributes.MaximumEvaluationPeriod);
            AddUnsigned(entries, EdgeKey, attributes.Edge is { } edge ? (edge ? 1u : 0u) : null);
            AddUnsigned(entries, HqmaxKey, attributes.HistoricalQueueMaximum);
        }
        AddUnsigned(entries, ResultKey, message.Result);
        AddUnsigned(entries, FormatKey, message.ContentFormat);
        AddUnsigned(entries, DepthKey, message.Depth);

        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(entries.Count);
        foreach (var (key, write) in entries.OrderBy(entry => entry.Key))
        {
            writer.WriteInt32(key);
            write(writer);
        }
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads one message received on <paramref name="interface"/>'s topic.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, OmaInterface @interface, out OmaMessage? message, out OmaEnvelopeError error)
    {
        message = null;
        var reader = new CborReader(bytes, CborConformanceMode.Strict);
        try
        {
            error = TryReadMessage(reader, @interface, out message, allowWrapper: true);
            if (error == OmaEnvelopeError.None && reader.BytesRemaining > 0)
            {
                message = null;
                error = OmaEnvelopeError.TrailingBytes;
            }
        }
        catch (Exception exception) when (CborInput.IsMalformed(exception))
        {
            message = null;
            error = OmaEnvelopeError.MalformedCbor;
        }
        return error == OmaEnvelopeError.None;
    }

    static OmaEnvelopeError TryReadMessage(CborReader reader, OmaInterface @interface, out OmaMessage? message, bool allowWrapper)
    {
        message = null;
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            return OmaEnvelopeError.NotAMap;
        }
        reader.ReadStartMap();
        ulong? token = null, operationCode = null, result = null;
        var wrapperMarker = false;
        OmaMessage? inner = null;
        var fields = new Fields();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.PeekState() != CborReaderState.UnsignedInteger)
            {
                return OmaEnvelopeError.InvalidKey;
            }
            var key = reader.ReadUInt64();
            var state = reader.PeekState();
            switch (key)
            {
                case OperationKey when allowWrapper && state == CborReaderState.Null:
                    reader.ReadNull();
                    wrapperMarker = true;
                    break;
                case OperationKey when state is CborReaderState.ByteString or CborReaderState.StartArray:
                    // {1: msg-wrapper, 2: …}: a COSE-protected message.
                    return OmaEnvelopeError.Protected;
                case OperationKey:
                    if (!TryReadUnsigned(reader, state, ulong.MaxValue, out var code))
                    {
                        return OmaEnvelopeError.InvalidValue;
                    }
                    operationCode = code;
                    break;
                case TokenKey when allowWrapper && state == CborReaderState.StartMap:
                    var innerError = TryReadMessage(reader, @interface, out inner, allowWrapper: false);
                    if (innerError != OmaEnvelopeError.None)
                    {
                        return innerError;
                    }
                    break;
                case TokenKey:
                    if (!TryReadUnsigned(reader, state, ulong.MaxValue, out var value))
                    {
                        return OmaEnvelopeError.InvalidValue;
                    }
                    token = value;
                    break;
                case ResultKey:
                    if (!TryReadUnsigned(reader, state, ushort.MaxValue, out var code18))
                    {
                        return OmaEnvelopeError.InvalidValue;
                    }
                    result = code18;
                    break;
                default:
                    if (!fields.TryRead(reader, key, state))
                    {
                        return OmaEnvelopeError.InvalidValue;
                    }
                    break;
            }
        }
        reader.ReadEndMap();

        if (wrapperMarker || inner is not null)
        {
            // The unprotected wrapper {1: null, 2: message} and nothing else.
            if (!wrapperMarker || inner is null || token is not null || operationCode is not null || result is not null || fields.Any)
            {
                return OmaEnvelopeError.InvalidValue;
            }
            message = inner;
            return OmaEnvelopeError.None;
        }
        if (token is not { } messageToken)
        {
            return OmaEnvelopeError.MissingToken;
        }
        if ((operationCode is null) == (result is null))
        {
            return OmaEnvelopeError.NeitherRequestNorResponse;
        }
        OmaOperation? operation = null;
        if (operationCode is { } wireCode)
        {
            if (!OmaOperationCodes.TryFromWire(wireCode, @interface, out var known))
            {
                return OmaEnvelopeError.UnknownOperation;
            }
            operation = known;
        }
        message = fields.ToMessage(messageToken, operation, (ushort?)result);
        return OmaEnvelopeError.None;
    }

    static bool TryReadUnsigned(CborReader reader, CborReaderState state, ulong maximum, out ulong value)
    {
        value = 0;
        if (state != CborReaderState.UnsignedInteger)
        {
            reader.SkipValue();
            return false;
        }
        value = reader.ReadUInt64();
        return value <= maximum;
    }

    static bool IsBootstrapOperation(OmaOperation operation) => operation <= OmaOperation.BootstrapPackRequest;

    static void AddText(List<(int, Action<CborWriter>)> entries, int key, string? value)
    {
        if (value is not null)
        {
            entries.Add((key, w => w.WriteTextString(value)));
        }
    }

    static void AddUnsigned(List<(int, Action<CborWriter>)> entries, int key, ulong? value)
    {
        if (value is { } number)
        {
            entries.Add((key, w => w.WriteUInt64(number)));
        }
    }

    static void AddNumber(List<(int, Action<CborWriter>)> entries, int key, double? value)
    {
        if (value is { } number)
        {
            entries.Add((key, w => w.WriteDouble(number)));
        }
    }

    /// <summary>The optional keys of one map, as read.</summary>
    sealed class Fields
    {
        string? _endpoint, _uri, _version, _binding, _sms;
        ulong? _preferredFormat, _lifetime, _contentFormat, _depth, _pmin, _pmax, _epmin, _epmax, _edge, _hqmax;
        double? _gt, _st;
        byte[]? _paths, _payload;

        public bool Any { get; private set; }

        /// <summary>Reads the value of <paramref name="key"/>; skips unknown keys; false for a wrong type or range.</summary>
        public bool TryRead(CborReader reader, ulong key, CborReaderState state)
        {
            Any = true;
            return key switch
            {
                EndpointKey => TryText(reader, state, out _endpoint),
                PreferredFormatKey => TryUnsigned(reader, state, ushort.MaxValue, out _preferredFormat),
                UriKey => TryText(reader, state, out _uri),
                PathsKey => TryBytes(reader, state, textToo: false, out _paths),
                PayloadKey => TryBytes(reader, state, textToo: true, out _payload),
                LifetimeKey => TryUnsigned(reader, state, uint.MaxValue, out _lifetime),
                VersionKey => TryText(reader, state, out _version),
                BindingKey => TryText(reader, state, out _binding),
                SmsKey => TryText(reader, state, out _sms),
                PminKey => TryUnsigned(reader, state, uint.MaxValue, out _pmin),
                PmaxKey => TryUnsigned(reader, state, uint.MaxValue, out _pmax),
                GtKey => TryNumber(reader, state, out _gt),
                StKey => TryNumber(reader, state, out _st),
                EpminKey => TryUnsigned(reader, state, uint.MaxValue, out _epmin),
                EpmaxKey => TryUnsigned(reader, state, uint.MaxValue, out _epmax),
                FormatKey => TryUnsigned(reader, state, ushort.MaxValue, out _contentFormat),
                EdgeKey => TryUnsigned(reader, state, 1, out _edge),
                HqmaxKey => TryUnsigned(reader, state, uint.MaxValue, out _hqmax),
                DepthKey => TryUnsigned(reader, state, 3, out _depth),
                _ => Skip(reader),
            };
        }

        public OmaMessage ToMessage(ulong token, OmaOperation? operation, ushort? result)
        {
            var hasAttributes = _pmin is not null || _pmax is not null || _gt is not null || _st is not null || _epmin is not null
                || _epmax is not null || _edge is not null || _hqmax is not null;
            return new OmaMessage(token)
            {
                Operation = operation,
                Result = result,
                Endpoint = _endpoint,
                PreferredContentFormat = (ushort?)_preferredFormat,
                Uri = _uri,
                // A plain null would convert to empty memory (through the array conversion), not to no value.
                Paths = _paths is { } paths ? paths : default(ReadOnlyMemory<byte>?),
                Payload = _payload is { } payload ? payload : default(ReadOnlyMemory<byte>?),
                Lifetime = (uint?)_lifetime,
                Version = _version,
                Binding = _binding,
                Sms = _sms,
                ContentFormat = (ushort?)_contentFormat,
                Depth = (byte?)_depth,
                Attributes = hasAttributes
                    ? new OmaAttributes
                    {
                        MinimumPeriod = (uint?)_pmin,
                        MaximumPeriod = (uint?)_pmax,
                        GreaterThan = _gt,
                        Step = _st,
                        MinimumEvaluationPeriod = (uint?)_epmin,
                        MaximumEvaluationPeriod = (uint?)_epmax,
                        Edge = _edge is { } edge ? edge == 1 : null,
                        HistoricalQueueMaximum = (uint?)_hqmax,
                    }
                    : null,
            };
        }

        static bool Skip(CborReader reader)
        {
            reader.SkipValue();
            return true;
        }

        static bool TryText(CborReader reader, CborReaderState state, out string? value)
        {
            value = null;
            if (state is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
            {
                reader.SkipValue();
                return false;
            }
            value = reader.ReadTextString();
            return true;
        }

        static bool TryBytes(CborReader reader, CborReaderState state, bool textToo, out byte[]? value)
        {
            value = null;
            switch (state)
            {
                case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                    value = reader.ReadByteString();
                    return true;
                case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString when textToo:
                    // The binding's own example response carries key 7 as text: accept it as its UTF-8 bytes.
                    value = Encoding.UTF8.GetBytes(reader.ReadTextString());
                    return true;
                default:
                    reader.SkipValue();
                    return false;
            }
        }

        static bool TryUnsigned(CborReader reader, CborReaderState state, ulong maximum, out ulong? value)
        {
            value = null;
            if (!TryReadUnsigned(reader, state, maximum, out var number))
            {
                return false;
            }
            value = number;
            return true;
        }

        static bool TryNumber(CborReader reader, CborReaderState state, out double? value)
        {
            value = null;
            switch (state)
            {
                case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                    value = reader.ReadDouble();
                    return true;
                case CborReaderState.UnsignedInteger:
                    value = reader.ReadUInt64();
                    return true;
                case CborReaderState.NegativeInteger:
                    value = reader.ReadInt64();
                    return true;
                default:
                    reader.SkipValue();
                    return false;
            }
        }
    }
}
