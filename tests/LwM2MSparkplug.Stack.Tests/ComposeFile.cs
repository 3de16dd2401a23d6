using System.Text.Json.Nodes;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>docker-compose.yml as Debian's docker-compose 1.29 resolves it (anchors merged, defaults filled in).</summary>
public static class ComposeFile
{
    public const string InstallHint = "Debian package docker-compose";

    public static async Task<CommandResult> ConfigAsync(params string[] arguments) =>
        await ExternalCommand.RunAsync("docker-compose", InstallHint, arguments, environment: new Dictionary<string, string>
        {
            // Validate the file as shipped: no .env or shell variables of the machine running the tests.
            ["COMPOSE_PROJECT_NAME"] = "lwm2msparkplug",
        });

    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? _resolved;

    /// <summary>The resolved file, read once per test run (each test gets its own copy to read).</summary>
    public static async Task<JsonObject> ResolvedAsync()
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_resolved is null)
            {
                var result = await ConfigAsync("-f", "docker-compose.yml", "config");
                Assert.True(result.ExitCode == 0, result.ToString());
                _resolved = result.Output;
            }
        }
        finally
        {
            Gate.Release();
        }
        return YamlFile.Parse(_resolved).AsObject();
    }

    public static JsonObject Service(this JsonObject compose, string name) =>
        compose["services"]?[name]?.AsObject() ?? throw new InvalidDataException($"service {name} is missing");

    public static string? Environment(this JsonObject service, string name) => service["environment"]?[name]?.GetValue<string>();
}
