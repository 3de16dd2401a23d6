namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>Why a Sparkplug payload could not be decoded. Used as the <c>reason</c> metric label.</summary>
public enum SparkplugDecodeError
{
    None,
    EmptyPayload,
    PayloadTooLarge,
    MalformedProtobuf,
}
