using System.Buffers;
using System.Collections;
using LwM2MSparkplug.Standalone.Broker.Access;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.Standalone.Broker.Routing;

/// <summary>
/// Routes the subscriptions devices make to their own topics (<see cref="TopicAccessPolicy.IsOwnTopicFilter"/>:
/// commands, acknowledgements, one host's STATE) through a <see cref="SubscriptionIndex"/> instead of MQTTnet's
/// sessions. MQTTnet checks every subscribing session on every PUBLISH, so with one session per device each message
/// costs the broker as much as there are devices; with the devices' own filters here, MQTTnet checks only the few
/// sessions of services and tools, and a message finds its devices in the index in a few steps.
/// <para>
/// What MQTT asks of such a subscription is kept: the granted QoS caps the delivered QoS, a forwarded message is not
/// retained, the retained messages that match are sent when it is made, and it ends with its session (a clean start
/// or the session's end). Filters with subscription options other than the defaults (no-local, retain as published,
/// retain handling) stay with MQTTnet.
/// </para>
/// </summary>
public sealed class OwnTopicRouter(MqttServer server, string? omaPrefix, Action<string> countDrop)
{
    readonly SubscriptionIndex _index = new();
    readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);
    readonly Lock _gate = new();
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _leaving = new(StringComparer.Ordinal);

    [ThreadStatic]
    static Dictionary<string, int>? _matches;

    /// <summary>Subscriptions held here rather than by MQTTnet.</summary>
    public int SubscriptionCount => _index.FilterCount;

    /// <summary>
    /// Takes a subscription MQTTnet is about to make if it is a device's own (then MQTTnet grants it without keeping
    /// it) and sends the retained messages it matches.
    /// </summary>
    public async Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var filter = args.TopicFilter;
        if (!args.ProcessSubscription || args.Session is null || filter.NoLocal || filter.RetainAsPublished
            || filter.RetainHandling != MqttRetainHandling.SendAtSubscribe || !TopicAccessPolicy.IsOwnTopicFilter(filter.Topic, omaPrefix))
        {
            return;
        }
        lock (_gate)
        {
            if (!_routes.TryGetValue(args.ClientId, out var route) || !ReferenceEquals(route.SessionItems, args.SessionItems))
            {
                // A new session for this client id: whatever the old one subscribed has ended with it.
                _index.RemoveClient(args.ClientId);
                _routes[args.ClientId] = new Route(args.Session, args.SessionItems);
            }
            _index.Add(args.ClientId, filter.Topic, (int)filter.QualityOfServiceLevel);
        }
        args.ProcessSubscription = false;
        args.Response.ReasonCode = (MqttSubscribeReasonCode)(int)filter.QualityOfServiceLevel;
        if (_leaving.TryAdd(args.ClientId, 0))
        {
            _ = LeaveSubscriberSessionsAsync(args.ClientId);
        }

        var retained = await server.GetRetainedMessagesAsync();
        foreach (var message in retained.Where(message => MqttTopicFilterComparer.Compare(message.Topic, filter.Topic) == MqttTopicFilterCompareResult.IsMatch))
        {
            Enqueue(args.ClientId, args.Session, Copy(message, message.Payload, Math.Min((int)message.QualityOfServiceLevel, (int)filter.QualityOfServiceLevel), retain: true));
        }
    }

    /// <summary>Ends a subscription held here; MQTTnet, which never had it, then has nothing to do.</summary>
    public Task InterceptUnsubscriptionAsync(InterceptingUnsubscriptionEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        lock (_gate)
        {
            if (!_index.Remove(args.ClientId, args.Topic))
            {
                return Task.CompletedTask;
            }
        }
        args.ProcessUnsubscription = false;
        args.Response.ReasonCode = MqttUnsubscribeReasonCode.Success;
        return Task.CompletedTask;
    }

    /// <summary>A client connected: if that made a new session, the old session's subscriptions are gone.</summary>
    public Task ClientConnectedAsync(ClientConnectedEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Forget(args.ClientId, keepSession: args.SessionItems);
        return Task.CompletedTask;
    }

    /// <summary>A session ended (a clean session's client left, or a kept session expired): its subscriptions end with it.</summary>
    public Task SessionDeletedAsync(SessionDeletedEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Forget(args.Id, keepSession: null);
        return Task.CompletedTask;
    }

    /// <summary>Delivers a message MQTTnet is about to dispatch to the devices whose own filters match it.</summary>
    public void Deliver(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var matches = _matches ??= new Dictionary<string, int>(StringComparer.Ordinal);
        matches.Clear();
        _index.Match(message.Topic, matches);
        if (matches.Count == 0)
        {
            return;
        }
        // The payload is the receive buffer's until the publish is handled: one copy for every device it goes to.
        var payload = new ReadOnlySequence<byte>(message.Payload.ToArray());
        foreach (var (clientId, granted) in matches)
        {
            Route? route;
            lock (_gate)
            {
                _routes.TryGetValue(clientId, out route);
            }
            if (route is not null)
            {
                Enqueue(clientId, route.Session, Copy(message, payload, Math.Min((int)message.QualityOfServiceLevel, granted), retain: false));
            }
        }
    }

    /// <summary>
    /// MQTTnet counts a session among those it checks on every PUBLISH once it has handled a SUBSCRIBE, even one whose
    /// every filter went elsewhere, and until an UNSUBSCRIBE leaves it with no subscription of MQTTnet's. So once the
    /// SUBSCRIBE is through, an UNSUBSCRIBE of nothing takes the session out of that set again, unless MQTTnet holds a
    /// subscription of it (a filter that is not a device's own).
    /// </summary>
    async Task LeaveSubscriberSessionsAsync(string clientId)
    {
        await Task.Delay(SubscribeSettleTime);
        _leaving.TryRemove(clientId, out _);
        try
        {
            await server.UnsubscribeAsync(clientId, []);
        }
        catch (InvalidOperationException)
        {
            // The session is gone already.
        }
    }

    /// <summary>Enough for MQTTnet to finish the SUBSCRIBE the router took filters of.</summary>
    static readonly TimeSpan SubscribeSettleTime = TimeSpan.FromMilliseconds(200);

    void Forget(string clientId, IDictionary? keepSession)
    {
        lock (_gate)
        {
            if (_routes.TryGetValue(clientId, out var route) && !ReferenceEquals(route.SessionItems, keepSession))
            {
                _routes.Remove(clientId);
                _index.RemoveClient(clientId);
            }
        }
    }

    void Enqueue(string clientId, MqttSessionStatus session, MqttApplicationMessage message)
    {
        if (!session.TryEnqueueApplicationMessage(message, out _))
        {
            countDrop(clientId);
        }
    }

    static MqttApplicationMessage Copy(MqttApplicationMessage message, ReadOnlySequence<byte> payload, int qualityOfService, bool retain) => new()
    {
        Topic = message.Topic,
        Payload = payload,
        QualityOfServiceLevel = (MqttQualityOfServiceLevel)qualityOfService,
        Retain = retain,
        ContentType = message.ContentType,
        ResponseTopic = message.ResponseTopic,
        CorrelationData = message.CorrelationData,
        PayloadFormatIndicator = message.PayloadFormatIndicator,
        MessageExpiryInterval = message.MessageExpiryInterval,
        UserProperties = message.UserProperties,
    };

    sealed record Route(MqttSessionStatus Session, IDictionary SessionItems);
}
