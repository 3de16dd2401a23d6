using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Messaging;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Messaging;

public sealed class Lwm2mMessageHandlerTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    readonly InMemoryRegistrationStore _store = new(capacity: 10);
    readonly EventBuffer _events = new(100, 4, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
    readonly Lwm2mServerMetrics _metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
    readonly ObservationStore _observations = new(maxPerEndpoint: 100);
    readonly MqttOutbox _outbox = new();
    readonly PendingRequests _pending = new();
    readonly DeviceMessageRates _rates = new(capacity: 10);
    readonly SleepingDevices _sleeping = new(TimeSpan.FromSeconds(93), maxHeldPerDevice: 4, TimeSpan.FromHours(1));
    readonly QueueModeWakeups _wakeups;
    readonly RegistrationHandler _registration;
    readonly GoneDevices _gone;
    readonly Lwm2mMessageHandler _handler;

    public Lwm2mMessageHandlerTests()
    {
        var acknowledgements = new Acknowledgements(_outbox);
        _gone = new GoneDevices(TimeSpan.FromMinutes(10), 100, _time);
        _registration = new RegistrationHandler(_store, _observations, _events, _gone, acknowledgements, _metrics, Options.Create(new Lwm2mServerOptions()), _time, NullLogger<RegistrationHandler>.Instance);
        var reporting = new ReportingHandler(_store, _observations, _events, acknowledgements, _metrics, Protocols.Lwm2m.Model.Lwm2mObjectModel.BuiltIn, _time, NullLogger<ReportingHandler>.Instance);
        _wakeups = new QueueModeWakeups(_sleeping, _store, _time);
        var options = Options.Create(new Lwm2mServerOptions { MaxPayloadBytes = 1024 });
        var responses = new DeviceResponses(_pending, _metrics, NullLogger<DeviceResponses>.Instance);
        var oma = new OmaMessageHandler(_registration, reporting, responses, _pending, new OmaReplies(_outbox), _metrics, options, _time, NullLogger<OmaMessageHandler>.Instance);
        _handler = new Lwm2mMessageHandler(_registration, reporting, oma, responses, _pending, _wakeups, new SparkplugPresence(100, _store, () => { }), _rates, _metrics,
            options, _time, NullLogger<Lwm2mMessageHandler>.Instance);
    }

    [Fact]
    public void AQueueModeDevice_IsAwakeAfterItsMessages_AndItsUpdateReleasesWhatWasHeldWhileItSlept()
    {
        var read = new Lwm2mRequest(Lwm2mOperation.Read);
        Publish("lwm2m/q-1/reg", """{"version":"1.2","queueMode":true}""");
        Assert.True(_store.TryGet("q-1", out var registration) && registration.QueueMode);
        Assert.Equal(HoldOutcome.Awake, _sleeping.TryHold("q-1", "r-1", read, _time.GetUtcNow(), out _));

        _time.Advance(TimeSpan.FromSeconds(93));
        Assert.Equal(HoldOutcome.Held, _sleeping.TryHold("q-1", "r-2", read, _time.GetUtcNow(), out _));
        Publish("lwm2m/q-1/update", "{}");

        Assert.True(_wakeups.Released.TryRead(out var released));
        Assert.Equal("r-2", released.RequestId);
        Assert.Equal(HoldOutcome.Awake, _sleeping.TryHold("q-1", "r-3", read, _time.GetUtcNow(), out _));
    }

    [Fact]
    public void Register_AddsTheRegistration_AndRecordsAnEvent()
    {
        Publish("lwm2m/dev-1/reg", """{"endpoint":"dev-1","lifetime":60,"version":"1.2","bindingMode":"UQ"}""");

        Assert.True(_store.TryGet("dev-1", out var registration));
        Assert.Equal(TimeSpan.FromSeconds(60), registration.Lifetime);
        Assert.Equal(_time.GetUtcNow(), registration.RegisteredAt);
        var recorded = Assert.Single(_events.ReadAfter(0, 10).Events);
        Assert.Equal(Lwm2mEventTypes.Registration, recorded.Type);
        Assert.Equal(1, _metrics.Registrations.Value);
    }

    [Fact]
    public void NewRegister_ReplacesTheOldRegistration()
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");
        _store.TryGet("dev-1", out var first);

        Publish("lwm2m/dev-1/reg", """{"lifetime":90,"version":"1.1"}""");

        Assert.True(_store.TryGet("dev-1", out var second));
        Assert.Equal(1, _store.Count);
        Assert.NotEqual(first.RegistrationId, second.RegistrationId);
        Assert.Equal("1.1", second.Version);
    }

    [Fact]
    public void Update_RefreshesTheLifetime_AndExpiryRemovesSilentClients()
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");
        Publish("lwm2m/dev-2/reg", """{"lifetime":60,"version":"1.2"}""");

        _time.Advance(TimeSpan.FromSeconds(50));
        Publish("lwm2m/dev-1/update", "{}");
        _time.Advance(TimeSpan.FromSeconds(15));
        var expired = _registration.ExpireRegistrations();

        Assert.Equal(1, expired);
        Assert.True(_store.TryGet("dev-1", out _));
        Assert.False(_store.TryGet("dev-2", out _));
        Assert.Contains(_events.ReadAfter(0, 10).Events, e => e.Type == Lwm2mEventTypes.Expiry && e.Endpoint == "dev-2");
        Assert.Equal(1, _metrics.Expiries.Value);
    }

    [Fact]
    public void Update_WithNewLifetime_MovesTheExpiry()
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");

        Publish("lwm2m/dev-1/update", """{"lifetime":600}""");
        _time.Advance(TimeSpan.FromSeconds(120));

        Assert.Equal(0, _registration.ExpireRegistrations());
        Assert.True(_store.TryGet("dev-1", out var registration));
        Assert.Equal(TimeSpan.FromSeconds(600), registration.Lifetime);
    }

    [Fact]
    public void Deregister_RemovesTheRegistration()
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");

        Publish("lwm2m/dev-1/dereg", "");

        Assert.Equal(0, _store.Count);
        Assert.Contains(_events.ReadAfter(0, 10).Events, e => e.Type == Lwm2mEventTypes.Deregistration);
    }

    [Fact]
    public void Deregister_AndExpiry_AreRecordedAsGone_AndARegisterTakesTheDeviceOff()
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");
        Publish("lwm2m/dev-2/reg", """{"lifetime":60,"version":"1.2"}""");

        Publish("lwm2m/dev-1/dereg", "");
        _time.Advance(TimeSpan.FromSeconds(61));
        _registration.ExpireRegistrations();

        var gone = _gone.Snapshot();
        Assert.Equal(["dev-1", "dev-2"], gone.Select(device => device.Registration.Endpoint));
        Assert.Equal([FleetLwm2mState.Deregistered, FleetLwm2mState.Expired], gone.Select(device => device.State));
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(61), gone[0].LeftAt);
        Assert.Equal(_time.GetUtcNow(), gone[1].LeftAt);

        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");

        Assert.Equal(["dev-2"], _gone.Snapshot().Select(device => device.Registration.Endpoint));
    }

    [Theory]
    [InlineData("lwm2m/dev-1/reg", "{broken", "malformed_json")]
    [InlineData("lwm2m/dev-1/reg", """{"version":"9.9"}""", "unsupported_version")]
    [InlineData("lwm2m/dev-1/reg", """{"version":"1.2","lifetime":-1}""", "invalid_lifetime")]
    [InlineData("lwm2m/dev-1/reg", """{"endpoint":"dev-2","version":"1.2"}""", "endpoint_mismatch")]
    [InlineData("lwm2m/unknown/update", "{}", "unknown_endpoint")]
    [InlineData("lwm2m/unknown/dereg", "", "unknown_endpoint")]
    [InlineData("lwm2m/dev-1/whatever", "{}", "topic_unknown_kind")]
    [InlineData("lwm2m/dev-1", "{}", "topic_wrong_level_count")]
    public void InvalidMessage_IsCountedWithItsReason_AndChangesNothing(string topic, string payload, string reason)
    {
        _handler.Handle(topic, Bytes(payload));

        Assert.Equal(1, _metrics.InvalidMessages.WithLabels(reason).Value);
        Assert.Equal(0, _store.Count);
        Assert.Empty(_events.ReadAfter(0, 10).Events);
    }

    [Fact]
    public void OversizePayload_IsRejectedUnread()
    {
        _handler.Handle("lwm2m/dev-1/reg", Bytes(new string(' ', 2000)));

        Assert.Equal(1, _metrics.InvalidMessages.WithLabels("payload_too_large").Value);
    }

    [Fact]
    public void AfterBadInput_ValidMessagesStillWork()
    {
        _handler.Handle("lwm2m/dev-1/reg", Bytes("\0\0\0"));

        Publish("lwm2m/dev-1/reg", """{"version":"1.2"}""");

        Assert.True(_store.TryGet("dev-1", out _));
    }

    [Theory]
    [InlineData("reg", """{"version":"1.2","bindingMode":"<bad>"}""")]
    [InlineData("update", """{"bindingMode":"<bad>"}""")]
    [InlineData("send", """{"format":"senml+json","payload":[{"n":"/3/0/0","vs":"<bad>"}]}""")]
    [InlineData("notify/o-1", """{"format":"senml+json","payload":[{"n":"/3/0/0","vs":"\uD800"}]}""")]
    [InlineData("dereg", """{"<bad>":1}""")]
    public void InvalidUtf8_InAnyInboundMessage_IsCountedAndChangesNothing(string kind, string json)
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2","bindingMode":"U"}""");
        _store.TryGet("dev-1", out var registered);
        Assert.True(_observations.TryAdd(new Observation("o-1", "dev-1", registered.RegistrationId, [Lwm2mPath.Parse("/3/0/0")], _time.GetUtcNow())));
        var lastEvent = _events.LastSequence;

        _handler.Handle($"lwm2m/dev-1/{kind}", WithInvalidUtf8(json));

        Assert.Equal(1, _metrics.InvalidMessages.WithLabels("invalid_utf8").Value);
        Assert.True(_store.TryGet("dev-1", out var after));
        Assert.Equal(registered, after);
        Assert.Empty(_events.ReadAfter(lastEvent, 10).Events);
    }

    [Fact]
    public async Task ResponseWithInvalidUtf8_FailsTheWaitingRequestAtOnce_NamingTheField()
    {
        var (requestId, answer) = _pending.Begin("dev-1", Lwm2mOperation.Read);

        _handler.Handle($"lwm2m/dev-1/resp/{requestId}", WithInvalidUtf8("""{"code":"2.05","format":"text","payload":"<bad>"}"""));

        Assert.True(answer.IsCompletedSuccessfully);
        var result = await answer;
        Assert.Null(result.Response);
        Assert.Contains("'payload'", result.Invalid, StringComparison.Ordinal);
        Assert.Equal(1, _metrics.InvalidMessages.WithLabels("invalid_utf8").Value);
    }

    // The contract's De-register is an empty payload or {}; anything else is not one and must not end a registration.
    [Theory]
    [InlineData("junk", "malformed_json")]
    [InlineData("[]", "not_an_object")]
    [InlineData("""{"lifetime":60}""", "unexpected_field")]
    public void Deregister_WithAPayloadThatIsNotADeregister_IsCountedAndIgnored(string payload, string reason)
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");

        Publish("lwm2m/dev-1/dereg", payload);

        Assert.True(_store.TryGet("dev-1", out _));
        Assert.Equal(1, _metrics.InvalidMessages.WithLabels(reason).Value);
        Assert.Equal(0, _metrics.Deregistrations.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData(" { } ")]
    public void Deregister_EmptyOrAnEmptyObject_Deregisters(string payload)
    {
        Publish("lwm2m/dev-1/reg", """{"lifetime":60,"version":"1.2"}""");

        Publish("lwm2m/dev-1/dereg", payload);

        Assert.False(_store.TryGet("dev-1", out _));
        Assert.Equal(1, _metrics.Deregistrations.Value);
    }

    [Fact]
    public async Task Response_FromAnotherEndpoint_DoesNotAnswerTheRequest()
    {
        var (requestId, answer) = _pending.Begin("dev-1", Lwm2mOperation.Read);

        Publish($"lwm2m/dev-2/resp/{requestId}", """{"code":"2.05","format":"text","payload":"forged"}""");

        Assert.False(answer.IsCompleted);
        Assert.Equal(1, _metrics.InvalidMessages.WithLabels("response_endpoint_mismatch").Value);
        Publish($"lwm2m/dev-1/resp/{requestId}", """{"code":"2.05","format":"text","payload":"ACME"}""");
        Assert.Equal("ACME", (await answer).Response!.Payload!.Value.GetString());
    }

    [Theory]
    [InlineData(Lwm2mOperation.Read, "2.04")]
    [InlineData(Lwm2mOperation.Write, "2.05")]
    [InlineData(Lwm2mOperation.Create, "2.04")]
    [InlineData(Lwm2mOperation.Delete, "2.01")]
    public async Task Response_WithASuccessCodeOtherThanTheOperations_FailsTheRequest(Lwm2mOperation operation, string code)
    {
        var (requestId, answer) = _pending.Begin("dev-1", operation);

        Publish($"lwm2m/dev-1/resp/{requestId}", $$"""{"code":"{{code}}"}""");

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Contains(operation.SuccessCode().ToString(), (await answer).Invalid, StringComparison.Ordinal);
        Assert.Equal(1, _metrics.InvalidMessages.WithLabels("unexpected_result_code").Value);
    }

    [Fact]
    public async Task Response_WithAnErrorCode_AnswersTheRequest()
    {
        var (requestId, answer) = _pending.Begin("dev-1", Lwm2mOperation.Read);

        Publish($"lwm2m/dev-1/resp/{requestId}", """{"code":"4.04","error":"/3/0/99 does not exist"}""");

        Assert.Equal(Lwm2mResultCode.NotFound, (await answer).Response!.Code);
    }

    [Fact]
    public void MessagesFromTheDevice_CountInItsRate_TheServersOwnTopicsAndBadTopicsDoNot()
    {
        Publish("lwm2m/rate-1/reg", """{"lifetime":60,"version":"1.2"}""");
        Publish("lwm2m/rate-1/update", "{}");
        Publish("lwm2m/rate-1/send", """{"values":[]}""");
        Publish("lwm2m/rate-1/cmd/1", "{}");
        Publish("lwm2m/rate-1/reg/ack", "{}");
        Publish("lwm2m/rate+1/reg", "{}");

        Assert.Equal(3, _rates.PerMinute("rate-1", _time.GetUtcNow()));
        // The window slides in 5-second buckets: the oldest leaves it over its last five seconds.
        _time.Advance(TimeSpan.FromSeconds(65));
        Assert.Equal(0, _rates.PerMinute("rate-1", _time.GetUtcNow()));
        Assert.Equal(1, _rates.Count);
    }

    void Publish(string topic, string payload) => _handler.Handle(topic, Bytes(payload));

    static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    static ReadOnlySequence<byte> WithInvalidUtf8(string json) => new(Lwm2mServerFixture.WithInvalidUtf8(json));
}
