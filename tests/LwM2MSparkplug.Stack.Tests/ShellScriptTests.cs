using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

public sealed class ShellScriptTests
{
    [Fact]
    public async Task Shellcheck_FindsNothingInTheProjectsScripts()
    {
        var result = await ExternalCommand.RunAsync("shellcheck", "Debian package shellcheck",
            ["scripts/monitor-redpanda-data.sh", "scripts/create-topics.sh", "mosquitto/create-passwords.sh", ".ci/run", "benchmarks/loadtest-mosquitto.sh", "benchmarks/simulator-footprint.sh", "benchmarks/stack-processes.sh"]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("--kafka", "localhost:9092")]
    [InlineData("--bridge-url=http://localhost:8083/")]
    [InlineData("--self-contained")]
    public async Task LoadtestMosquitto_RefusesOptionsThatDescribeTheStack_BeforeStartingAnything(params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync("bash", "GNU bash", [RepositoryPaths.Combine("benchmarks", "loadtest-mosquitto.sh"), "-n", "10", .. arguments]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{arguments[0]} describes the stack, which this script starts", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTopics_CreatesMissingTopicsWithTheirPartitions_AndKeepsExistingOnes()
    {
        using var directory = new TemporaryDirectory();
        var calls = Path.Combine(directory.Path, "rpk-calls");
        FakeRpk(directory.Path, existing: "iot.existing");

        var result = await CreateTopicsAsync(directory.Path, calls, "iot.existing:3 iot.new:6");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(calls);
        Assert.Contains("topic create iot.new --partitions 6 --replicas 1", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("topic create iot.existing", StringComparison.Ordinal));
        Assert.Contains("kept    iot.existing", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iot.topic")]
    [InlineData("iot.topic:0")]
    [InlineData("iot.topic:many")]
    public async Task CreateTopics_RejectsAnEntryWithoutAPartitionCount(string entry)
    {
        using var directory = new TemporaryDirectory();
        FakeRpk(directory.Path, existing: "none");

        var result = await CreateTopicsAsync(directory.Path, Path.Combine(directory.Path, "rpk-calls"), entry);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not 'topic:partitions'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePasswords_RefusesToRunWithoutEveryPassword()
    {
        using var directory = new TemporaryDirectory();
        var passwords = new Dictionary<string, string>(ProjectMosquitto.Passwords) { ["MQTT_BRIDGE_PASSWORD"] = string.Empty };
        var file = Path.Combine(directory.Path, "passwd");

        var result = await ExternalCommand.RunAsync("sh", "a POSIX shell", [RepositoryPaths.Combine("mosquitto", "create-passwords.sh"), file], environment: passwords);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("MQTT_BRIDGE_PASSWORD is not set", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    static Task<CommandResult> CreateTopicsAsync(string fakeDirectory, string calls, string topics) =>
        ExternalCommand.RunAsync("bash", "GNU bash", [RepositoryPaths.Combine("scripts", "create-topics.sh")], environment: new Dictionary<string, string>
        {
            ["PATH"] = fakeDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["KAFKA_TOPICS"] = topics,
            ["RPK_BROKERS"] = "redpanda:9092",
            ["RPK_CALLS"] = calls,
        });

    /// <summary>An <c>rpk</c> that records its arguments and knows one existing topic.</summary>
    static void FakeRpk(string directory, string existing)
    {
        var path = Path.Combine(directory, "rpk");
        File.WriteAllText(path, $$"""
            #!/bin/sh
            echo "$*" >> "$RPK_CALLS"
            if [ "$1 $2" = "topic describe" ]; then
                [ "$3" = "{{existing}}" ]
                exit $?
            fi
            exit 0
            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
