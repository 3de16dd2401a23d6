namespace LwM2MSparkplug.LoadTest.Reporting;

/// <summary>
/// One hop of a flow in one phase: what should have arrived, what did, what was dropped and counted (with where and
/// why), what was still pending at the end, and what is unexplained: lost without any counter saying so.
/// </summary>
public sealed record HopRow(string Flow, string Hop, long Expected, long Delivered, long Dropped, long Pending, string Note)
{
    /// <summary>Expected minus delivered, dropped and pending: 0 when every message is accounted for.</summary>
    public long Unexplained => Expected - Delivered - Dropped - Pending;
}
