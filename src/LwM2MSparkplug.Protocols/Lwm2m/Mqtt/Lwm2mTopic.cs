namespace LwM2MSparkplug.Protocols.Lwm2m.Mqtt;

/// <summary>
/// An LwM2M-over-MQTT topic <c>lwm2m/{endpoint}/{kind}[/{id}][/ack]</c> (docs/lwm2m-over-mqtt.md).
/// <see cref="Id"/> is the request id of responses and commands, the observation id of notifications, or the id a
/// device gave its Send (and the server copies into the Send's acknowledgement).
/// </summary>
public readonly record struct Lwm2mTopic
{
    public const string Prefix = "lwm2m";

    /// <summary>Longest endpoint name accepted; longer names are rejected rather than stored.</summary>
    public const int MaxEndpointLength = 128;

    Lwm2mTopic(string endpoint, Lwm2mTopicKind kind, string? id)
    {
        Endpoint = endpoint;
        Kind = kind;
        Id = id;
    }

    public string Endpoint { get; }
    public Lwm2mTopicKind Kind { get; }
    public string? Id { get; }

    public static Lwm2mTopic Create(string endpoint, Lwm2mTopicKind kind, string? id = null)
    {
        if (ValidateEndpoint(endpoint) != Lwm2mTopicError.None)
        {
            throw new ArgumentException($"'{endpoint}' is not a valid endpoint name: it must be 1..{MaxEndpointLength} characters without '+', '/' or '#'.", nameof(endpoint));
        }
        var rule = IdRuleOf(kind);
        if ((id is null && rule == IdRule.Required) || (id is not null && (rule == IdRule.None || ValidateEndpoint(id) != Lwm2mTopicError.None)))
        {
            throw new ArgumentException($"A {kind} topic {(rule == IdRule.None ? "has no id" : "needs a valid id")}.", nameof(id));
        }
        return new Lwm2mTopic(endpoint, kind, id);
    }

    enum IdRule { None, Optional, Required }

    static IdRule IdRuleOf(Lwm2mTopicKind kind) => kind switch
    {
        Lwm2mTopicKind.Response or Lwm2mTopicKind.Notify or Lwm2mTopicKind.Command or Lwm2mTopicKind.SendAck => IdRule.Required,
        Lwm2mTopicKind.Send => IdRule.Optional,
        _ => IdRule.None,
    };

    public static Lwm2mTopicError ValidateEndpoint(ReadOnlySpan<char> endpoint)
    {
        if (endpoint.IsEmpty || endpoint.Length > MaxEndpointLength || endpoint.IndexOfAny('+', '/', '#') >= 0)
        {
            return Lwm2mTopicError.InvalidEndpoint;
        }
        return Lwm2mTopicError.None;
    }

    public static bool TryParse(string topic, out Lwm2mTopic result, out Lwm2mTopicError error)
    {
        ArgumentNullException.ThrowIfNull(topic);
        result = default;
        ReadOnlySpan<char> span = topic;
        Span<Range> levels = stackalloc Range[6];
        var count = span.Split(levels, '/');
        if (count < 1 || !span[levels[0]].SequenceEqual(Prefix))
        {
            error = Lwm2mTopicError.WrongPrefix;
            return false;
        }
        if (count < 3 || count > 5)
        {
            error = Lwm2mTopicError.WrongLevelCount;
            return false;
        }
        error = ValidateEndpoint(span[levels[1]]);
        if (error != Lwm2mTopicError.None)
        {
            return false;
        }
        var fourth = count >= 4 ? span[levels[3]] : default;
        var isAck = count == 4 && fourth.SequenceEqual("ack");
        Lwm2mTopicKind kind;
        switch (span[levels[2]])
        {
            case "reg" when count == 3: kind = Lwm2mTopicKind.Register; break;
            case "reg" when isAck: kind = Lwm2mTopicKind.RegisterAck; break;
            case "update" when count == 3: kind = Lwm2mTopicKind.Update; break;
            case "update" when isAck: kind = Lwm2mTopicKind.UpdateAck; break;
            case "dereg" when count == 3: kind = Lwm2mTopicKind.Deregister; break;
            case "dereg" when isAck: kind = Lwm2mTopicKind.DeregisterAck; break;
            case "send" when count is 3 or 4: kind = Lwm2mTopicKind.Send; break;
            case "send" when count == 5 && span[levels[4]].SequenceEqual("ack"): kind = Lwm2mTopicKind.SendAck; break;
            case "resp" when count == 4: kind = Lwm2mTopicKind.Response; break;
            case "notify" when count == 4: kind = Lwm2mTopicKind.Notify; break;
            case "cmd" when count == 4: kind = Lwm2mTopicKind.Command; break;
            case "reg" or "update" or "dereg" or "send" or "resp" or "notify" or "cmd":
                error = Lwm2mTopicError.WrongLevelCount;
                return false;
            default:
                error = Lwm2mTopicError.UnknownKind;
                return false;
        }
        string? id = null;
        if (IdRuleOf(kind) != IdRule.None && count >= 4)
        {
            if (ValidateEndpoint(fourth) != Lwm2mTopicError.None)
            {
                error = Lwm2mTopicError.InvalidId;
                return false;
            }
            id = topic[levels[3]];
        }
        result = new Lwm2mTopic(topic[levels[1]], kind, id);
        error = Lwm2mTopicError.None;
        return true;
    }

    public override string ToString() => Kind switch
    {
        Lwm2mTopicKind.Register => $"{Prefix}/{Endpoint}/reg",
        Lwm2mTopicKind.Update => $"{Prefix}/{Endpoint}/update",
        Lwm2mTopicKind.Deregister => $"{Prefix}/{Endpoint}/dereg",
        Lwm2mTopicKind.Send => Id is null ? $"{Prefix}/{Endpoint}/send" : $"{Prefix}/{Endpoint}/send/{Id}",
        Lwm2mTopicKind.Response => $"{Prefix}/{Endpoint}/resp/{Id}",
        Lwm2mTopicKind.Notify => $"{Prefix}/{Endpoint}/notify/{Id}",
        Lwm2mTopicKind.Command => $"{Prefix}/{Endpoint}/cmd/{Id}",
        Lwm2mTopicKind.RegisterAck => $"{Prefix}/{Endpoint}/reg/ack",
        Lwm2mTopicKind.UpdateAck => $"{Prefix}/{Endpoint}/update/ack",
        Lwm2mTopicKind.DeregisterAck => $"{Prefix}/{Endpoint}/dereg/ack",
        Lwm2mTopicKind.SendAck => $"{Prefix}/{Endpoint}/send/{Id}/ack",
        _ => throw new InvalidOperationException($"Unknown topic kind {Kind}."),
    };
}
