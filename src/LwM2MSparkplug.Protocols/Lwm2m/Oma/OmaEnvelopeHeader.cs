using System.Formats.Cbor;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// The token, operation code and result marker of an OMA binding envelope that <see cref="OmaEnvelopeCodec"/>
/// refused (malformed, too large, an unknown operation), read leniently from the top-level map: enough to answer the
/// request with an error, or to see it is the client's own message.
/// </summary>
public readonly record struct OmaEnvelopeHeader(ulong? Token, ulong? OperationCode, bool HasResult)
{
    const ulong OperationKey = 1, TokenKey = 2, ResultKey = 18;

    /// <summary>A request (an operation and a token, no result) that can be answered with an error result.</summary>
    public bool IsAnswerableRequest => Token is not null && OperationCode is not null && !HasResult;

    public static OmaEnvelopeHeader Read(ReadOnlyMemory<byte> bytes)
    {
        ulong? token = null, operationCode = null;
        var hasResult = false;
        var reader = new CborReader(bytes, CborConformanceMode.Lax);
        try
        {
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                return default;
            }
            reader.ReadStartMap();
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                if (reader.PeekState() != CborReaderState.UnsignedInteger)
                {
                    reader.SkipValue();
                    reader.SkipValue();
                    continue;
                }
                var key = reader.ReadUInt64();
                var valueIsUnsigned = reader.PeekState() == CborReaderState.UnsignedInteger;
                switch (key)
                {
                    case OperationKey when valueIsUnsigned:
                        operationCode = reader.ReadUInt64();
                        break;
                    case TokenKey when valueIsUnsigned:
                        token = reader.ReadUInt64();
                        break;
                    default:
                        hasResult |= key == ResultKey;
                        reader.SkipValue();
                        break;
                }
            }
        }
        catch (Exception exception) when (CborInput.IsMalformed(exception))
        {
            // What was read before the fault is all there is to go on.
        }
        return new OmaEnvelopeHeader(token, operationCode, hasResult);
    }
}
