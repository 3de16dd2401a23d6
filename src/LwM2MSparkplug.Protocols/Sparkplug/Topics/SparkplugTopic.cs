namespace LwM2MSparkplug.Protocols.Sparkplug.Topics;

/// <summary>
/// A Sparkplug B topic: <c>spBv1.0/{group}/{type}/{edge}[/{device}]</c>, or
/// <c>spBv1.0/STATE/{hostId}</c> for host application state (Sparkplug 3.0 §4.1).
/// </summary>
/// <remarks>
/// For <see cref="SparkplugMessageType.State"/> the host id is carried in <see cref="EdgeNodeId"/>
/// and <see cref="GroupId"/> is empty. Ids never contain <c>+</c>, <c>/</c> or <c>#</c>.
/// </remarks>
public readonly record struct SparkplugTopic
{
    public const string Namespace = "spBv1.0";
    const string StateLevel = "STATE";

    SparkplugTopic(string groupId, SparkplugMessageType messageType, string edgeNodeId, string? deviceId)
    {
        GroupId = groupId;
        MessageType = messageType;
        EdgeNodeId = edgeNodeId;
        DeviceId = deviceId;
    }

    public string GroupId { get; }
    public SparkplugMessageType MessageType { get; }
    /// <summary>The edge node id, or the host id of a STATE topic.</summary>
    public string EdgeNodeId { get; }
    /// <summary>The device id of DBIRTH, DDEATH, DDATA and DCMD; null otherwise.</summary>
    public string? DeviceId { get; }

    public bool IsDeviceMessage => DeviceId is not null;
    public string HostId => MessageType == SparkplugMessageType.State ? EdgeNodeId : throw new InvalidOperationException("Only a STATE topic has a host id.");

    public static SparkplugTopic ForNode(string groupId, SparkplugMessageType messageType, string edgeNodeId)
    {
        if (messageType is SparkplugMessageType.State || IsDeviceType(messageType))
        {
            throw new ArgumentException($"{messageType} is not an edge node message type.", nameof(messageType));
        }
        ThrowIfInvalidId(groupId, nameof(groupId));
        ThrowIfInvalidId(edgeNodeId, nameof(edgeNodeId));
        return new SparkplugTopic(groupId, messageType, edgeNodeId, null);
    }

    public static SparkplugTopic ForDevice(string groupId, SparkplugMessageType messageType, string edgeNodeId, string deviceId)
    {
        if (!IsDeviceType(messageType))
        {
            throw new ArgumentException($"{messageType} is not a device message type.", nameof(messageType));
        }
        ThrowIfInvalidId(groupId, nameof(groupId));
        ThrowIfInvalidId(edgeNodeId, nameof(edgeNodeId));
        ThrowIfInvalidId(deviceId, nameof(deviceId));
        return new SparkplugTopic(groupId, messageType, edgeNodeId, deviceId);
    }

    public static SparkplugTopic ForState(string hostId)
    {
        ThrowIfInvalidId(hostId, nameof(hostId));
        return new SparkplugTopic(string.Empty, SparkplugMessageType.State, hostId, null);
    }

    public static bool IsDeviceType(SparkplugMessageType type) =>
        type is SparkplugMessageType.DBirth or SparkplugMessageType.DDeath or SparkplugMessageType.DData or SparkplugMessageType.DCmd;

    /// <summary>Checks one id level: non-empty, no MQTT wildcard or separator.</summary>
    public static SparkplugTopicError ValidateId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            return SparkplugTopicError.EmptyId;
        }
        return id.IndexOfAny('+', '/', '#') >= 0 ? SparkplugTopicError.InvalidCharacterInId : SparkplugTopicError.None;
    }

    public static bool TryParse(string topic, out SparkplugTopic result) => TryParse(topic, out result, out _);

    public static bool TryParse(string topic, out SparkplugTopic result, out SparkplugTopicError error)
    {
        ArgumentNullException.ThrowIfNull(topic);
        result = default;
        ReadOnlySpan<char> span = topic;
        Span<Range> levels = stackalloc Range[6];
        var count = span.Split(levels, '/');
        if (count < 1 || !span[levels[0]].SequenceEqual(Namespace))
        {
            error = SparkplugTopicError.WrongNamespace;
            return false;
        }
        if (count < 3 || count > 5)
        {
            error = SparkplugTopicError.WrongLevelCount;
            return false;
        }

        if (span[levels[1]].SequenceEqual(StateLevel))
        {
            if (count != 3)
            {
                error = SparkplugTopicError.WrongLevelCount;
                return false;
            }
            error = ValidateId(span[levels[2]]);
            if (error != SparkplugTopicError.None)
            {
                return false;
            }
            result = new SparkplugTopic(string.Empty, SparkplugMessageType.State, topic[levels[2]], null);
            return true;
        }

        if (count < 4)
        {
            error = SparkplugTopicError.WrongLevelCount;
            return false;
        }
        if (!TryParseMessageType(span[levels[2]], out var type) || type == SparkplugMessageType.State)
        {
            error = SparkplugTopicError.UnknownMessageType;
            return false;
        }
        var expectedCount = IsDeviceType(type) ? 5 : 4;
        if (count != expectedCount)
        {
            error = SparkplugTopicError.WrongLevelCount;
            return false;
        }
        for (var i = 1; i < count; i++)
        {
            if (i == 2)
            {
                continue;
            }
            error = ValidateId(span[levels[i]]);
            if (error != SparkplugTopicError.None)
            {
                return false;
            }
        }

        result = new SparkplugTopic(
            topic[levels[1]],
            type,
            topic[levels[3]],
            count == 5 ? topic[levels[4]] : null);
        error = SparkplugTopicError.None;
        return true;
    }

    public static bool TryParseMessageType(ReadOnlySpan<char> level, out SparkplugMessageType type)
    {
        switch (level)
        {
            case "NBIRTH": type = SparkplugMessageType.NBirth; return true;
            case "NDEATH": type = SparkplugMessageType.NDeath; return true;
            case "DBIRTH": type = SparkplugMessageType.DBirth; return true;
            case "DDEATH": type = SparkplugMessageType.DDeath; return true;
            case "NDATA": type = SparkplugMessageType.NData; return true;
            case "DDATA": type = SparkplugMessageType.DData; return true;
            case "NCMD": type = SparkplugMessageType.NCmd; return true;
            case "DCMD": type = SparkplugMessageType.DCmd; return true;
            case "STATE": type = SparkplugMessageType.State; return true;
            default: type = default; return false;
        }
    }

    /// <summary>The topic level text of a message type, e.g. <c>NBIRTH</c>.</summary>
    public static string ToLevel(SparkplugMessageType type) => type switch
    {
        SparkplugMessageType.NBirth => "NBIRTH",
        SparkplugMessageType.NDeath => "NDEATH",
        SparkplugMessageType.DBirth => "DBIRTH",
        SparkplugMessageType.DDeath => "DDEATH",
        SparkplugMessageType.NData => "NDATA",
        SparkplugMessageType.DData => "DDATA",
        SparkplugMessageType.NCmd => "NCMD",
        SparkplugMessageType.DCmd => "DCMD",
        SparkplugMessageType.State => "STATE",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public override string ToString() => MessageType switch
    {
        SparkplugMessageType.State => $"{Namespace}/{StateLevel}/{EdgeNodeId}",
        _ when DeviceId is null => $"{Namespace}/{GroupId}/{ToLevel(MessageType)}/{EdgeNodeId}",
        _ => $"{Namespace}/{GroupId}/{ToLevel(MessageType)}/{EdgeNodeId}/{DeviceId}",
    };

    static void ThrowIfInvalidId(string id, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(id, parameterName);
        var error = ValidateId(id);
        if (error != SparkplugTopicError.None)
        {
            throw new ArgumentException($"Sparkplug id '{id}' is invalid: {error}. Ids must be non-empty and must not contain '+', '/' or '#'.", parameterName);
        }
    }
}
