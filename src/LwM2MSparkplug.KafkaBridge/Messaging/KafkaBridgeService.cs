using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using LwM2MSparkplug.KafkaBridge.Delivery;
using LwM2MSparkplug.KafkaBridge.Kafka;
using LwM2MSparkplug.KafkaBridge.Records;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.KafkaBridge.Messaging;

/// <summary>
/// Forwards MQTT messages to Kafka without losing what the broker held: a QoS 1 message is acknowledged only after
/// Kafka confirmed its record (in receive order), on a persistent session, so a bridge crash or a Kafka outage leaves
/// unconfirmed messages with the broker, which delivers them again. At most <c>MaxInFlight</c> records are
/// unconfirmed; at the bound the bridge stops reading (back-pressure) instead of dropping.
/// </summary>
public sealed class KafkaBridgeService(
    IOptions<MqttConnectionOptions> mqtt,
    IOptions<BridgeOptions> options,
    IConfiguration configuration,
    KafkaConnectivity connectivity,
    KafkaBridgeMetrics metrics,
    TimeProvider time,
    ILogger<KafkaBridgeService> logger) : BackgroundService
{
    /// <summary>Subscription identifier of forwarding subscriptions; the birth-learning ones use <see cref="LearningSubscription"/>.</summary>
    const uint ForwardingSubscription = 1;
    const uint LearningSubscription = 2;

    /// <summary>Births every replica must see, whichever replica forwards them.</summary>
    static readonly string[] BirthFilters = ["spBv1.0/+/NBIRTH/+", "spBv1.0/+/DBIRTH/+/+"];

    // One per MQTT server: receive order binds each connection alone, so one server's slow message holds back none of
    // the acknowledgements owed to another.
    AcknowledgementQueue<PendingDelivery>[] _acknowledgements = [];
    readonly Channel<PendingDelivery> _readyToAcknowledge = Channel.CreateUnbounded<PendingDelivery>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource _draining = new();
    SemaphoreSlim _slots = null!;
    KafkaRecordFactory _records = null!;
    IProducer<string, byte[]> _producer = null!;
    bool _shared;

    public MqttConnectionSet? Connections { get; private set; }

    public int InFlight => options.Value.MaxInFlight - (_slots?.CurrentCount ?? options.Value.MaxInFlight);

    public string BootstrapServers { get; private set; } = string.Empty;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var producerConfig = KafkaProducerSettings.Create(configuration);
        BootstrapServers = producerConfig.BootstrapServers;
        _slots = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
        var router = settings.CreateRouter();
        _records = new KafkaRecordFactory(router, settings.DeadLetterTopic, settings.SparkplugFormat, settings.MaxPayloadBytes, settings.DeadLetterExcerptBytes);
        _producer = new ProducerBuilder<string, byte[]>(producerConfig)
            .SetErrorHandler((_, error) => OnKafkaError(error))
            .SetLogHandler((_, message) => Log.Librdkafka(logger, message.Facility, message.Message))
            .Build();

        _shared = !string.IsNullOrEmpty(settings.SharedSubscriptionGroup);
        var subscriptions = Subscriptions(settings, router);
        Log.Starting(logger, string.Join(", ", subscriptions.Select(s => s.Filter.Topic)), BootstrapServers);
        Connections = new MqttConnectionSet(mqtt.Value, _ => new MqttSessionDefinition
        {
            ClientId = settings.EffectiveClientId,
            // A persistent session: what the bridge has not acknowledged stays with the broker while it is away.
            CleanSession = false,
            SessionExpiry = TimeSpan.FromSeconds(settings.SessionExpirySeconds),
            ManualAcknowledgement = true,
            ReceiveMaximum = (ushort)Math.Min(settings.MaxInFlight, ushort.MaxValue),
            IdentifiedSubscriptions = subscriptions,
            OnMessage = HandleAsync,
        }, logger);
        _acknowledgements = [.. Connections.Connections.Select(_ => new AcknowledgementQueue<PendingDelivery>())];
        Connections.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking messages, let Kafka confirm what is in flight and acknowledge it, then leave.
        await _draining.CancelAsync();
        var remaining = _producer?.Flush(TimeSpan.FromSeconds(options.Value.ShutdownFlushSeconds)) ?? 0;
        _readyToAcknowledge.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        if (Connections is not null)
        {
            await Connections.StopAsync(null, cancellationToken);
            await Connections.DisposeAsync();
        }
        Log.Flushed(logger, remaining);
        _producer?.Dispose();
        _slots?.Dispose();
        _draining.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(AcknowledgeAsync(stoppingToken), ProbeKafkaAsync(stoppingToken));

    List<(uint Identifier, MqttTopicFilter Filter)> Subscriptions(BridgeOptions settings, TopicRouter router)
    {
        var filters = router.SubscriptionFilters;
        if (!_shared)
        {
            return [.. filters.Select(filter => (ForwardingSubscription, MqttSessionDefinition.Subscription(filter)))];
        }
        // Each replica forwards its share of the messages, but must see every birth to resolve aliases.
        var forwarding = filters.Select(filter => (ForwardingSubscription, MqttSessionDefinition.Subscription($"$share/{settings.SharedSubscriptionGroup}/{filter}")));
        var learning = BirthFilters.Select(filter => (LearningSubscription, MqttSessionDefinition.Subscription(filter)));
        return [.. forwarding, .. learning];
    }

    async Task HandleAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (_draining.IsCancellationRequested)
        {
            return;
        }
        var message = args.ApplicationMessage;
        var qualityOfService = (int)message.QualityOfServiceLevel;
        if (_shared && message.SubscriptionIdentifiers is { Count: > 0 } identifiers && !identifiers.Contains(ForwardingSubscription))
        {
            // The learning copy of a birth: remember its aliases; the forwarding copy goes to one replica only.
            _records.Learn(message.Topic, message.Payload);
            await AcknowledgeNowAsync(args);
            return;
        }

        metrics.Received.WithLabels(QosLabel(qualityOfService)).Inc();
        var unresolvedBefore = _records.UnresolvedMetrics;
        var record = _records.Create(message.Topic, message.Payload, qualityOfService, time.GetUtcNow());
        metrics.UnresolvedMetrics.Inc(_records.UnresolvedMetrics - unresolvedBefore);
        if (record is null)
        {
            await AcknowledgeNowAsync(args);
            return;
        }
        if (record.IsDeadLetter)
        {
            metrics.DeadLetters.WithLabels(record.DeadLetterReason!).Inc();
            Log.DeadLettering(logger, message.Topic, record.DeadLetterReason!);
        }

        if (!_slots.Wait(0))
        {
            var waitStarted = Stopwatch.GetTimestamp();
            try
            {
                await _slots.WaitAsync(_draining.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                metrics.BackPressure.Inc(Stopwatch.GetElapsedTime(waitStarted).TotalSeconds);
            }
        }
        var pending = new PendingDelivery(args, Connections!.For(MqttReceivingServer.Current)!, Stopwatch.GetTimestamp());
        if (qualityOfService > 0)
        {
            pending.Ticket = _acknowledgements[pending.Connection.ServerIndex].Enqueue(pending);
        }
        metrics.InFlight.Inc();
        Produce(record, pending);
    }

    void Produce(BridgeRecord record, PendingDelivery pending)
    {
        var headers = new Headers();
        foreach (var (key, value) in record.Headers)
        {
            headers.Add(key, value);
        }
        var message = new Message<string, byte[]> { Key = record.Key, Value = record.Value, Headers = headers };
        try
        {
            _producer.Produce(record.Topic, message, report => OnDelivered(report.Error, record, pending));
        }
        catch (ProduceException<string, byte[]> exception)
        {
            OnDelivered(exception.Error, record, pending);
        }
    }

    void OnDelivered(Error error, BridgeRecord record, PendingDelivery pending)
    {
        if (!error.IsError)
        {
            metrics.Forwarded.WithLabels(record.Topic).Inc();
            metrics.DeliveryLatency.Observe(Stopwatch.GetElapsedTime(pending.StartedAt).TotalSeconds);
            if (connectivity.MarkReachable())
            {
                Log.KafkaReachable(logger);
            }
            Complete(pending);
            return;
        }

        var reason = Protocols.ReasonNames.ToSnakeCase(error.Code.ToString());
        metrics.DeliveryFailures.WithLabels(reason).Inc();
        if (error.Code is ErrorCode.Local_MsgTimedOut or ErrorCode.Local_QueueFull or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown)
        {
            // Transient: try again shortly; the MQTT acknowledgement keeps waiting.
            _ = Task.Delay(TimeSpan.FromMilliseconds(200), time, CancellationToken.None).ContinueWith(_ => Produce(record, pending), TaskScheduler.Default);
            return;
        }
        if (!record.IsDeadLetter)
        {
            metrics.DeadLetters.WithLabels(reason).Inc();
            Log.DeadLettering(logger, record.Topic, reason);
            Produce(_records.ToDeadLetter(record, reason), pending);
            return;
        }
        // Kafka refuses even the dead letter (e.g. a topic longer than its record limit): nothing more can be done
        // but say so, counted, with what identifies the message.
        metrics.Lost.WithLabels(reason).Inc();
        Log.DeadLetterRefused(logger, record.Header(KafkaRecordFactory.TopicHeader), record.Header(KafkaRecordFactory.PayloadBytesHeader), record.Header(KafkaRecordFactory.PayloadSha256Header), error.Reason);
        Complete(pending);
    }

    void Complete(PendingDelivery pending)
    {
        metrics.InFlight.Dec();
        _slots.Release();
        if (pending.Ticket is not { } ticket)
        {
            return;
        }
        foreach (var ready in _acknowledgements[pending.Connection.ServerIndex].Complete(ticket))
        {
            _readyToAcknowledge.Writer.TryWrite(ready);
        }
    }

    async Task AcknowledgeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var pending in _readyToAcknowledge.Reader.ReadAllAsync(stoppingToken))
            {
                // After a reconnect the packet identifier belongs to another message; the broker redelivers this one.
                if (pending.Connection is { IsConnected: true } connection && connection.ConnectionCount == pending.ConnectionCount)
                {
                    await AcknowledgeNowAsync(pending.Message);
                    metrics.Acknowledged.Inc();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task AcknowledgeNowAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (args.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return;
        }
        try
        {
            await args.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or MQTTnet.Exceptions.MqttClientNotConnectedException)
        {
            Log.AcknowledgeFailed(logger, exception);
        }
    }

    async Task ProbeKafkaAsync(CancellationToken stoppingToken)
    {
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.KafkaProbeIntervalSeconds), time);
        do
        {
            try
            {
                await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(2)), stoppingToken);
                if (connectivity.MarkReachable())
                {
                    Log.KafkaReachable(logger);
                }
            }
            catch (KafkaException exception)
            {
                if (connectivity.MarkUnreachable(exception.Error.Reason))
                {
                    Log.KafkaUnreachable(logger, exception.Error.Reason);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    void OnKafkaError(Error error)
    {
        if (error.Code is ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Transport or ErrorCode.Local_Resolve)
        {
            if (connectivity.MarkUnreachable(error.Reason))
            {
                Log.KafkaUnreachable(logger, error.Reason);
            }
        }
        else
        {
            Log.Librdkafka(logger, error.Code.ToString(), error.Reason);
        }
    }

    static string QosLabel(int qualityOfService) => qualityOfService switch
    {
        0 => "0",
        1 => "1",
        _ => "2",
    };
}
