using LwM2MSparkplug.Protocols.Sparkplug.Session;

namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>
/// The edge node side of <c>seq</c>: one counter per edge node shared by the node and all its devices.
/// NBIRTH takes 0; every following NBIRTH-less message (DBIRTH, NDATA, DDATA, DDEATH) takes the next value.
/// NDEATH, NCMD and DCMD carry no seq. Not thread-safe; the owning edge node serialises its publishes.
/// </summary>
public sealed class EdgeNodeSequence
{
    byte _current;

    /// <summary>The seq of an NBIRTH: always 0 (tck-id-payloads-nbirth-seq).</summary>
    public byte Birth()
    {
        _current = 0;
        return _current;
    }

    /// <summary>The seq of the next DBIRTH, NDATA, DDATA or DDEATH.</summary>
    public byte Next()
    {
        _current = SparkplugSeq.Next(_current);
        return _current;
    }
}
