namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>What one read of the Sparkplug host at <see cref="Url"/> gave: its edge nodes, or the failure and a sentence saying why.</summary>
public sealed record SparkplugHostAnswer(Uri Url, IReadOnlyList<HostNode> Nodes, SparkplugHostFailure Failure, string? Error)
{
    public static SparkplugHostAnswer Read(Uri url, IReadOnlyList<HostNode> nodes) => new(url, nodes, SparkplugHostFailure.None, null);

    public static SparkplugHostAnswer Failed(Uri url, SparkplugHostFailure failure, string error) => new(url, [], failure, error);
}
