using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LwM2MSparkplug.Testing;
using MQTTnet;

namespace LwM2MSparkplug.EndToEnd.Tests;

/// <summary>Runs alone: it reads the console, where every service of the standalone process logs.</summary>
[CollectionDefinition(nameof(HostileInputFuzzTests), DisableParallelization = true)]
public sealed class HostileInputCollection;

/// <summary>
/// A bounded fuzz run against the standalone stack: malformed MQTT payloads on every LwM2M topic kind of both dialects and every Sparkplug one,
/// malformed requests and acknowledgements sent to the real devices, and malformed REST requests to every API. The
/// stack must stay up, answer no 500, log no exception, count every reject and keep the valid devices working.
/// </summary>
[Collection(nameof(HostileInputFuzzTests))]
public sealed partial class HostileInputFuzzTests(StandaloneFixture stack) : IClassFixture<StandaloneFixture>
{
    const int Seed = 20261201;
    const int MessagesPerKind = 40;
    static readonly string[] Lwm2mKinds = ["reg", "update", "dereg", "send", "notify/fz", "resp/fz"];
    static readonly string[] SparkplugKinds = ["NBIRTH/fz", "NDATA/fz", "NDEATH/fz", "DBIRTH/fz", "DDATA/fz", "DDEATH/fz"];

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MalformedMqttAndRest_BreakNothing_AreAllCounted_AndTheValidDevicesKeepWorking()
    {
        var random = new Random(Seed);
        var registrations = await RegistrationIdsAsync();
        var log = new StringWriter();
        var console = Console.Out;
        Console.SetOut(TextWriter.Synchronized(log));
        try
        {
            using var mqtt = await ConnectAsync("fuzzer");

            // Phase 1: malformed messages from endpoints and edge nodes of the fuzzer's own; each one is a reject.
            var lwm2mBefore = await Lwm2mRejectsAsync();
            var sparkplugBefore = await SparkplugRejectsAsync();
            var lwm2mSent = 0;
            var sparkplugSent = 0;
            for (var i = 0; i < MessagesPerKind; i++)
            {
                foreach (var kind in Lwm2mKinds)
                {
                    await PublishAsync(mqtt, $"lwm2m/{FuzzId(i)}/{kind.Replace("fz", "fz" + i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}", MalformedJson(random));
                    lwm2mSent++;
                }
                // OMA's MQTT binding: one topic per endpoint, CBOR envelopes.
                await PublishAsync(mqtt, $"lwm2m/rd/{FuzzId(i)}", MalformedOmaEnvelope(random));
                lwm2mSent++;
                foreach (var kind in SparkplugKinds)
                {
                    await PublishAsync(mqtt, $"spBv1.0/Fuzz/{kind.Replace("fz", FuzzId(i), StringComparison.Ordinal)}{(kind.StartsWith('D') ? "/d" : "")}", MalformedProtobuf(random));
                    sparkplugSent++;
                }
            }
            await Eventually.UntilAsync(async () => await Lwm2mRejectsAsync() - lwm2mBefore >= lwm2mSent, $"the LwM2M server counted all {lwm2mSent} rejects");
            await Eventually.UntilAsync(async () => await SparkplugRejectsAsync() - sparkplugBefore >= sparkplugSent, $"the Sparkplug host counted all {sparkplugSent} rejects");
            Assert.Equal(lwm2mSent, await Lwm2mRejectsAsync() - lwm2mBefore);
            Assert.Equal(sparkplugSent, await SparkplugRejectsAsync() - sparkplugBefore);

            // Phase 2: malformed requests, commands and acknowledgements addressed to the real devices.
            var devicesBefore = await DeviceRejectsAsync();
            var serverBefore = await Lwm2mRejectsAsync();
            foreach (var device in stack.DeviceIds)
            {
                for (var i = 0; i < MessagesPerKind; i++)
                {
                    await PublishAsync(mqtt, $"lwm2m/{device}/cmd/fz{i}", MalformedJson(random));
                    await PublishAsync(mqtt, $"lwm2m/{device}/reg/ack", MalformedJson(random));
                    await PublishAsync(mqtt, $"lwm2m/{device}/dereg", MalformedJson(random));
                    await PublishAsync(mqtt, $"spBv1.0/IIoT/NCMD/{device}", MalformedProtobuf(random));
                    await PublishAsync(mqtt, $"spBv1.0/IIoT/DCMD/{device}/sensor", MalformedProtobuf(random));
                }
            }

            // Four malformed kinds, and the server's 4.00 answer on dereg/ack to each forged De-register, which the
            // device did not ask for.
            var deviceSent = stack.DeviceIds.Count * MessagesPerKind * 5;
            await Eventually.UntilAsync(async () => await DeviceRejectsAsync() - devicesBefore >= deviceSent, $"the devices counted all {deviceSent} rejects");
            Assert.Equal(deviceSent, await DeviceRejectsAsync() - devicesBefore);
            // The server refuses the forged De-registers and drops the devices' 4.00 answers to requests it never sent.
            var serverExpected = stack.DeviceIds.Count * MessagesPerKind * 2;
            await Eventually.UntilAsync(async () => await Lwm2mRejectsAsync() - serverBefore >= serverExpected, $"the LwM2M server counted all {serverExpected} rejects");
            Assert.Equal(serverExpected, await Lwm2mRejectsAsync() - serverBefore);

            // Phase 3: malformed REST requests to every API.
            await AssertNoServerErrorsAsync(random);

            // The valid devices: still registered under the same registration, still publishing, still readable.
            Assert.Equal(registrations, await RegistrationIdsAsync());
            foreach (var device in stack.DeviceIds)
            {
                var before = await LastMessageTimeAsync(device);
                await Eventually.UntilAsync(async () => await LastMessageTimeAsync(device) > before, $"{device} still publishes Sparkplug data");
                var read = await stack.Lwm2mServer.GetAsync($"/api/devices/{device}/3303/0/5700", Cancel);
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                var value = (await read.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("values")[0].GetProperty("value");
                Assert.True(double.IsFinite(value.GetDouble()), $"{device}'s temperature is {value}");
            }
            foreach (var service in new[] { stack.Lwm2mServer, stack.SparkplugHost, stack.Simulator, stack.Bridge })
            {
                Assert.NotEqual(HttpStatusCode.InternalServerError, (await service.GetAsync("/api/health", Cancel)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await stack.Simulator.GetAsync("/api/devices", Cancel)).StatusCode);
        }
        finally
        {
            Console.SetOut(console);
        }
        var written = log.ToString();
        await console.WriteAsync(written);
        Assert.Contains("Rejected LwM2M message on lwm2m/fz-", written, StringComparison.Ordinal);
        Assert.Contains(@"fz-0\r\n[00:00:00 FTL] forged\u001B", written, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), written);
        Assert.DoesNotMatch(ForgedLine(), written);
        Assert.DoesNotContain('\u001b', written);
        Assert.DoesNotContain("nhandled", written, StringComparison.Ordinal);
    }

    async Task AssertNoServerErrorsAsync(Random random)
    {
        var device = stack.DeviceIds[0];
        string[] bodies = ["{}", """{"args":1}""", """{"value":"Infinity"}""", """{"value":1e400}""", "[", "null", """{"value":[1,2]}""", """{"value":{"a":1}}"""];
        var requests = new List<(HttpClient Client, HttpMethod Method, string Path)>
        {
            (stack.Lwm2mServer, HttpMethod.Put, $"/api/devices/{device}/3303/0/5700"),
            (stack.Lwm2mServer, HttpMethod.Put, $"/api/devices/{device}/1/0/1"),
            (stack.Lwm2mServer, HttpMethod.Put, $"/api/devices/{device}/3303/0/5700/attributes"),
            (stack.Lwm2mServer, HttpMethod.Post, $"/api/devices/{device}/3303/0/5700/observe"),
            (stack.Lwm2mServer, HttpMethod.Post, $"/api/devices/{device}/3303"),
            (stack.Lwm2mServer, HttpMethod.Post, $"/api/devices/{device}/3/0/99999999999"),
            (stack.Lwm2mServer, HttpMethod.Put, "/api/devices/%00/3/0/9"),
            (stack.SparkplugHost, HttpMethod.Post, $"/api/nodes/IIoT/{device}/devices/sensor/metrics/setpoint"),
            (stack.SparkplugHost, HttpMethod.Post, $"/api/nodes/IIoT/{device}/metrics/Node%20Control%2FRebirth"),
            (stack.SparkplugHost, HttpMethod.Post, "/api/nodes/%FF/%00/rebirth"),
        };
        var answers = new List<string>();
        foreach (var (client, method, path) in requests)
        {
            foreach (var body in bodies.Select(b => Encoding.UTF8.GetBytes(b)).Append(InvalidUtf8Json()).Append(RandomBytes(random, 64)))
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = content }, Cancel);
                answers.Add($"{(int)response.StatusCode} {method} {path} {Encoding.UTF8.GetString(body)}");
            }
        }
        foreach (var (client, path) in new[]
        {
            (stack.Lwm2mServer, "/api/events?after=-1"), (stack.Lwm2mServer, "/api/events?after=abc"), (stack.Lwm2mServer, "/api/events?limit=99999999999"),
            (stack.Lwm2mServer, $"/api/devices/{device}/composite?paths=/3/x"), (stack.Lwm2mServer, "/api/devices/%FF%FE"),
            (stack.SparkplugHost, "/api/nodes/%FF/%00"), (stack.Simulator, "/api/devices/%00"),
        })
        {
            using var response = await client.GetAsync(path, Cancel);
            answers.Add($"{(int)response.StatusCode} GET {path}");
        }
        Assert.DoesNotContain(answers, a => a.StartsWith("500", StringComparison.Ordinal));
    }

    async Task<IMqttClient> ConnectAsync(string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", stack.Application.Broker.Port)
            .WithClientId(clientId + "-" + Guid.NewGuid().ToString("N")[..6])
            .Build(), Cancel);
        return client;
    }

    static async Task PublishAsync(IMqttClient client, string topic, byte[] payload) =>
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build(), Cancel);

    /// <summary>Never a valid message of the JSON contract: not JSON, cut off, too deep, or with a string that is not UTF-8.</summary>
    static byte[] MalformedJson(Random random) => random.Next(4) switch
    {
        0 => [0xFF, .. RandomBytes(random, random.Next(0, 200))],
        1 => InvalidUtf8Json(),
        2 => Encoding.UTF8.GetBytes("""{"lifetime":60,"version":"1.2","bindingMode":"U","objectLinks":"</3/0>""")[..random.Next(1, 40)],
        _ => Encoding.UTF8.GetBytes(new string('[', 2000)),
    };

    static byte[] InvalidUtf8Json() => [.. "{\"lifetime\":60,\"version\":\"1.2\",\"bindingMode\":\"U\",\"endpointClientName\":\""u8, 0xC3, 0x28, 0xA0, .. "\"}"u8];

    /// <summary>The OMA binding's Register of its worked example 1 (§5 of the binding's note).</summary>
    static readonly byte[] OmaRegister = Convert.FromHexString("a6010602010758 2a3c2f3e3b63743d22313132203131353434222c3c2f312f303e2c3c2f332f303e2c3c2f333330332f303e08190e100963312e320a614d".Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Never a valid envelope of the OMA binding: the Register cut short, or a top level that is not a map.</summary>
    static byte[] MalformedOmaEnvelope(Random random) => random.Next(2) == 0
        ? OmaRegister[..random.Next(1, OmaRegister.Length)]
        : [(byte)random.Next(0x00, 0xa0), .. RandomBytes(random, random.Next(0, 200))];

    /// <summary>Never a valid Sparkplug payload: field number 0 is no protobuf field.</summary>
    static byte[] MalformedProtobuf(Random random) => [0x07, .. RandomBytes(random, random.Next(0, 200))];

    static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    async Task<double> Lwm2mRejectsAsync()
    {
        var metrics = await stack.Lwm2mServer.GetStringAsync("/metrics", Cancel);
        return Sum(metrics, "lwm2m_invalid_messages_total") + Sum(metrics, "lwm2m_unmatched_responses_total");
    }

    async Task<double> DeviceRejectsAsync() => Sum(await stack.Simulator.GetStringAsync("/metrics", Cancel), "simulator_messages_rejected_total");

    async Task<double> SparkplugRejectsAsync() => Sum(await stack.SparkplugHost.GetStringAsync("/metrics", Cancel), "sparkplug_invalid_messages_total");

    static double Sum(string metrics, string name) => metrics.Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    async Task<Dictionary<string, string>> RegistrationIdsAsync()
    {
        var ids = new Dictionary<string, string>();
        foreach (var device in stack.DeviceIds)
        {
            var view = await Eventually.ValueAsync(
                async () => await stack.Lwm2mServer.GetAsync($"/api/devices/{device}", Cancel),
                response => response.IsSuccessStatusCode, $"{device} is registered", TimeSpan.FromSeconds(30));
            ids[device] = (await view.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("registration_id").GetString()!;
        }
        return ids;
    }

    async Task<DateTimeOffset> LastMessageTimeAsync(string device)
    {
        var node = await stack.SparkplugHost.GetFromJsonAsync<JsonElement>($"/api/nodes/IIoT/{device}", Cancel);
        return node.GetProperty("last_message_time").GetDateTimeOffset();
    }

    /// <summary>Every tenth fuzz identity carries a line break, a forged log line and a terminal escape.</summary>
    static string FuzzId(int i) => i % 10 == 0 ? $"fz-{i}\r\n{ForgedLinePrefix} forged\u001b[31m" : $"fz-{i}";

    const string ForgedLinePrefix = "[00:00:00 FTL]";

    [GeneratedRegex(@"^\[00:00:00 FTL\]", RegexOptions.Multiline)]
    private static partial Regex ForgedLine();

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
