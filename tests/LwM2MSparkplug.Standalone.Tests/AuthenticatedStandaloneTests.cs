using System.Net;
using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.SparkplugHost.Nodes;
using LwM2MSparkplug.Standalone.Broker;
using LwM2MSparkplug.Standalone.Broker.Access;
using LwM2MSparkplug.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Tests;

/// <summary>The standalone stack with BROKER_REQUIRE_AUTH=true: every client authenticated, the whole flow still works.</summary>
public sealed class AuthenticatedStandaloneTests : IAsyncLifetime
{
    const string PeoplePassword = "people-secret";

    readonly StandaloneFixture _stack = new()
    {
        ExtraSettings = new Dictionary<string, string?>
        {
            ["Broker:RequireAuthentication"] = "true",
            ["Broker:Username"] = "monitor",
            ["Broker:Password"] = PeoplePassword,
        },
    };

    EmbeddedMqttBroker Broker => _stack.Application.Broker;

    public ValueTask InitializeAsync() => _stack.InitializeAsync();

    public ValueTask DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task Devices_register_and_are_born_and_every_service_works_under_its_own_account()
    {
        var devices = _stack.DeviceIds;
        foreach (var device in devices)
        {
            await Eventually.UntilAsync(async () => (await _stack.Lwm2mServer.GetAsync($"/api/devices/{device}", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK,
                $"{device} registers with the LwM2M server");
        }
        var nodes = _stack.Application.SparkplugHost.Services.GetRequiredService<EdgeNodeRegistry>();
        await Eventually.UntilAsync(() => nodes.CountOnline().Nodes == devices.Count, "every edge node is born at the Sparkplug host");
        var read = await _stack.Lwm2mServer.GetAsync($"/api/devices/{devices[0]}/3/0/9", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var forwarded = _stack.Application.Bridge.Services.GetRequiredService<KafkaBridgeMetrics>().Forwarded;
        await Eventually.UntilAsync(() => forwarded.WithLabels(TopicRouter.SparkplugTopic).Value > 0 && forwarded.WithLabels(TopicRouter.RegistrationTopic).Value > 0,
            "the bridge forwards Sparkplug and registrations to Kafka");

        var clients = (await Broker.GetClientsAsync()).Select(c => c.Id).ToHashSet();
        Assert.Superset(new HashSet<string>([.. BrokerAccounts.ServiceNames, .. devices]), clients);
        Assert.All(devices, device => Assert.True(Broker.IsConnectedOverTls(device)));
        Assert.Empty(Broker.Statistics.RefusedPublishes);
        Assert.Empty(Broker.Statistics.RefusedSubscriptions);
        Assert.Equal(0, Broker.Statistics.RefusedConnections);
        var described = _stack.Application.Describe();
        Assert.All(BrokerAccounts.ServiceNames, name => Assert.DoesNotContain(Broker.Accounts!.PasswordOf(name), described, StringComparison.Ordinal));
        Assert.DoesNotContain(PeoplePassword, described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outside_device_with_its_own_certificate_cannot_pose_as_an_in_process_device()
    {
        var victim = _stack.DeviceIds[0];
        await Eventually.UntilAsync(async () => (await _stack.Lwm2mServer.GetAsync($"/api/devices/{victim}", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK,
            $"{victim} registers");
        using var certificate = Broker.DeviceAuthority!.IssueClientCertificate("intruder", TimeSpan.FromDays(1));
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Broker.Authority.CaCertificatePath, TestContext.Current.CancellationToken));
        await using var intruder = await MqttProbe.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", Broker.TlsPort)
            .WithClientId(victim)
            .WithTlsOptions(tls => tls.UseTls().WithTargetHost("localhost").WithClientCertificates([certificate])
                .WithTrustChain([ca]).WithIgnoreCertificateRevocationErrors(true))
            .Build());

        var deregister = await intruder.Client.PublishStringAsync($"lwm2m/{victim}/dereg", "", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, deregister.ReasonCode);
        Assert.Equal(1, Broker.Statistics.RefusedPublishes[BrokerStatistics.NotOwnTopic]);
        // The broker's refusals are on the LwM2M server's /metrics, as Prometheus sees them.
        var metrics = await _stack.Lwm2mServer.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(1, PrometheusText.Value(metrics, "mqtt_broker_publishes_refused_total{reason=\"not_own_topic\"}"));
        var clients = (await Broker.GetClientsAsync()).Select(c => c.Id).ToList();
        Assert.Contains("intruder", clients);
        Assert.Single(clients, id => id == victim);
        Assert.Equal(HttpStatusCode.OK, (await _stack.Lwm2mServer.GetAsync($"/api/devices/{victim}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
