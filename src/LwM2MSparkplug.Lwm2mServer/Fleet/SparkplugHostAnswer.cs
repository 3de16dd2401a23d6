namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>What one read of the Sparkplug host gave: its edge nodes, or the failure and a sentence saying why.</summary>
public sealed record SparkplugHostAnswer(IReadOnlyList<HostNode> Nodes, SparkplugHostFailure Failure, string? Error)
{
    public static SparkplugHostAnswer Read(IReadOnlyList<HostNode> nodes) => new(nodes, SparkplugHostFailure.None, null);

    public static SparkplugHostAnswer Failed(SparkplugHostFailure failure, string error) => new([], failure, error);
}
