using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>
/// A metric an edge node declares in its NBIRTH or a DBIRTH (Sparkplug 3.0 §6.4.6): its name, datatype, optional
/// alias (unique across the edge node and its devices), the properties the birth carries, and whether a host may
/// write it with NCMD/DCMD.
/// </summary>
public sealed record EdgeMetricDefinition(
    string Name,
    SparkplugDataType DataType,
    ulong? Alias = null,
    SparkplugPropertySet? Properties = null,
    bool IsWritable = false);
