namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>Quality codes of the optional <c>Quality</c> property, an Int32 (Sparkplug 3.0 §6.4.14).</summary>
#pragma warning disable CA1008 // Zero is BAD in the specification, not "None".
public enum SparkplugQuality
#pragma warning restore CA1008
{
    Bad = 0,
    Good = 192,
    Stale = 500,
}
