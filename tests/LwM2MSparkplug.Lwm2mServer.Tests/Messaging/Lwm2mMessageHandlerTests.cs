using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Messaging;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
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
    readonly RegistrationHandler _registration;
    readonly Lwm2mMessageHandler _handler;

    public Lwm2mMessageHandlerTests()
    {
        _registration = new RegistrationHandler(_store, _observations, _events, _outbox, _metrics, Options.Create(new Lwm2mServerOptions()), _time, NullLogger<RegistrationHandler>.Instance);
        var reporting = new ReportingHandler(_store, _observations, _events, _metrics, _time, NullLogger<ReportingHandler>.Instance);
        _handler = new Lwm2mMessageHandler(_registration, reporting, new PendingRequests(), new SparkplugPresence(), _metrics,
            Options.Create(new Lwm2mServerOptions { MaxPayloadBytes = 1024 }), _time, NullLogger<Lwm2mMessageHandler>.Instance);
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

    void Publish(string topic, string payload) => _handler.Handle(topic, Bytes(payload));

    static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
