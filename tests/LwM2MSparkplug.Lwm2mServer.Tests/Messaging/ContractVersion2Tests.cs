using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Messaging;

/// <summary>
/// Version 2 of the wire contract: Send with an id the device chooses is acknowledged on its own topic, De-register is
/// acknowledged, values keep their SenML times; version 1 devices (Send without id) keep working unchanged.
/// </summary>
public sealed class ContractVersion2Tests(Lwm2mServerFixture fixture) : IClassFixture<Lwm2mServerFixture>
{
    [Fact]
    public async Task SendWithAnId_IsAcknowledged204OnItsAckTopic_AndItsEventKeepsTheIdAndTheSenmlTimes()
    {
        var endpoint = "v2-" + Guid.NewGuid().ToString("N")[..6];
        await using var device = await RegisteredDeviceAsync(endpoint);

        await device.PublishAsync($"lwm2m/{endpoint}/send/s-1",
            """{"format":"senml+json","payload":[{"bn":"/3303/0/","bt":1767225600,"n":"5700","v":21.5},{"n":"5700","t":-60,"bt":1767225600,"v":21.0}]}"""u8.ToArray());

        var ack = await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/send/s-1/ack", "the server acknowledges the Send");
        Assert.Equal("2.04", Json(ack.Payload).GetProperty("code").GetString());
        var send = await EventAsync(endpoint, "send");
        Assert.Equal("s-1", send.GetProperty("data").GetProperty("send_id").GetString());
        var times = send.GetProperty("data").GetProperty("values").EnumerateArray().Select(v => v.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal([DateTimeOffset.FromUnixTimeSeconds(1767225600), DateTimeOffset.FromUnixTimeSeconds(1767225540)], times);
    }

    [Fact]
    public async Task SendWithAnId_ThatCannotBeRead_IsAcknowledged400_AndFromAnUnregisteredEndpoint404()
    {
        var endpoint = "v2-" + Guid.NewGuid().ToString("N")[..6];
        await using var device = await RegisteredDeviceAsync(endpoint);
        var stranger = "v2-" + Guid.NewGuid().ToString("N")[..6];
        await using var unregistered = await MqttProbe.ConnectAsync(fixture.Broker.Port, stranger, $"lwm2m/{stranger}/#");

        await device.PublishAsync($"lwm2m/{endpoint}/send/s-2", """{"format":"text","payload":"21"}"""u8.ToArray());
        await unregistered.PublishAsync($"lwm2m/{stranger}/send/s-3", """{"format":"senml+json","payload":[{"n":"/3303/0/5700","v":1}]}"""u8.ToArray());

        var refused = Json((await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/send/s-2/ack", "the unreadable Send is answered")).Payload);
        Assert.Equal("4.00", refused.GetProperty("code").GetString());
        Assert.Contains("senml+json", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        var unknown = Json((await unregistered.WaitForAsync(m => m.Topic == $"lwm2m/{stranger}/send/s-3/ack", "the unregistered device's Send is answered")).Payload);
        Assert.Equal("4.04", unknown.GetProperty("code").GetString());
    }

    [Fact]
    public async Task VersionOneSend_WithoutAnId_IsRecorded_AndNotAnswered()
    {
        var endpoint = "v1-" + Guid.NewGuid().ToString("N")[..6];
        await using var device = await RegisteredDeviceAsync(endpoint);

        await device.PublishAsync($"lwm2m/{endpoint}/send", """{"format":"senml+json","payload":[{"n":"/3303/0/5700","v":20}]}"""u8.ToArray());
        await device.PublishAsync($"lwm2m/{endpoint}/dereg", []);

        var send = await EventAsync(endpoint, "send");
        Assert.False(send.GetProperty("data").TryGetProperty("send_id", out var id) && id.ValueKind != JsonValueKind.Null);
        Assert.False(send.GetProperty("data").GetProperty("values")[0].TryGetProperty("time", out var time) && time.ValueKind != JsonValueKind.Null);
        // The De-register's acknowledgement comes after anything the Send could have caused.
        await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/dereg/ack", "the De-register is answered");
        Assert.DoesNotContain(device.Received, m => m.Topic.StartsWith($"lwm2m/{endpoint}/send", StringComparison.Ordinal) && m.Topic.EndsWith("/ack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deregister_IsAcknowledged202_AndAnUnknownOne404()
    {
        var endpoint = "v2-" + Guid.NewGuid().ToString("N")[..6];
        await using var device = await RegisteredDeviceAsync(endpoint);

        await device.PublishAsync($"lwm2m/{endpoint}/dereg", "{}"u8.ToArray());
        var deleted = await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/dereg/ack", "the De-register is answered");
        await device.PublishAsync($"lwm2m/{endpoint}/dereg", "{}"u8.ToArray());
        var unknown = await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/dereg/ack" && m != deleted, "the second De-register is answered");

        Assert.Equal("2.02", Json(deleted.Payload).GetProperty("code").GetString());
        Assert.Equal("4.04", Json(unknown.Payload).GetProperty("code").GetString());
    }

    [Fact]
    public async Task UpdateWithALinkList_KeepsTheValuesOfTheObjectsStillListed()
    {
        var endpoint = "v2-" + Guid.NewGuid().ToString("N")[..6];
        await using var device = await MqttProbe.ConnectAsync(fixture.Broker.Port, endpoint, $"lwm2m/{endpoint}/#");
        await device.PublishAsync($"lwm2m/{endpoint}/reg", """{"version":"1.2","objects":{"3":{"0":{"0":"Maker","1":"Model"}},"3303":{"0":{"5701":"Cel"}}}}"""u8.ToArray());
        await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/reg/ack", "registered");

        await device.PublishAsync($"lwm2m/{endpoint}/update", """{"objects":"</1/0>,</3/0>"}"""u8.ToArray());
        await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/update/ack", "updated");

        var view = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/devices/{endpoint}", TestContext.Current.CancellationToken);
        var text = view.GetRawText();
        Assert.Contains("Maker", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cel", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_KeepsTheObjectVersions_TheContentFormats_AndTheMsisdn_InTheDeviceView()
    {
        var endpoint = "v2-" + Guid.NewGuid().ToString("N")[..6];
        await using var device = await MqttProbe.ConnectAsync(fixture.Broker.Port, endpoint, $"lwm2m/{endpoint}/#");

        await device.PublishAsync($"lwm2m/{endpoint}/reg",
            """{"version":"1.2","sms":"+358401234567","objects":"</>;rt=\"oma.lwm2m\";ct=\"60 110\",</1/0>,</3303>;ver=1.1,</3303/0>"}"""u8.ToArray());
        await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/reg/ack", "registered");
        await device.PublishAsync($"lwm2m/{endpoint}/update", """{"objects":"</1/0>,</3303>;ver=1.1,</3303/0>,</3303/1>"}"""u8.ToArray());
        await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/update/ack", "updated");

        var view = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/devices/{endpoint}", TestContext.Current.CancellationToken);
        Assert.Equal("+358401234567", view.GetProperty("sms").GetString());
        Assert.Equal([60, 110], view.GetProperty("content_formats").EnumerateArray().Select(f => f.GetInt32()));
        Assert.Contains("</3303>;ver=1.1", view.GetProperty("object_links").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version":"1.2","sms":"call me"}""")]
    [InlineData("""{"version":"1.2","objects":"</>;ct=json,</1/0>"}""")]
    public async Task Register_WithAnUnreadableSmsOrContentFormat_IsRefused400(string register)
    {
        var endpoint = "v2-" + Guid.NewGuid().ToString("N")[..6];
        await using var device = await MqttProbe.ConnectAsync(fixture.Broker.Port, endpoint, $"lwm2m/{endpoint}/#");

        await device.PublishAsync($"lwm2m/{endpoint}/reg", Encoding.UTF8.GetBytes(register));

        var ack = Json((await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/reg/ack", "the Register is answered")).Payload);
        Assert.Equal("4.00", ack.GetProperty("code").GetString());
    }

    async Task<MqttProbe> RegisteredDeviceAsync(string endpoint)
    {
        var device = await MqttProbe.ConnectAsync(fixture.Broker.Port, endpoint, $"lwm2m/{endpoint}/#");
        await device.PublishAsync($"lwm2m/{endpoint}/reg", """{"version":"1.2","objects":"</1/0>,</3/0>,</3303/0>"}"""u8.ToArray());
        await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/reg/ack", "registered");
        return device;
    }

    async Task<JsonElement> EventAsync(string endpoint, string type) =>
        await Eventually.ValueAsync(async () =>
        {
            var page = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/events?after=0&limit=1000", TestContext.Current.CancellationToken);
            return page.EnumerateArray().FirstOrDefault(e => e.GetProperty("endpoint").GetString() == endpoint && e.GetProperty("type").GetString() == type);
        }, e => e.ValueKind == JsonValueKind.Object, $"the {type} event of {endpoint} is in the log");

    static JsonElement Json(byte[] payload) => JsonDocument.Parse(Encoding.UTF8.GetString(payload)).RootElement;
}
