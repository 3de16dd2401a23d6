using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>
/// Sparkplug 3.0 with several MQTT servers: the host application is connected to all of them, with a STATE session
/// of its own on each, and knows which server each edge node is on.
/// </summary>
public sealed class MultipleServersTests
{
    const string Group = "multi";

    [Fact]
    public async Task TheHost_PublishesStateOnEveryServer_EachWithTheTimestampOfItsOwnSession()
    {
        await using var first = await TestBroker.StartAsync();
        await using var second = await TestBroker.StartAsync();
        var (host, stateTopic) = await StartHostAsync(first, second);
        await using var _ = host;
        var onFirst = await OnlineStateAsync(first, stateTopic, "first-watcher", after: 0);
        var onSecond = await OnlineStateAsync(second, stateTopic, "second-watcher", after: 0);

        await second.RestartAsync();

        // A new session on the second server only: a new T there, the first server's STATE untouched.
        var renewed = await OnlineStateAsync(second, stateTopic, "second-watcher-2", after: onSecond);
        Assert.True(renewed > onSecond);
        Assert.Equal(onFirst, await OnlineStateAsync(first, stateTopic, "first-watcher-2", after: 0));

        // Its own offline STATE on the first server is answered with the first server's T, not the newer one.
        await using var impostor = await MqttProbe.ConnectAsync(first.Port, "impostor", stateTopic);
        await impostor.WaitForAsync(m => m.Topic == stateTopic, "the retained STATE");
        await impostor.PublishAsync(stateTopic, new HostState(false, onFirst).ToJsonBytes(), retain: true);
        await Eventually.UntilAsync(
            () => impostor.On(stateTopic).Count(m => HostState.TryParse(m.Sequence, out var s) && s.Online && s.Timestamp == onFirst) >= 2,
            "the host republishes online on the first server with that server's session timestamp");
        Assert.DoesNotContain(impostor.On(stateTopic), m => HostState.TryParse(m.Sequence, out var s) && s.Timestamp == renewed);
    }

    [Fact]
    public async Task ANodeOnTheSecondServer_IsShownThere_AndItsRebirthRequestGoesThere()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await TestBroker.StartAsync();
        await using var second = await TestBroker.StartAsync();
        var (host, stateTopic) = await StartHostAsync(first, second);
        await using var _ = host;
        await OnlineStateAsync(second, stateTopic, "state-watcher", after: 0);
        await using var commandsOnFirst = await MqttProbe.ConnectAsync(first.Port, "first-commands", $"spBv1.0/{Group}/NCMD/#");
        await using var edge = await MqttProbe.ConnectAsync(second.Port, "moved-edge", $"spBv1.0/{Group}/NCMD/moved-edge");

        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/moved-edge", SparkplugHostHarness.NodeBirth(0), MqttQualityOfServiceLevel.AtMostOnce);

        var node = await Eventually.ValueAsync(
            async () => await host.Http.GetFromJsonAsync<JsonElement>($"/api/nodes/{Group}/moved-edge", ct),
            n => n.GetProperty("online").GetBoolean(),
            "the host sees the node born on the second server");
        Assert.Equal(second.PlainUri, node.GetProperty("server").GetString());

        var rebirth = await host.Http.PostAsync($"/api/nodes/{Group}/moved-edge/rebirth", null, ct);
        Assert.Equal(HttpStatusCode.Accepted, rebirth.StatusCode);
        var request = await edge.WaitForAsync(m => m.Topic == $"spBv1.0/{Group}/NCMD/moved-edge", "the rebirth request on the node's server");
        Assert.True(SparkplugHostHarness.IsRebirthRequest(request));
        // The first server carries nothing for the node: a probe there subscribed before the request was sent.
        Assert.Empty(commandsOnFirst.Received);
    }

    [Fact]
    public async Task ANodeThatWalked_StaysOnItsNewServer_WhenItsOldSessionsDeathArrivesLate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await TestBroker.StartAsync();
        await using var second = await TestBroker.StartAsync();
        var (host, _) = await StartHostAsync(first, second);
        await using var _ = host;
        await using var onFirst = await MqttProbe.ConnectAsync(first.Port, "walker-on-first");
        await using var onSecond = await MqttProbe.ConnectAsync(second.Port, "walker-on-second");
        await onFirst.PublishAsync($"spBv1.0/{Group}/NBIRTH/walker", SparkplugHostHarness.NodeBirth(0), MqttQualityOfServiceLevel.AtMostOnce);
        await Eventually.UntilAsync(async () => (await NodeAsync(host, "walker"))?.GetProperty("server").GetString() == first.PlainUri, "the node is on the first server");

        await onSecond.PublishAsync($"spBv1.0/{Group}/NBIRTH/walker", SparkplugHostHarness.NodeBirth(1), MqttQualityOfServiceLevel.AtMostOnce);
        await Eventually.UntilAsync(async () => (await NodeAsync(host, "walker"))?.GetProperty("server").GetString() == second.PlainUri, "the node is on the second server");
        var staleBefore = await StaleDeathsAsync(host);
        await onFirst.PublishAsync($"spBv1.0/{Group}/NDEATH/walker", SparkplugHostHarness.NodeDeath(0));
        await Eventually.UntilAsync(async () => await StaleDeathsAsync(host) > staleBefore, "the old session's death is handled, as stale");

        var node = (await NodeAsync(host, "walker"))!.Value;
        Assert.True(node.GetProperty("online").GetBoolean());
        Assert.Equal(second.PlainUri, node.GetProperty("server").GetString());
        Assert.Equal(1, node.GetProperty("bd_seq").GetInt32());
    }

    static async Task<JsonElement?> NodeAsync(TestService host, string edge)
    {
        var response = await host.Http.GetAsync($"/api/nodes/{Group}/{edge}", TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken) : null;
    }

    static async Task<double> StaleDeathsAsync(TestService host) =>
        PrometheusText.Value(await host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken), "sparkplug_stale_deaths_total");

    static async Task<(TestService Host, string StateTopic)> StartHostAsync(params TestBroker[] brokers)
    {
        var hostId = "host-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = TestBroker.ServersConfiguration(brokers);
        configuration["SparkplugHost:HostId"] = hostId;
        var host = await TestService.StartAsync(SparkplugHostExtensions.ServiceName, configuration, b => b.AddSparkplugHost(), a => a.MapSparkplugHostApi());
        // Healthy, not only 200 (degraded answers 200 too): connected and subscribed on every broker.
        await Eventually.UntilAsync(async () => (await (await host.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("\"status\":\"healthy\"", StringComparison.Ordinal), "the host is up on every broker");
        return (host, $"spBv1.0/STATE/{hostId}");
    }

    /// <summary>The timestamp of the retained online STATE on <paramref name="broker"/> once it is newer than <paramref name="after"/>.</summary>
    static async Task<long> OnlineStateAsync(TestBroker broker, string stateTopic, string watcherId, long after)
    {
        await using var watcher = await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await MqttProbe.ConnectAsync(broker.Port, watcherId, stateTopic);
                }
                catch (MQTTnet.Exceptions.MqttCommunicationException)
                {
                    return null;
                }
            },
            probe => probe is not null,
            "a watcher connects to the broker");
        var state = await watcher!.WaitForAsync(
            m => HostState.TryParse(m.Sequence, out var s) && s.Online && s.Timestamp > after,
            "an online STATE of the host");
        Assert.True(HostState.TryParse(state.Sequence, out var online));
        return online.Timestamp;
    }
}
