using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.Certificates;
using LwM2MSparkplug.CertificateTool;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Testing;
using MQTTnet;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// Debian's real <c>mosquitto</c> started with the project's own mosquitto.conf, ACL files and create-passwords.sh,
/// with the container paths (/mosquitto/...) moved to a temporary folder and the listeners to free ports; the
/// certificates are made by the certificate tool with the Compose layout (stack CA key apart, a device-issuing CA).
/// </summary>
public sealed class ProjectMosquitto : IAsyncLifetime
{
    const string InstallHint = "Debian package mosquitto";

    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["MQTT_LWM2M_SERVER_PASSWORD"] = "lwm2m-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_SPARKPLUG_HOST_PASSWORD"] = "host-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_BRIDGE_PASSWORD"] = "bridge-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_MONITOR_PASSWORD"] = "monitor-test-" + Guid.NewGuid().ToString("N")[..8],
        ["MQTT_HEALTHCHECK_PASSWORD"] = "healthcheck-test-" + Guid.NewGuid().ToString("N")[..8],
    };

    /// <summary>The account of each role, as docker-compose.yml gives them to the services.</summary>
    public static readonly IReadOnlyDictionary<string, string> Accounts = new Dictionary<string, string>
    {
        ["lwm2m-server"] = "MQTT_LWM2M_SERVER_PASSWORD",
        ["sparkplug-host"] = "MQTT_SPARKPLUG_HOST_PASSWORD",
        ["mqtt-kafka-bridge"] = "MQTT_BRIDGE_PASSWORD",
        ["mqtt-kafka-bridge-2"] = "MQTT_BRIDGE_PASSWORD",
        ["monitor"] = "MQTT_MONITOR_PASSWORD",
        ["healthcheck"] = "MQTT_HEALTHCHECK_PASSWORD",
    };

    readonly TemporaryDirectory _directory = new();
    readonly List<string> _log = [];
    Process? _process;

    public int PlainPort { get; } = FreePorts.Next();
    public int TlsPort { get; } = FreePorts.Next();
    public int DevicePort { get; } = FreePorts.Next();
    public int WebSocketPort { get; } = FreePorts.Next();
    public string CaCertificatePath => Path.Combine(_directory.Path, "certs", "ca.crt");
    public string DeviceCaCertificatePath => Path.Combine(_directory.Path, "device-ca", "ca.crt");
    public string DeviceCaKeyPath => Path.Combine(_directory.Path, "device-ca", "ca.key");

    string Log { get { lock (_log) { return string.Join('\n', _log); } } }

    public async ValueTask InitializeAsync()
    {
        var mosquitto = RequiredTool.Find("mosquitto", InstallHint);
        RequiredTool.Find("mosquitto_passwd", InstallHint);
        var certificates = Path.Combine(_directory.Path, "certs");
        var data = Path.Combine(_directory.Path, "data");
        Directory.CreateDirectory(data);
        Assert.Equal(0, CertificateToolCommand.Run(["--out", certificates, "--ca-dir", Path.Combine(_directory.Path, "broker-ca"),
            "--device-ca-dir", Path.Combine(_directory.Path, "device-ca"), "--dns", "localhost", "--ip", "127.0.0.1"], TextWriter.Null, TextWriter.Null));

        var passwords = await ExternalCommand.RunAsync("sh", "a POSIX shell", [RepositoryPaths.Combine("mosquitto", "create-passwords.sh"), Path.Combine(data, "passwd")], environment: Passwords);
        Assert.True(passwords.ExitCode == 0, passwords.ToString());

        var configuration = File.ReadAllText(RepositoryPaths.Combine("mosquitto", "mosquitto.conf"))
            .Replace("/mosquitto/data/", data + "/", StringComparison.Ordinal)
            .Replace("/mosquitto/config/acl-devices", RepositoryPaths.Combine("mosquitto", "acl-devices"), StringComparison.Ordinal)
            .Replace("/mosquitto/config/acl\n", RepositoryPaths.Combine("mosquitto", "acl") + "\n", StringComparison.Ordinal)
            .Replace("/mosquitto/certs/", certificates + "/", StringComparison.Ordinal)
            .Replace("listener 1883", "listener " + PlainPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("listener 8883", "listener " + TlsPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("listener 8884", "listener " + DevicePort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
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
        await Eventually.UntilAsync(() => _process.HasExited ? throw new InvalidOperationException("mosquitto exited: " + Log) : FreePorts.IsListening(PlainPort) && FreePorts.IsListening(TlsPort) && FreePorts.IsListening(DevicePort), "mosquitto listens");
    }

    /// <summary>A certificate for a device named <paramref name="identity"/>, issued as the simulator issues its devices'.</summary>
    public X509Certificate2 DeviceCertificate(string identity)
    {
        using var issuing = DevelopmentCertificateAuthority.Load(DeviceCaCertificatePath, DeviceCaKeyPath);
        return issuing.IssueClientCertificate(identity, TimeSpan.FromHours(1));
    }

    /// <summary>Client options for the device listener: TLS with <paramref name="certificate"/> (none: no client certificate).</summary>
    public MqttClientOptions DeviceClientOptions(string clientId, X509Certificate2? certificate) =>
        MqttClientOptionsFactory.Create(
            new MqttConnectionOptions { Host = "localhost", Port = DevicePort, UseTls = true, CaCertificate = CaCertificatePath },
            new MqttSessionDefinition { ClientId = clientId, ClientCertificate = certificate is null ? null : () => certificate });

    /// <summary>The settings a device simulator needs to use this broker as docker-compose.yml gives them.</summary>
    public Dictionary<string, string?> SimulatorConfiguration() => new()
    {
        ["Mqtt:Host"] = "localhost",
        ["Mqtt:Port"] = DevicePort.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:UseTls"] = "true",
        ["Mqtt:CaCertificate"] = CaCertificatePath,
        ["Simulator:DeviceCaCertificate"] = DeviceCaCertificatePath,
        ["Simulator:DeviceCaKey"] = DeviceCaKeyPath,
        ["Mqtt:ReconnectMinDelaySeconds"] = "0.2",
        ["Mqtt:ReconnectMaxDelaySeconds"] = "1",
    };

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
