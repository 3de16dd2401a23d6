using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Oma;

/// <summary>
/// The server against a device of OMA's MQTT binding played byte by byte: the worked examples of the binding's note
/// (§5) go in as written, and the server's answers are checked byte-exact where the example gives them.
/// </summary>
public sealed class OmaBindingTests(OmaServerFixture fixture) : IClassFixture<OmaServerFixture>
{
    /// <summary>§5 example 1: Register, token 1, lifetime 3600, version 1.2, binding M, objects 1/0, 3/0, 3303/0.</summary>
    const string RegisterExample = "a6 01 06 02 01 07 58 2a 3c2f3e3b63743d22313132203131353434222c3c2f312f303e2c3c2f332f303e2c3c2f333330332f303e 08 19 0e10 09 63 312e32 0a 61 4d";

    /// <summary>§5 example 3: the SenML CBOR answer to a Read of /3303/0: 5700 = 21.5, 5701 = "Cel".</summary>
    const string ReadAnswerPayload = "82 a3 21 68 2f333330332f302f 00 64 35373030 02 f9 4d60 a2 00 64 35373031 03 63 43656c";

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegisterUpdateAndDeregister_OfTheWorkedExamples_AreAnsweredWithTheirExactBytes()
    {
        const string endpoint = "oma-lifecycle";
        await using var device = await fixture.DeviceAsync(endpoint);
        var topic = $"lwm2m/rd/{endpoint}";

        await device.PublishAsync(topic, OmaServerFixture.Hex(RegisterExample));
        await device.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex("a2 02 01 12 18 c9")), "the Register is answered {2: 1, 18: 201}");
        var registered = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/devices/{endpoint}", Cancel);
        Assert.Equal("oma", registered.GetProperty("dialect").GetString());
        Assert.Equal("M", registered.GetProperty("binding_mode").GetString());
        Assert.Equal(3600, registered.GetProperty("lifetime_seconds").GetInt32());
        Assert.Equal([112, 11544], registered.GetProperty("content_formats").EnumerateArray().Select(f => f.GetInt32()));

        await device.PublishAsync(topic, OmaServerFixture.Hex("a3 01 07 02 02 08 19 1c20"));
        await device.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex("a2 02 02 12 18 cc")), "the Update is answered {2: 2, 18: 204}");
        Assert.Equal(7200, (await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/devices/{endpoint}", Cancel)).GetProperty("lifetime_seconds").GetInt32());

        await device.PublishAsync(topic, OmaServerFixture.Hex("a2 01 08 02 03"));
        await device.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex("a2 02 03 12 18 ca")), "the De-register is answered {2: 3, 18: 202}");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"/api/devices/{endpoint}", Cancel)).StatusCode);

        // Registered no more: an Update is 404 and the device must register again.
        await device.PublishAsync(topic, OmaServerFixture.Hex("a2 01 07 02 04"));
        await device.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex("a2 02 04 12 19 0194")), "an Update without a registration is answered 404");
    }

    [Fact]
    public async Task ARestRead_GoesOutAsARequestOfTheBinding_AndTheDevicesSenmlCborAnswer_ComesBackAsValues()
    {
        const string endpoint = "oma-read";
        await using var device = await RegisteredDeviceAsync(endpoint);

        var read = fixture.Http.GetAsync($"/api/devices/{endpoint}/3303/0", Cancel);
        var request = await NextRequestAsync(device, OmaOperation.Read);
        Assert.Equal("/3303/0", request.Uri);
        await AnswerAsync(device, endpoint, new OmaMessage(request.Token) { Result = 205, ContentFormat = 112, Payload = OmaServerFixture.Hex(ReadAnswerPayload) });

        var response = await read;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var values = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(21.5, values.Single(v => v.GetProperty("path").GetString() == "/3303/0/5700").GetProperty("value").GetDouble());
        Assert.Equal("Cel", values.Single(v => v.GetProperty("path").GetString() == "/3303/0/5701").GetProperty("value").GetString());
    }

    [Fact]
    public async Task ARestWrite_GoesOutAsSenmlCbor_AndTheDevicesErrorResult_BecomesTheProblemsStatus()
    {
        const string endpoint = "oma-write";
        await using var device = await RegisteredDeviceAsync(endpoint);

        var write = fixture.Http.PutAsJsonAsync($"/api/devices/{endpoint}/1/0/1", new { value = 7200 }, Cancel);
        var request = await NextRequestAsync(device, OmaOperation.WriteReplace);
        Assert.Equal("/1/0/1", request.Uri);
        Assert.Equal((ushort)112, request.ContentFormat);
        await AnswerAsync(device, endpoint, new OmaMessage(request.Token) { Result = 204 });
        Assert.Equal(HttpStatusCode.OK, (await write).StatusCode);

        var refused = fixture.Http.PostAsync($"/api/devices/{endpoint}/3/0/4", null, Cancel);
        var execute = await NextRequestAsync(device, OmaOperation.Execute);
        await AnswerAsync(device, endpoint, new OmaMessage(execute.Token) { Result = 405 });
        var problem = await refused;
        Assert.Equal(HttpStatusCode.MethodNotAllowed, problem.StatusCode);
        Assert.Equal("4.05", (await problem.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("lwm2m_code").GetString());
    }

    [Fact]
    public async Task AnObservation_IsKnownByItsToken_NotifiesReachTheEventLog_AndANotifyOfAnUnknownTokenIsCancelled()
    {
        const string endpoint = "oma-observe";
        await using var device = await RegisteredDeviceAsync(endpoint);

        var observe = fixture.Http.PostAsync($"/api/devices/{endpoint}/3303/0/5700/observe", null, Cancel);
        var request = await NextRequestAsync(device, OmaOperation.Observe);
        var first = OmaServerFixture.Hex("81 a2 21 6c 2f333330332f302f35373030 02 f9 4d60");
        await AnswerAsync(device, endpoint, new OmaMessage(request.Token) { Result = 205, ContentFormat = 112, Payload = first });
        var observed = await (await observe).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(OmaServerFixture.Token(request.Token), observed.GetProperty("observation_id").GetString());

        var notified = OmaServerFixture.Hex("81 a2 21 6c 2f333330332f302f35373030 02 f9 4d80");
        await AnswerAsync(device, endpoint, new OmaMessage(request.Token) { Operation = OmaOperation.Notify, ContentFormat = 112, Payload = notified });
        await Eventually.UntilAsync(async () => (await fixture.Http.GetStringAsync($"/api/devices/{endpoint}/observations", Cancel)).Contains("\"notifications\":1", StringComparison.Ordinal),
            "the Notify is counted on its observation");

        const ulong stranger = 424242;
        await AnswerAsync(device, endpoint, new OmaMessage(stranger) { Operation = OmaOperation.Notify, ContentFormat = 112, Payload = notified });
        await device.WaitForAsync(m => IsRequest(m, OmaOperation.CancelObserve, out var cancel) && cancel.Token == stranger, "a Notify for no observation is answered with a Cancel-Observe of its token");
    }

    [Theory]
    [InlineData("ff", "oma_malformed_cbor", null)]
    [InlineData("a2 01 13 02 07", "oma_unknown_operation", "a2 02 07 12 19 01f5")]
    [InlineData("a3 01 06 02 08 09 63 312e32", "missing_field", "a2 02 08 12 19 0190")]
    [InlineData("a4 01 06 02 09 08 19 0e10 09 63 322e30", "unsupported_version", "a2 02 09 12 19 019c")]
    [InlineData("a4 01 06 02 0a 08 19 0e10 09 63 312e32", "no_object_list", "a2 02 0a 12 19 0199")]
    public async Task AFaultyMessage_IsCountedByReason_AndAnsweredWithTheBindingsResult_WhenItsTokenCanBeRead(string hex, string reason, string? answer)
    {
        var endpoint = "oma-faulty-" + reason.Replace('_', '-');
        await using var device = await fixture.DeviceAsync(endpoint);
        var series = $"lwm2m_invalid_messages_total{{reason=\"{reason}\"}}";
        var before = await fixture.MetricAsync(series);

        await device.PublishAsync($"lwm2m/rd/{endpoint}", OmaServerFixture.Hex(hex));

        await Eventually.UntilAsync(async () => await fixture.MetricAsync(series) > before, $"the message is counted as {reason}");
        if (answer is not null)
        {
            await device.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex(answer)), $"the device is answered {answer}");
        }
    }

    [Fact]
    public async Task ARequestLargerThanTheServerReads_IsAnswered413_FromItsHeaderAlone()
    {
        const string endpoint = "oma-large";
        await using var device = await fixture.DeviceAsync(endpoint);
        var links = "</3303/0>," + string.Join(',', Enumerable.Range(1, 9000).Select(i => $"</3303/{i}>"));
        var register = OmaEnvelopeCodec.Write(new OmaMessage(11) { Operation = OmaOperation.Register, Lifetime = 60, Version = "1.2", Payload = Encoding.UTF8.GetBytes(links) });
        Assert.True(register.Length > 64 * 1024);

        await device.PublishAsync($"lwm2m/rd/{endpoint}", register);

        await device.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex("a2 02 0b 12 19 019d")), "the Register is answered {2: 11, 18: 413}");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"/api/devices/{endpoint}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task ACancelObserveAnswered204_TheCoapHabit_IsTakenLike205()
    {
        const string endpoint = "oma-cancel-204";
        await using var device = await RegisteredDeviceAsync(endpoint);
        var observe = fixture.Http.PostAsync($"/api/devices/{endpoint}/3303/0/5700/observe", null, Cancel);
        var request = await NextRequestAsync(device, OmaOperation.Observe);
        await AnswerAsync(device, endpoint, new OmaMessage(request.Token) { Result = 205, ContentFormat = 0, Payload = "21.5"u8.ToArray() });
        Assert.Equal(HttpStatusCode.OK, (await observe).StatusCode);

        var cancel = fixture.Http.DeleteAsync($"/api/devices/{endpoint}/3303/0/5700/observe", Cancel);
        var cancelRequest = await NextRequestAsync(device, OmaOperation.CancelObserve);
        Assert.Equal(request.Token, cancelRequest.Token);
        await AnswerAsync(device, endpoint, new OmaMessage(cancelRequest.Token) { Result = 204 });

        Assert.Equal(HttpStatusCode.OK, (await cancel).StatusCode);
    }

    [Fact]
    public async Task EndpointNamesWhereTheDialectsTopicsOverlap_AreRefusedInBoth_With403()
    {
        // An OMA endpoint named "reg" would share lwm2m/rd/reg with the JSON Register of a device named "rd".
        await using var oma = await fixture.DeviceAsync("reg");
        await oma.PublishAsync("lwm2m/rd/reg", OmaServerFixture.Hex(RegisterExample));
        await oma.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex("a2 02 01 12 19 0193")), "the OMA endpoint 'reg' is refused 403");

        await using var json = await MqttProbe.ConnectAsync(fixture.Broker.Port, "rd", "lwm2m/rd/reg/ack");
        await json.PublishAsync("lwm2m/rd/reg", """{"version":"1.2","objects":"</3/0>"}"""u8.ToArray());
        var refused = await json.WaitForAsync(m => m.Topic == "lwm2m/rd/reg/ack", "the JSON device 'rd' is answered on its ack topic");
        var error = JsonDocument.Parse(refused.Payload).RootElement;
        Assert.Equal("4.03", error.GetProperty("code").GetString());
        Assert.Contains("LWM2M_OMA_PREFIX", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync("/api/devices/rd", Cancel)).StatusCode);
    }

    [Fact]
    public async Task AnAttributeTheBindingHasNoKeyFor_IsRefused422_WithoutARequest()
    {
        const string endpoint = "oma-attributes";
        await using var device = await RegisteredDeviceAsync(endpoint);

        var response = await fixture.Http.PutAsJsonAsync($"/api/devices/{endpoint}/3303/0/5700/attributes", new { lt = 10 }, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("'lt'", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain(device.Received, m => IsRequest(m, OmaOperation.WriteAttributes, out _));
    }

    async Task<MqttProbe> RegisteredDeviceAsync(string endpoint)
    {
        var device = await fixture.DeviceAsync(endpoint);
        await device.PublishAsync($"lwm2m/rd/{endpoint}", OmaServerFixture.Hex(RegisterExample));
        await device.WaitForAsync(m => m.Payload.SequenceEqual(OmaServerFixture.Hex("a2 02 01 12 18 c9")), "the Register is answered 201");
        return device;
    }

    static async Task<OmaMessage> NextRequestAsync(MqttProbe device, OmaOperation operation)
    {
        var message = await device.WaitForAsync(m => IsRequest(m, operation, out _), $"the server sends a {operation}");
        IsRequest(message, operation, out var request);
        return request;
    }

    static bool IsRequest(ReceivedMessage message, OmaOperation operation, out OmaMessage request)
    {
        request = null!;
        if (!OmaEnvelopeCodec.TryRead(message.Payload, OmaInterface.Registration, out var read, out _) || read!.Operation != operation)
        {
            return false;
        }
        request = read;
        return true;
    }

    static Task AnswerAsync(MqttProbe device, string endpoint, OmaMessage message) =>
        device.PublishAsync($"lwm2m/rd/{endpoint}", OmaEnvelopeCodec.Write(message));
}
