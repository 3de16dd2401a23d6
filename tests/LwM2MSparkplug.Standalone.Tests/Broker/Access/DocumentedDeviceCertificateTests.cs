using System.Globalization;
using LwM2MSparkplug.Standalone.Broker;
using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Access;

/// <summary>
/// The OpenSSL and <c>mosquitto_pub</c> lines of docs/standalone-authentication.md, as written, against the embedded
/// broker with authentication on: an outside device gets a certificate from the device CA and registers as itself.
/// </summary>
public sealed class DocumentedDeviceCertificateTests
{
    const string Document = "docs/standalone-authentication.md";

    [Fact]
    public async Task The_documented_device_certificate_lets_an_outside_device_publish_as_itself()
    {
        using var work = new TemporaryDirectory();
        await using var broker = await TestBroker.StartAsync(options =>
        {
            options.CertificateDirectory = Path.Combine(work.Path, ".dev-certs");
            options.RequireAuthentication = true;
            options.Username = "monitor";
            options.Password = "people-secret";
        });
        await using var watcher = await MqttProbe.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("localhost", broker.Port)
            .WithCredentials("monitor", "people-secret").WithProtocolVersion(MqttProtocolVersion.V500).Build(), "lwm2m/#");
        var script = DocumentedScript().Replace("-p 8883", "-p " + broker.TlsPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var result = await ExternalCommand.RunAsync("bash", "apt-get install bash openssl mosquitto-clients", ["-e", "-c", script], workingDirectory: work.Path);

        Assert.True(result.ExitCode == 0, $"the documented commands failed: {result}");
        // Only the device hand-1 may publish there: the registration arriving is the certificate working.
        await watcher.WaitForAsync(m => m.Topic == "lwm2m/hand-1/reg", "the outside device's registration arrives");
        Assert.Empty(broker.Broker.Statistics.RefusedPublishes);
    }

    /// <summary>The shell block of the document that issues the device certificate.</summary>
    static string DocumentedScript()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, Document));
        var start = text.IndexOf("DEVICE=hand-1", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Document} no longer shows the device certificate commands; update this test with what it shows now.");
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
