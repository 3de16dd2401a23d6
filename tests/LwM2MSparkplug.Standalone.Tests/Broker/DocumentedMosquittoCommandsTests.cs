using System.Text;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Tests.Broker;

/// <summary>
/// The <c>mosquitto_sub</c> and <c>mosquitto_pub</c> commands of the README and docs, as written, against the embedded
/// broker with Debian's stock clients (which send an empty client id). Only the port and CA path are pointed at the test
/// broker, and <c>-C 1 -W 30</c> lets <c>mosquitto_sub</c> end after the first message.
/// </summary>
public sealed class DocumentedMosquittoCommandsTests
{
    const string InstallHint = "apt-get install mosquitto-clients";

    [Fact]
    public async Task The_readme_subscription_to_everything_receives_what_the_documented_mosquitto_pub_sends()
    {
        await using var broker = await TestBroker.StartAsync();
        var subscribe = DocumentedCommand("README.md", "mosquitto_sub -h localhost -t '#' -v");
        var publish = DocumentedCommand("docs/lwm2m-over-mqtt.md", "mosquitto_pub -h localhost -q 1 -t lwm2m/hand-1/reg");

        var subscriber = ExternalCommand.RunAsync("mosquitto_sub", InstallHint, [.. subscribe, "-p", Port(broker.Port), "-C", "1", "-W", "30"]);
        // Publish until the subscriber (whose subscription the test cannot see being made) has printed one message.
        while (!subscriber.IsCompleted)
        {
            var published = await ExternalCommand.RunAsync("mosquitto_pub", InstallHint, [.. publish, "-p", Port(broker.Port)]);
            Assert.True(published.ExitCode == 0, $"mosquitto_pub failed: {published}");
            await Task.WhenAny(subscriber, Task.Delay(200, TestContext.Current.CancellationToken));
        }

        var received = await subscriber;
        Assert.True(received.ExitCode == 0, $"mosquitto_sub failed: {received}");
        Assert.StartsWith("lwm2m/hand-1/reg {", received.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_tls_subscription_receives_sparkplug_messages()
    {
        await using var broker = await TestBroker.StartAsync();
        var subscribe = DocumentedCommand("README.md", "mosquitto_sub -h localhost -p 8883 --cafile");
        subscribe[subscribe.IndexOf("8883")] = Port(broker.TlsPort);
        subscribe[subscribe.IndexOf("--cafile") + 1] = broker.CaCertificatePath;
        await using var publisher = await MqttProbe.ConnectAsync(broker.Port, "publisher");

        var subscriber = ExternalCommand.RunAsync("mosquitto_sub", InstallHint, [.. subscribe, "-C", "1", "-W", "30"]);
        while (!subscriber.IsCompleted)
        {
            await publisher.PublishAsync("spBv1.0/G/NDATA/node", Encoding.UTF8.GetBytes("over-tls"), MqttQualityOfServiceLevel.AtMostOnce);
            await Task.WhenAny(subscriber, Task.Delay(200, TestContext.Current.CancellationToken));
        }

        var received = await subscriber;
        Assert.True(received.ExitCode == 0, $"mosquitto_sub over TLS failed: {received}");
        Assert.Equal("spBv1.0/G/NDATA/node over-tls", received.Output.Trim());
    }

    /// <summary>The arguments of the first line of <paramref name="document"/> that starts with <paramref name="prefix"/>, split as a shell would.</summary>
    static List<string> DocumentedCommand(string document, string prefix)
    {
        var line = File.ReadLines(Path.Combine(RepositoryPaths.Root, document)).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{document} no longer shows '{prefix}…'; update this test with the command it shows now.");
        return [.. ShellWords(line).Skip(1)];
    }

    /// <summary>Words of a command line with single-quoted parts, which is all the documented commands use.</summary>
    static IEnumerable<string> ShellWords(string line)
    {
        var word = new StringBuilder();
        var quoted = false;
        var started = false;
        foreach (var character in line)
        {
            if (character == '\'')
            {
                quoted = !quoted;
                started = true;
            }
            else if (character == ' ' && !quoted)
            {
                if (started)
                {
                    yield return word.ToString();
                }
                word.Clear();
                started = false;
            }
            else
            {
                word.Append(character);
                started = true;
            }
        }
        if (started)
        {
            yield return word.ToString();
        }
    }

    static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
