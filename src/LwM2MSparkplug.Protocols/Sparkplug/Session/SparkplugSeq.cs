namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>
/// Sequence arithmetic shared by <c>seq</c> and <c>bdSeq</c>: both run 0..255 and wrap 255 → 0
/// (Sparkplug 3.0 tck-id-payloads-sequence-num-incrementing, tck-id-payloads-nbirth-bdseq-increment).
/// </summary>
public static class SparkplugSeq
{
    /// <summary>The number of distinct values; the wire carries them in a uint64.</summary>
    public const int Modulus = 256;

    /// <summary>
    /// How far behind the last applied seq a message may be and still count as a late copy rather than as ahead of a
    /// gap: half the circle, less one (serial number arithmetic, as RFC 1982 does it). A window of 128 or more would
    /// call one seq both behind and ahead.
    /// </summary>
    public const int LateWindow = (Modulus / 2) - 1;

    /// <summary>
    /// Consecutive seqs dropped as behind after which they are taken for a node that lost 128 or more messages and
    /// came round behind the host (a rebirth is asked for): late copies come one at a time, not as a counting run.
    /// </summary>
    public const int BehindRunForRebirth = 3;

    public static byte Next(byte value) => unchecked((byte)(value + 1));

    /// <summary>Reads a wire value; values above 255 are not valid sequence numbers.</summary>
    public static bool TryFromWire(ulong wireValue, out byte value)
    {
        value = unchecked((byte)wireValue);
        return wireValue < Modulus;
    }

    /// <summary>How far <paramref name="value"/> is ahead of <paramref name="from"/>, modulo 256 (0..255).</summary>
    public static int Distance(byte from, byte value) => (value - from + Modulus) % Modulus;
}
