using System.Collections.Concurrent;
using System.Text;
using Google.Protobuf;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Devices;

/// <summary>One simulated device against a real broker, watched by a probe.</summary>
public sealed class SimulatedDeviceTests : IAsyncLifetime
{
    readonly TemporaryDirectory _state = new();
    readonly TestDevices _devices = new();
    TestBroker _broker = null!;
    MqttProbe _watcher = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _watcher = await MqttProbe.ConnectAsync(_broker.Port, "watcher", "spBv1.0/#", "lwm2m/#");
    }

    public async ValueTask DisposeAsync()
    {
        await _devices.DisposeAsync();
        await _watcher.DisposeAsync();
        await _broker.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Device_RegistersAndIsBorn_OnOneConnection_WithAWillThatCarriesTheBirthBdSeq()
    {
        await using var device = Start("dev-a");

        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/DDATA/dev-a/sensor", "telemetry flows");
        var register = Assert.Single(_watcher.On("lwm2m/dev-a/reg"));
        Assert.Contains("\"bindingMode\":\"UQ\"", Encoding.UTF8.GetString(register.Payload), StringComparison.Ordinal);
        var clients = await _broker.Broker.GetClientsAsync();
        Assert.Single(clients, c => c.Id == "dev-a");

        var birth = Payload.Parser.ParseFrom(Assert.Single(_watcher.On("spBv1.0/T/NBIRTH/dev-a")).Payload);
        await _broker.Broker.Server.DisconnectClientAsync("dev-a", new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError });
        var will = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NDEATH/dev-a", "the NDEATH will");
        var death = Payload.Parser.ParseFrom(will.Payload);
        Assert.Equal(BdSeqOf(birth), BdSeqOf(death));
        Assert.False(death.HasSeq);

        // The next session has the next bdSeq, in both the new birth and the new will.
        await Eventually.UntilAsync(() => _watcher.On("spBv1.0/T/NBIRTH/dev-a").Count == 2, "the device is born again");
        var second = Payload.Parser.ParseFrom(_watcher.On("spBv1.0/T/NBIRTH/dev-a")[1].Payload);
        Assert.Equal(BdSeqOf(birth) + 1, BdSeqOf(second));
    }

    [Fact]
    public async Task Seq_StartsAtZeroWithTheBirth_AndCountsAcrossNodeAndDeviceMessages()
    {
        await using var device = Start("dev-seq");

        await Eventually.UntilAsync(() => _watcher.On("spBv1.0/T/DDATA/dev-seq/sensor").Count >= 5, "some telemetry");

        var sparkplug = _watcher.Received.Where(m => m.Topic.Contains("/dev-seq", StringComparison.Ordinal) && m.Topic.StartsWith("spBv1.0/", StringComparison.Ordinal)).ToList();
        var seqs = sparkplug.Select(m => Payload.Parser.ParseFrom(m.Payload).Seq).Take(6).ToList();
        Assert.Equal([0UL, 1, 2, 3, 4, 5], seqs);
        Assert.Equal("spBv1.0/T/NBIRTH/dev-seq", sparkplug[0].Topic);
        Assert.Equal("spBv1.0/T/DBIRTH/dev-seq/sensor", sparkplug[1].Topic);
    }

    [Fact]
    public async Task OnTheWire_TheConnectIsACleanStartWithNoSessionExpiry_AndBirthsAndDataAreQos0NotRetained_StampedNowInUtcMilliseconds()
    {
        var wiretap = BrokerWiretap.Attach(_broker);
        var startedMs = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var device = Start("dev-wire");

        await Eventually.UntilAsync(() => wiretap.PublishesOn("spBv1.0/T/DDATA/dev-wire/sensor").Count >= 2, "two DDATA reach the broker");

        var connect = Assert.Single(wiretap.Of("dev-wire"), e => e.Kind == WiretapKind.Connect);
        Assert.True(connect.CleanStart, "Clean Start is set");
        Assert.Equal(0u, connect.SessionExpiryInterval);

        var sparkplug = wiretap.Of("dev-wire").Where(e => e.Kind == WiretapKind.Publish && e.Topic!.StartsWith("spBv1.0/T/", StringComparison.Ordinal)).ToList();
        // Read after the messages were taken: the device keeps publishing, and a later one would be stamped after it.
        var nowMs = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Contains(sparkplug, e => e.Topic == "spBv1.0/T/DBIRTH/dev-wire/sensor");
        foreach (var message in sparkplug)
        {
            Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, message.QualityOfService);
            Assert.False(message.Retain, $"{message.Topic} is not retained");
            var payload = Payload.Parser.ParseFrom(message.Payload);
            Assert.True(payload.HasTimestamp, $"{message.Topic} has a payload timestamp");
            Assert.InRange(payload.Timestamp, startedMs, nowMs);
            Assert.All(payload.Metrics, m => Assert.InRange(m.Timestamp, startedMs, nowMs));
        }

        var deviceBirth = Payload.Parser.ParseFrom(sparkplug.First(e => e.Topic == "spBv1.0/T/DBIRTH/dev-wire/sensor").Payload);
        var nodeBirth = Payload.Parser.ParseFrom(sparkplug.First(e => e.Topic == "spBv1.0/T/NBIRTH/dev-wire").Payload);
        foreach (var birth in new[] { nodeBirth, deviceBirth })
        {
            Assert.Equal(birth.Metrics.Count, birth.Metrics.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public async Task Data_AsASubscriberSeesIt_CarriesOnlyMetricsWhoseValueChangedSinceTheirLastReport()
    {
        await using var device = Start("dev-x1", o => o.TelemetryIntervalSeconds = 0.01);

        await Eventually.UntilAsync(() => _watcher.On("spBv1.0/T/DDATA/dev-x1/sensor").Count >= 200, "200 DDATA");

        var birth = Payload.Parser.ParseFrom(Assert.Single(_watcher.On("spBv1.0/T/DBIRTH/dev-x1/sensor")).Payload);
        var reported = birth.Metrics.ToDictionary(m => m.Alias, m => m.Clone());
        foreach (var data in _watcher.On("spBv1.0/T/DDATA/dev-x1/sensor").Take(200).Select(m => Payload.Parser.ParseFrom(m.Payload)))
        {
            Assert.NotEmpty(data.Metrics);
            foreach (var metric in data.Metrics)
            {
                var last = reported[metric.Alias];
                Assert.False(last.ValueCase == metric.ValueCase && last.LongValue == metric.LongValue && last.DoubleValue.Equals(metric.DoubleValue) && last.FloatValue.Equals(metric.FloatValue),
                    $"alias {metric.Alias} resent unchanged: {metric}");
                reported[metric.Alias] = metric;
            }
        }
    }

    [Fact]
    public async Task RebirthRequest_RepublishesBirthsWithTheSameBdSeq_ThenDataResumes()
    {
        await using var device = Start("dev-r");
        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/DDATA/dev-r/sensor", "telemetry flows");

        await _watcher.PublishAsync("spBv1.0/T/NCMD/dev-r", SparkplugCommands.CreateRebirthRequest(DateTimeOffset.UtcNow).ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce);

        await Eventually.UntilAsync(() => _watcher.On("spBv1.0/T/NBIRTH/dev-r").Count == 2 && _watcher.On("spBv1.0/T/DBIRTH/dev-r/sensor").Count == 2, "births are republished");
        var births = _watcher.On("spBv1.0/T/NBIRTH/dev-r").Select(m => Payload.Parser.ParseFrom(m.Payload)).ToList();
        Assert.Equal(BdSeqOf(births[0]), BdSeqOf(births[1]));
        Assert.Equal(0UL, births[1].Seq);
        var afterRebirth = _watcher.Received.SkipWhile(m => m != _watcher.On("spBv1.0/T/NBIRTH/dev-r")[1]).Where(m => m.Topic.Contains("/dev-r", StringComparison.Ordinal) && m.Topic.StartsWith("spBv1.0", StringComparison.Ordinal)).ToList();
        Assert.Equal("spBv1.0/T/DBIRTH/dev-r/sensor", afterRebirth[1].Topic);
        Assert.Equal(1UL, Payload.Parser.ParseFrom(afterRebirth[1].Payload).Seq);
        await Eventually.UntilAsync(() => _watcher.Received.SkipWhile(m => m != afterRebirth[1]).Any(m => m.Topic == "spBv1.0/T/DDATA/dev-r/sensor"), "data resumes");
    }

    [Fact]
    public async Task SetpointWrite_IsAppliedAndReportedInTheNextData()
    {
        await using var device = Start("dev-w");
        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/DDATA/dev-w/sensor", "telemetry flows");
        var write = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, null);
        write.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 5, null, MetricValue.FromFloat(25.5f))));

        await _watcher.PublishAsync("spBv1.0/T/DCMD/dev-w/sensor", write.ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce);

        var reported = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/DDATA/dev-w/sensor" && Payload.Parser.ParseFrom(m.Payload).Metrics.Any(x => x.Alias == 5), "the setpoint is reported");
        Assert.Equal(25.5f, Payload.Parser.ParseFrom(reported.Payload).Metrics.Single(x => x.Alias == 5).FloatValue);
        Assert.Equal(25.5f, device.Status().Readings.Setpoint);
    }

    [Fact]
    public async Task Stop_DeregistersAndPublishesTheDeath_BeforeDisconnecting()
    {
        var device = Start("dev-s");
        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/DDATA/dev-s/sensor", "telemetry flows");

        await device.StopAsync(TestContext.Current.CancellationToken);
        await device.DisposeAsync();

        var deregistration = await _watcher.WaitForAsync(m => m.Topic == "lwm2m/dev-s/dereg", "the de-registration");
        var death = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NDEATH/dev-s", "the death");
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, death.QualityOfService);
        var order = _watcher.Received.ToList();
        Assert.True(order.IndexOf(deregistration) < order.IndexOf(death), "the device de-registers before it dies");
        // The broker drops the client from its list a moment after the DISCONNECT, not with it.
        await Eventually.UntilAsync(async () => !(await _broker.Broker.GetClientsAsync()).Any(c => c.Id == "dev-s"), "the broker no longer lists the device");
    }

    [Fact]
    public async Task Stop_OnMqtt5_PublishesTheNDeath_ThenDisconnectsWithWillMessage_AndTheEmbeddedBrokerDeliversItAndTheWill()
    {
        var disconnects = RecordDisconnects();
        var device = Start("dev-sw");
        var birth = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NBIRTH/dev-sw", "the birth");

        await device.StopAsync(TestContext.Current.CancellationToken);
        await device.DisposeAsync();

        // Sparkplug 3.0 tck-id-payloads-ndeath-will-message-publisher-disconnect-mqtt50: reason 0x04, so the broker
        // publishes the Will too (as mosquitto does: EdgeNodeDisconnectTests), the same NDEATH.
        await Eventually.UntilAsync(() => disconnects.Any(d => d.ClientId == "dev-sw"), "the broker sees the disconnect");
        Assert.Equal(MqttDisconnectReasonCode.DisconnectWithWillMessage, Assert.Single(disconnects, d => d.ClientId == "dev-sw").ReasonCode);
        await Eventually.UntilAsync(() => _watcher.On("spBv1.0/T/NDEATH/dev-sw").Count == 2, "the published NDEATH and the Will");
        await MarkerRoundTripAsync();
        var deaths = _watcher.On("spBv1.0/T/NDEATH/dev-sw");
        Assert.Equal(2, deaths.Count);
        Assert.All(deaths, death => Assert.Equal(BdSeqOf(Payload.Parser.ParseFrom(birth.Payload)), BdSeqOf(Payload.Parser.ParseFrom(death.Payload))));
    }

    [Fact]
    public async Task Reboot_OnMqtt5_DisconnectsWithWillMessage_AndTheEmbeddedBrokerDeliversTheNDeathAndTheWill_WithTheOldBdSeq_BeforeTheNewBirth()
    {
        var disconnects = RecordDisconnects();
        await using var device = Start("dev-bw");
        var firstBirth = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NBIRTH/dev-bw", "the birth");

        await _watcher.PublishAsync("lwm2m/dev-bw/cmd/boot-1", """{"op":"execute","path":"/3/0/4"}"""u8.ToArray());

        await Eventually.UntilAsync(() => _watcher.On("spBv1.0/T/NBIRTH/dev-bw").Count == 2, "the device is born again");
        Assert.Equal(MqttDisconnectReasonCode.DisconnectWithWillMessage, Assert.Single(disconnects, d => d.ClientId == "dev-bw").ReasonCode);
        var deaths = _watcher.On("spBv1.0/T/NDEATH/dev-bw");
        Assert.Equal(2, deaths.Count);
        var order = _watcher.Received.ToList();
        Assert.All(deaths, death =>
        {
            Assert.Equal(BdSeqOf(Payload.Parser.ParseFrom(firstBirth.Payload)), BdSeqOf(Payload.Parser.ParseFrom(death.Payload)));
            Assert.True(order.IndexOf(death) < order.IndexOf(_watcher.On("spBv1.0/T/NBIRTH/dev-bw")[1]), "each death comes before the new birth");
        });
    }

    [Fact]
    public async Task WithAPrimaryHost_BirthsWaitForItsOnlineState_AndItsOfflineStateEndsTheSession()
    {
        var disconnects = RecordDisconnects();
        await using var device = Start("dev-p", o => o.PrimaryHostId = "scada");
        await Eventually.UntilAsync(async () => (await _broker.Broker.GetClientsAsync()).Any(c => c.Id == "dev-p"), "the device connects");
        Assert.Empty(_watcher.On("spBv1.0/T/NBIRTH/dev-p"));

        await _watcher.PublishAsync("spBv1.0/STATE/scada", new HostState(true, 1000).ToJsonBytes(), retain: true);
        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NBIRTH/dev-p", "births after the primary host is online");

        await _watcher.PublishAsync("spBv1.0/STATE/scada", new HostState(false, 500).ToJsonBytes(), retain: true);
        await _watcher.PublishAsync("spBv1.0/STATE/scada", new HostState(false, 2000).ToJsonBytes(), retain: true);

        var death = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NDEATH/dev-p", "an NDEATH when the primary host goes offline");
        Assert.NotNull(death);
        await Eventually.UntilAsync(() => disconnects.Any(d => d.ClientId == "dev-p"), "the device disconnects");
        Assert.Equal(MqttDisconnectReasonCode.DisconnectWithWillMessage, disconnects.First(d => d.ClientId == "dev-p").ReasonCode);
        Assert.Single(_watcher.On("spBv1.0/T/NBIRTH/dev-p"));
    }

    [Fact]
    public async Task WithAPrimaryHostAlreadyOnline_TheRetainedStateLeadsToBirths()
    {
        await _watcher.PublishAsync("spBv1.0/STATE/scada-on", new HostState(true, 1000).ToJsonBytes(), retain: true);

        await using var device = Start("dev-on", o => o.PrimaryHostId = "scada-on");

        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NBIRTH/dev-on", "births once the retained online STATE arrives");
        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/DDATA/dev-on/sensor", "data after the births");
    }

    [Fact]
    public async Task Reboot_AnswersThenDies_ThenRegistersAndIsBornAgainWithTheNextBdSeq()
    {
        await using var device = Start("dev-b");
        await _watcher.WaitForAsync(m => m.Topic == "lwm2m/dev-b/reg", "the registration");
        await _watcher.PublishAsync("lwm2m/dev-b/reg/ack", """{"code":"2.01","registrationId":"r-1"}"""u8.ToArray());
        var firstBirth = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NBIRTH/dev-b", "the birth");

        await _watcher.PublishAsync("lwm2m/dev-b/cmd/boot-1", """{"op":"execute","path":"/3/0/4"}"""u8.ToArray());

        var answer = await _watcher.WaitForAsync(m => m.Topic == "lwm2m/dev-b/resp/boot-1", "the answer to the reboot");
        var death = await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/NDEATH/dev-b", "the death");
        await Eventually.UntilAsync(() => _watcher.On("lwm2m/dev-b/reg").Count == 2 && _watcher.On("spBv1.0/T/NBIRTH/dev-b").Count == 2, "a new registration and a new birth");
        var order = _watcher.Received.ToList();
        Assert.True(order.IndexOf(answer) < order.IndexOf(death), "the answer goes out before the death");
        Assert.True(order.IndexOf(death) < order.IndexOf(_watcher.On("lwm2m/dev-b/reg")[1]), "the new registration comes after the death");
        Assert.Equal("""{"code":"2.04"}""", Encoding.UTF8.GetString(answer.Payload));
        Assert.Equal(BdSeqOf(Payload.Parser.ParseFrom(firstBirth.Payload)) + 1, BdSeqOf(Payload.Parser.ParseFrom(_watcher.On("spBv1.0/T/NBIRTH/dev-b")[1].Payload)));
        Assert.Equal(1, _devices.Metrics.Reboots.Value);
    }

    [Fact]
    public async Task RefusedWritesAndUnexpectedAcknowledgements_AreCountedByReason_AndChangeNothing()
    {
        await using var device = Start("dev-x", o => o.RegistrationRetrySeconds = 300);
        await _watcher.WaitForAsync(m => m.Topic == "spBv1.0/T/DDATA/dev-x/sensor", "telemetry flows");
        var nan = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, null);
        nan.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 5, null, MetricValue.FromFloat(float.NaN))));
        var readOnly = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, null);
        readOnly.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 1, null, MetricValue.FromDouble(99))));

        await _watcher.PublishAsync("spBv1.0/T/DCMD/dev-x/sensor", nan.ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce);
        await _watcher.PublishAsync("spBv1.0/T/DCMD/dev-x/sensor", readOnly.ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce);
        await _watcher.PublishAsync("lwm2m/dev-x/update/ack", """{"code":"4.04"}"""u8.ToArray());

        await Eventually.UntilAsync(() =>
            _devices.Metrics.Rejected.WithLabels("sparkplug", "refused").Value == 1
            && _devices.Metrics.Rejected.WithLabels("sparkplug", "not_writable").Value == 1
            && _devices.Metrics.Rejected.WithLabels("lwm2m", "unexpected_acknowledgement").Value == 1, "each reject is counted with its reason");
        Assert.Equal(21f, device.Status().Readings.Setpoint);
        Assert.Single(_watcher.On("lwm2m/dev-x/reg"));
    }

    SimulatedDevice Start(string deviceId, Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions
        {
            SparkplugGroupId = "T",
            TelemetryIntervalSeconds = 0.05,
            Lwm2mIntervalSeconds = 0.2,
            StateDirectory = _state.Path,
        };
        configure?.Invoke(options);
        var device = _devices.Start(deviceId, options, _broker.ClientOptions());
        return device;
    }

    ConcurrentQueue<ClientDisconnectedEventArgs> RecordDisconnects()
    {
        var disconnects = new ConcurrentQueue<ClientDisconnectedEventArgs>();
        _broker.Broker.Server.ClientDisconnectedAsync += args =>
        {
            disconnects.Enqueue(args);
            return Task.CompletedTask;
        };
        return disconnects;
    }

    /// <summary>Whatever the broker delivered to the watcher before this marker has arrived once the marker has.</summary>
    async Task MarkerRoundTripAsync()
    {
        var marker = "spBv1.0/T/NDATA/marker-" + Guid.NewGuid().ToString("N")[..8];
        await _watcher.PublishAsync(marker, [1]);
        await _watcher.WaitForAsync(m => m.Topic == marker, "the marker");
    }

    static ulong BdSeqOf(Payload payload) => payload.Metrics.Single(m => m.Name == "bdSeq").LongValue;
}
