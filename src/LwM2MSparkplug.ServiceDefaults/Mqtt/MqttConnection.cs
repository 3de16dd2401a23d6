using Microsoft.Extensions.Logging;
using MQTTnet;
using Polly;
using Polly.Retry;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>
/// One MQTT client connection that stays up: connects, subscribes and runs <see cref="MqttSessionDefinition.OnConnected"/>,
/// then after any loss reconnects with exponential backoff and jitter and subscribes again. Given several servers it
/// is connected to one at a time and walks the list in order: to the next server when a connect fails, or when
/// <see cref="RestartAsync"/> asks (a Sparkplug edge node whose primary host went offline).
/// </summary>
public sealed partial class MqttConnection : IAsyncDisposable
{
    readonly MqttConnectionOptions _options;
    readonly IReadOnlyList<MqttConnectionOptions> _servers;
    readonly string[] _brokers;
    readonly MqttSessionDefinition _session;
    readonly ILogger _logger;
    readonly TimeProvider _time;
    readonly IMqttClient _client;
    readonly ResiliencePipeline _connectPipeline;
    readonly CancellationTokenSource _stopping = new();
    TaskCompletionSource _connectionLost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Task? _loop;
    int _disposed;
    // UTC ticks of the last loss, 0 before the first: written on MQTTnet's thread, read by REST requests.
    long _lostAtTicks;
    // Position in _servers of the server in use: moved by the connect loop only; read by handlers and REST requests.
    int _current;
    int _firstServerIndex;
    string _attempted;
    // 1 when RestartAsync asked the next connect to go to the next server.
    int _walkRequested;
    // Walks since the session last settled (Settled): a whole round of them without one waits the longest delay.
    int _walksUnsettled;
    // 1 from the end of a successful connect until the connection is lost.
    int _up;

    public MqttConnection(MqttConnectionOptions options, MqttSessionDefinition session, ILogger logger, TimeProvider? time = null)
        : this((options ?? throw new ArgumentNullException(nameof(options))).ServerList(), session, logger, time)
    {
    }

    /// <param name="servers">The servers to walk, in order; the common settings (keep-alive, reconnect delays) are the first one's.</param>
    /// <param name="session">What the session is: identity, will, subscriptions and callbacks.</param>
    /// <param name="logger">Where connects, losses and handler failures are logged.</param>
    /// <param name="time">The clock of <see cref="LostAt"/>.</param>
    public MqttConnection(IReadOnlyList<MqttConnectionOptions> servers, MqttSessionDefinition session, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentOutOfRangeException.ThrowIfZero(servers.Count);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(logger);
        _servers = servers;
        _options = servers[0];
        _brokers = [.. servers.Select(server => server.Describe())];
        _attempted = _brokers[0];
        _session = session;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        var options = _options;
        _client = options.ClientAdapterFactory is { } adapters
            ? new MqttClientFactory().CreateMqttClient(adapters)
            : new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _connectPipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectMinDelay,
                MaxDelay = options.ReconnectMaxDelay,
                OnRetry = arguments =>
                {
                    LogConnectFailed(_logger, _session.ClientId, _attempted, arguments.AttemptNumber + 1, arguments.RetryDelay.TotalSeconds, arguments.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public string ClientId => _session.ClientId;
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connected, subscribed and past <see cref="MqttSessionDefinition.OnConnected"/>: the session is fully up.</summary>
    public bool IsUp => _client.IsConnected && Volatile.Read(ref _up) == 1;

    /// <summary>The broker this connection goes to (or will try next), as <c>mqtt[s]://host:port</c>.</summary>
    public string Broker => _brokers[Volatile.Read(ref _current)];

    /// <summary>
    /// The position of the server in use in the configured server list (<see cref="MqttConnectionOptions.ServerList"/>);
    /// handlers read it as <see cref="MqttReceivingServer.Current"/>. Set for a connection that is one of a
    /// <see cref="MqttConnectionSet"/>.
    /// </summary>
    public int ServerIndex
    {
        get => _firstServerIndex + Volatile.Read(ref _current);
        init => _firstServerIndex = value;
    }

    /// <summary>The underlying client, for publishing. Publishing while disconnected throws.</summary>
    public IMqttClient Client => _client;

    /// <summary>Number of successful connections so far (1 after the first connect).</summary>
    public int ConnectionCount { get; private set; }

    /// <summary>When the connection was last lost (UTC); null until it is lost for the first time.</summary>
    public DateTimeOffset? LostAt => Volatile.Read(ref _lostAtTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// Since when what the service learned through this connection about something it last heard from at
    /// <paramref name="lastHeardAt"/> may no longer be current: the last loss of the connection, unless it has been
    /// heard from since; null when it is current. While the connection is down nothing can be heard, so everything
    /// known is stale; after a reconnect each item stays stale until it speaks again (the broker does not replay
    /// what was missed, and an item that went away meanwhile may never speak again).
    /// </summary>
    public DateTimeOffset? StaleSince(DateTimeOffset? lastHeardAt) =>
        LostAt is { } lost && !(lastHeardAt > lost) ? lost : null;

    /// <summary>Starts connecting in the background; returns at once.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _loop ??= Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Completes when the first connection (with subscriptions and <c>OnConnected</c>) is up.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _firstConnection.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="beforeDisconnect"/>, closes the current connection and lets the loop reconnect: to the next
    /// configured server when <paramref name="toNextServer"/> (to the same one when there is only one).
    /// </summary>
    public async Task RestartAsync(Func<IMqttClient, CancellationToken, Task>? beforeDisconnect, CancellationToken cancellationToken, bool toNextServer = false)
    {
        if (toNextServer && _servers.Count > 1)
        {
            Volatile.Write(ref _walkRequested, 1);
        }
        if (_client.IsConnected)
        {
            if (beforeDisconnect is not null)
            {
                await beforeDisconnect(_client, cancellationToken);
            }
            await _client.DisconnectAsync(IntentionalDisconnect(), cancellationToken);
        }
    }

    /// <summary>Stops reconnecting, runs <paramref name="beforeDisconnect"/> (e.g. publish a death) and disconnects cleanly.</summary>
    public async Task StopAsync(Func<IMqttClient, CancellationToken, Task>? beforeDisconnect, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (!_client.IsConnected)
        {
            return;
        }
        try
        {
            if (beforeDisconnect is not null)
            {
                await beforeDisconnect(_client, cancellationToken);
            }
            await _client.DisconnectAsync(IntentionalDisconnect(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStopFailed(_logger, exception, _session.ClientId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await StopAsync(null, CancellationToken.None);
        _client.Dispose();
        _stopping.Dispose();
    }

    MqttClientDisconnectOptions IntentionalDisconnect() => new MqttClientDisconnectOptionsBuilder()
        .WithReason(_session.DisconnectWithWill ? MqttClientDisconnectOptionsReason.DisconnectWithWillMessage : MqttClientDisconnectOptionsReason.NormalDisconnection)
        .Build();

    async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _connectPipeline.ExecuteAsync(ConnectOnceAsync, stopping);
                await _connectionLost.Task.WaitAsync(stopping);
                // A broker that accepts and then drops us at once must not cause a hot loop; nor may a fleet that
                // finds what it waits for on none of its servers go round them without pause.
                await Task.Delay(Jitter(NextWalkIsAFullRound() ? _options.ReconnectMaxDelay : _options.ReconnectMinDelay), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    async ValueTask ConnectOnceAsync(CancellationToken cancellationToken)
    {
        if (_session.BeforeConnect is { } gate)
        {
            await gate(cancellationToken);
        }
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        }
        _connectionLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _up, 0);
        if (Interlocked.Exchange(ref _walkRequested, 0) == 1)
        {
            MoveToNextServer();
            Interlocked.Increment(ref _walksUnsettled);
        }
        var server = Volatile.Read(ref _current);
        // The receive loop MQTTnet starts inside ConnectAsync carries this with it to every message handler.
        MqttReceivingServer.Current = ServerIndex;
        _attempted = _brokers[server];
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(MqttClientOptionsFactory.Create(_servers[server], _session), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Sparkplug 3.0: a client that cannot reach its server tries the next one.
            MoveToNextServer();
            throw;
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            MoveToNextServer();
            throw new MqttConnectionRefusedException($"The broker at {_attempted} refused client '{_session.ClientId}': {result.ResultCode} {result.ReasonString}");
        }
        if (_session.Subscriptions.Count > 0)
        {
            await SubscribeAsync(new MqttClientSubscribeOptions { TopicFilters = [.. _session.Subscriptions] }, cancellationToken);
        }
        foreach (var group in _session.IdentifiedSubscriptions.GroupBy(s => s.Identifier))
        {
            await SubscribeAsync(new MqttClientSubscribeOptions { SubscriptionIdentifier = group.Key, TopicFilters = [.. group.Select(s => s.Filter)] }, cancellationToken);
        }
        if (_session.OnConnected is not null)
        {
            await _session.OnConnected(_client, cancellationToken);
        }
        ConnectionCount++;
        LogConnected(_logger, _session.ClientId, _attempted, result.IsSessionPresent);
        Volatile.Write(ref _up, 1);
        _firstConnection.TrySetResult();
    }

    async Task SubscribeAsync(MqttClientSubscribeOptions subscribe, CancellationToken cancellationToken)
    {
        var subscribed = await _client.SubscribeAsync(subscribe, cancellationToken);
        var refused = subscribed.Items.Where(item => (int)item.ResultCode > 2).ToList();
        if (refused.Count > 0)
        {
            var detail = string.Join(", ", refused.Select(item => $"{item.TopicFilter.Topic}: {item.ResultCode}"));
            throw new MqttConnectionRefusedException($"The broker at {_attempted} refused subscriptions of '{_session.ClientId}': {detail}");
        }
    }

    async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (_session.OnMessage is null)
        {
            return;
        }
        if (_session.ManualAcknowledgement)
        {
            args.AutoAcknowledge = false;
        }
        try
        {
            // Set when the connection was made (flowing into MQTTnet's receive loop); set here only if that did not
            // reach this handler, since setting it allocates.
            if (MqttReceivingServer.Current != ServerIndex)
            {
                MqttReceivingServer.Current = ServerIndex;
            }
            await _session.OnMessage(args);
        }
        catch (Exception exception)
        {
            // One bad message must never stop the receive loop.
            LogHandlerFailed(_logger, exception, _session.ClientId, args.ApplicationMessage.Topic);
        }
    }

    async Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (!args.ClientWasConnected)
        {
            return;
        }
        if (!_stopping.IsCancellationRequested && _logger.IsEnabled(LogLevel.Warning))
        {
            var detail = args.ReasonString ?? args.Exception?.Message;
            LogDisconnected(_logger, _session.ClientId, args.Reason, detail);
        }
        if (!_stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _lostAtTicks, _time.GetUtcNow().UtcTicks);
        }
        Volatile.Write(ref _up, 0);
        _connectionLost.TrySetResult();
        if (_session.OnDisconnected is not null && !_stopping.IsCancellationRequested)
        {
            try
            {
                await _session.OnDisconnected(args);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(_logger, exception, _session.ClientId, "(disconnect)");
            }
        }
    }

    /// <summary>
    /// The session found on its server what it needs (a Sparkplug edge node: its primary host online, births sent):
    /// walks from here on start a new round.
    /// </summary>
    public void Settled() => Volatile.Write(ref _walksUnsettled, 0);

    bool NextWalkIsAFullRound()
    {
        if (Volatile.Read(ref _walkRequested) == 0 || Volatile.Read(ref _walksUnsettled) < _servers.Count)
        {
            return false;
        }
        Volatile.Write(ref _walksUnsettled, 0);
        return true;
    }

    // Only the connect loop moves the server, so the server in use is never changed under a live connection.
    void MoveToNextServer() => Volatile.Write(ref _current, (_current + 1) % _servers.Count);

    static TimeSpan Jitter(TimeSpan delay) => delay * (0.5 + Random.Shared.NextDouble());

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client {ClientId} connected to {Broker} (session present: {SessionPresent})")]
    static partial void LogConnected(ILogger logger, string clientId, string broker, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {ClientId} could not connect to {Broker} (attempt {Attempt}); retrying in {DelaySeconds:0.0} s: {Reason}")]
    static partial void LogConnectFailed(ILogger logger, string clientId, string broker, int attempt, double delaySeconds, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {ClientId} lost its connection ({DisconnectReason}): {Detail}; reconnecting")]
    static partial void LogDisconnected(ILogger logger, string clientId, MqttClientDisconnectReason disconnectReason, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT client {ClientId}: handling a message on {Topic} failed; the message is dropped and the connection goes on")]
    static partial void LogHandlerFailed(ILogger logger, Exception exception, string clientId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {ClientId} did not disconnect cleanly")]
    static partial void LogStopFailed(ILogger logger, Exception exception, string clientId);
}
