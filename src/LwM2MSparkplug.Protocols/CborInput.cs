using System.Formats.Cbor;
using System.Text;

namespace LwM2MSparkplug.Protocols;

/// <summary>What reading untrusted CBOR with <see cref="CborReader"/> throws when the input is not well-formed.</summary>
public static class CborInput
{
    /// <summary>
    /// True for the reader's faults of the input (malformed items, duplicate keys, bad UTF-8, a read of the wrong
    /// kind, numbers out of range); anything else is a bug and must not be swallowed.
    /// </summary>
    public static bool IsMalformed(Exception exception) =>
        exception is CborContentException or InvalidOperationException or FormatException or OverflowException or DecoderFallbackException;
}
