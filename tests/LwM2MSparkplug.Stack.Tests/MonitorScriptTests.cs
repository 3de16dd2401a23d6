using System.Text.RegularExpressions;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>scripts/monitor-redpanda-data.sh against the standalone stack, reading Kafka with kcat.</summary>
[Collection(StandaloneStackCollection.Name)]
public sealed partial class MonitorScriptTests(StandaloneFixture stack)
{
    [Fact]
    public async Task Once_ShowsBridgeStatusTopicCountsConnectionsAndRecentMessages()
    {
        RequiredTool.Find("kcat", "Debian package kcat");
        RequiredTool.Find("curl", "Debian package curl");
        await Eventually.UntilAsync(async () => (await stack.Bridge.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Contains($"kafka_topic=\"{TopicRouter.SparkplugTopic}\"", StringComparison.Ordinal), "the bridge has forwarded Sparkplug data");

        var result = await RunAsync(["--once"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("mqtt connected: true", result.Output, StringComparison.Ordinal);
        Assert.Contains("kafka reachable: true", result.Output, StringComparison.Ordinal);
        Assert.Matches(TopicCount(TopicRouter.SparkplugTopic), result.Output);
        Assert.Matches(TopicCount(TopicRouter.RegistrationTopic), result.Output);
        Assert.Matches(@"lwm2m-server\s+ok", result.Output);
        Assert.Matches(@"redpanda-connect\s+down", result.Output);
        Assert.Contains($"Last 5 messages of {TopicRouter.SparkplugTopic}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"key={stack.DeviceIdPrefix}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_ShowsMessagesOnM_AndQuitsOnQ()
    {
        RequiredTool.Find("kcat", "Debian package kcat");

        var result = await RunAsync([], standardInput: "mq");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[r] refresh  [m] recent messages", result.Output, StringComparison.Ordinal);
        Assert.Contains($"Last 5 messages of {TopicRouter.SparkplugTopic}", result.Output, StringComparison.Ordinal);
    }

    Task<CommandResult> RunAsync(string[] arguments, string? standardInput = null) =>
        ExternalCommand.RunAsync("bash", "GNU bash",
            [RepositoryPaths.Combine("scripts", "monitor-redpanda-data.sh"), "--kcat", stack.Application.KafkaBootstrapServers, .. arguments],
            environment: new Dictionary<string, string>
            {
                ["BRIDGE_URL"] = stack.Application.BridgeUrl.ToString().TrimEnd('/'),
                ["LWM2M_URL"] = stack.Application.Lwm2mServerUrl.ToString().TrimEnd('/'),
                ["SPARKPLUG_URL"] = stack.Application.SparkplugHostUrl.ToString().TrimEnd('/'),
                ["CONNECT_URL"] = $"http://127.0.0.1:{FreePorts.Next()}",
                ["TERM"] = "dumb",
            },
            standardInput: standardInput);

    static Regex TopicCount(string topic) => new($@"{Regex.Escape(topic)}\s+[1-9][0-9]*\n");
}
