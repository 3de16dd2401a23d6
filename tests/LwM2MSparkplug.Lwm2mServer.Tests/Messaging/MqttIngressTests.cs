using System.Text;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Messaging;

/// <summary>What a device sees when it sends the server a message it cannot read, over a real broker.</summary>
public sealed class MqttIngressTests(Lwm2mServerFixture server) : IClassFixture<Lwm2mServerFixture>
{
    [Theory]
    [InlineData("reg", """{"version":"1.2","bindingMode":"<bad>"}""")]
    [InlineData("update", """{"bindingMode":"<bad>"}""")]
    public async Task RegistrationMessage_WithInvalidUtf8_IsAnsweredBadRequest_AndCounted(string kind, string json)
    {
        var ackTopic = $"lwm2m/{Lwm2mServerFixture.Endpoint}/{kind}/ack";
        var before = await server.InvalidMessagesAsync("invalid_utf8");
        var acks = server.Device.On(ackTopic).Count;

        await server.Device.PublishAsync($"lwm2m/{Lwm2mServerFixture.Endpoint}/{kind}", Lwm2mServerFixture.WithInvalidUtf8(json));

        await Eventually.UntilAsync(() => server.Device.On(ackTopic).Count > acks, $"the server answers on {ackTopic}");
        var ack = Encoding.UTF8.GetString(server.Device.On(ackTopic)[acks].Payload);
        Assert.Contains("\"code\":\"4.00\"", ack, StringComparison.Ordinal);
        Assert.Contains("'bindingMode'", ack, StringComparison.Ordinal);
        Assert.Equal(before + 1, await server.InvalidMessagesAsync("invalid_utf8"));
    }
}
