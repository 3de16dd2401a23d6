using System.Diagnostics;
using System.Globalization;
using LwM2MSparkplug.CertificateTool;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Testing;
using MQTTnet;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// Debian's real <c>mosquitto</c> started with the project's own mosquitto.conf, ACL file and create-passwords.sh,
/// with the container paths (/mosquitto/...) moved to a temporary folder and the listeners to free ports.
/// </summary>
public sealed class ProjectMosquitto : IAsyncLifetime
{
    const string InstallHint = "Debian package mosquitto";

    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["MQTT_DEVICE_PASSWORD"] = "device-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_LWM2M_SERVER_PASSWORD"] = "lwm2m-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_SPARKPLUG_HOST_PASSWORD"] = "host-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_BRIDGE_PASSWORD"] = "bridge-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_MONITOR_PASSWORD"] = "monitor-test-" + Guid.NewGuid().ToString("N")[..8],
    };

    /// <summary>The account of each role, as docker-compose.yml gives them to the services.</summary>
    public static readonly IReadOnlyDictionary<string, string> Accounts = new Dictionary<string, string>
    {
        ["device"] = "MQTT_DEVICE_PASSWORD",
        ["lwm2m-server"] = "MQTT_LWM2M_SERVER_PASSWORD",
        ["sparkplug-host"] = "MQTT_SPARKPLUG_HOST_PASSWORD",
        ["mqtt-kafka-bridge"] = "MQTT_BRIDGE_PASSWORD",
        ["monitor"] = "MQTT_MONITOR_PASSWORD",
    };

    readonly TemporaryDirectory _directory = new();
    readonly List<string> _log = [];
    Process? _process;

    public int PlainPort { get; } = FreePorts.Next();
    public int TlsPort { get; } = FreePorts.Next();
    public int WebSocketPort { get; } = FreePorts.Next();
    public string CaCertificatePath => Path.Combine(_directory.Path, "certs", "ca.crt");
    string Log { get { lock (_log) { return string.Join('\n', _log); } } }

    public async ValueTask InitializeAsync()
    {
        var mosquitto = RequiredTool.Find("mosquitto", InstallHint);
        RequiredTool.Find("mosquitto_passwd", InstallHint);
        var certificates = Path.Combine(_directory.Path, "certs");
        var data = Path.Combine(_directory.Path, "data");
        Directory.CreateDirectory(data);
        Assert.Equal(0, CertificateToolCommand.Run(["--out", certificates, "--dns", "localhost", "--ip", "127.0.0.1"], TextWriter.Null, TextWriter.Null));

        var passwords = await ExternalCommand.RunAsync("sh", "a POSIX shell", [RepositoryPaths.Combine("mosquitto", "create-passwords.sh"), Path.Combine(data, "passwd")], environment: Passwords);
        Assert.True(passwords.ExitCode == 0, passwords.ToString());

        var configuration = File.ReadAllText(RepositoryPaths.Combine("mosquitto", "mosquitto.conf"))
            .Replace("/mosquitto/data/", data + "/", StringComparison.Ordinal)
            .Replace("/mosquitto/config/acl", RepositoryPaths.Combine("mosquitto", "acl"), StringComparison.Ordinal)
            .Replace("/mosquitto/certs/", certificates + "/", StringComparison.Ordinal)
            .Replace("listener 1883", "listener " + PlainPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("listener 8883", "listener " + TlsPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("listener 9001", "listener " + WebSocketPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(configuration.Split('\n'), line => !line.StartsWith('#') && line.Contains(" /mosquitto/", StringComparison.Ordinal));
        if (Environment.UserName == "root")
        {
            // Started as root, the broker would switch to the mosquitto user, who cannot read this test's files.
            configuration += "\nuser root\n";
        }
        var configurationPath = Path.Combine(_directory.Path, "mosquitto.conf");
        await File.WriteAllTextAsync(configurationPath, configuration, TestContext.Current.CancellationToken);

        var start = new ProcessStartInfo(mosquitto) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configurationPath);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.UntilAsync(() => _process.HasExited ? throw new InvalidOperationException("mosquitto exited: " + Log) : FreePorts.IsListening(PlainPort) && FreePorts.IsListening(TlsPort), "mosquitto listens");
    }

    /// <summary>Client options over TLS (trusting the stack's CA) or plain TCP, with a role's account.</summary>
    public MqttClientOptions ClientOptions(string clientId, string? account, bool tls = true, string? password = null) =>
        MqttClientOptionsFactory.Create(Connection(account, tls, password), new MqttSessionDefinition { ClientId = clientId });

    /// <summary>The <c>Mqtt:*</c> settings a service needs to use this broker with a role's account.</summary>
    public Dictionary<string, string?> ServiceConfiguration(string account) => new()
    {
        ["Mqtt:Host"] = "localhost",
        ["Mqtt:Port"] = TlsPort.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:UseTls"] = "true",
        ["Mqtt:CaCertificate"] = CaCertificatePath,
        ["Mqtt:Username"] = account,
        ["Mqtt:Password"] = Passwords[Accounts[account]],
        ["Mqtt:ReconnectMinDelaySeconds"] = "0.2",
        ["Mqtt:ReconnectMaxDelaySeconds"] = "1",
    };

    MqttConnectionOptions Connection(string? account, bool tls, string? password) => new()
    {
        Host = "localhost",
        Port = tls ? TlsPort : PlainPort,
        UseTls = tls,
        CaCertificate = tls ? CaCertificatePath : null,
        Username = account,
        Password = password ?? (account is null ? null : Passwords[Accounts[account]]),
    };

    void Record(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
