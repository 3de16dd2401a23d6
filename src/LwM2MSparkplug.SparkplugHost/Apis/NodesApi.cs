using System.Text.Json;
using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.SparkplugHost.Messaging;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Apis;

/// <summary>Edge nodes, devices and metrics (<c>/api/nodes</c>), rebirth requests and metric writes.</summary>
public static class NodesApi
{
    public static RouteGroupBuilder MapNodesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/nodes").WithTags("Nodes");
        group.MapGet("/", GetNodes).WithName("GetNodes").WithSummary("Lists edge nodes with their devices and last metric values.");
        group.MapGet("/{groupId}/{edgeNodeId}", GetNode).WithName("GetNode").WithSummary("Gets one edge node.");
        group.MapPost("/{groupId}/{edgeNodeId}/rebirth", RequestRebirth).WithName("RequestRebirth").WithSummary("Sends a rebirth NCMD (Node Control/Rebirth = true).");
        group.MapPost("/{groupId}/{edgeNodeId}/metrics/{**name}", WriteNodeMetric).WithName("WriteNodeMetric").WithSummary("Writes a node metric with an NCMD.");
        group.MapPost("/{groupId}/{edgeNodeId}/devices/{deviceId}/metrics/{**name}", WriteDeviceMetric).WithName("WriteDeviceMetric").WithSummary("Writes a device metric with a DCMD.");
        return group;
    }

    public static Ok<IReadOnlyList<NodeView>> GetNodes(EdgeNodeRegistry registry, SparkplugHostConnection host) =>
        TypedResults.Ok<IReadOnlyList<NodeView>>([.. registry.Snapshot().Select(node => node.AsSeenThrough(host.ConnectionFor(registry.ServerOf(node.GroupId, node.EdgeNodeId))))]);

    public static Results<Ok<NodeView>, ProblemHttpResult> GetNode(string groupId, string edgeNodeId, EdgeNodeRegistry registry, SparkplugHostConnection host) =>
        registry.Snapshot(groupId, edgeNodeId) is { } node ? TypedResults.Ok(node.AsSeenThrough(host.ConnectionFor(registry.ServerOf(groupId, edgeNodeId)))) : UnknownNode(groupId, edgeNodeId);

    public static async Task<Results<Accepted<CommandSent>, ProblemHttpResult>> RequestRebirth(
        string groupId, string edgeNodeId, SparkplugHostConnection connection, EdgeNodeRegistry registry, SparkplugHostMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        if (InvalidIds(groupId, edgeNodeId, null) is { } invalid)
        {
            return invalid;
        }
        var message = RebirthRequester.Create(groupId, edgeNodeId, time.GetUtcNow());
        if (await TryPublishAsync(connection, registry.ServerOf(groupId, edgeNodeId), message, cancellationToken) is { } failed)
        {
            return failed;
        }
        metrics.RebirthRequests.WithLabels("api").Inc();
        return TypedResults.Accepted((string?)null, new CommandSent(message.Topic, SparkplugCommands.NodeControlRebirth, null, "Boolean"));
    }

    public static Task<Results<Accepted<CommandSent>, ProblemHttpResult>> WriteNodeMetric(
        string groupId, string edgeNodeId, string name, HttpRequest request, [AsParameters] CommandServices services, CancellationToken cancellationToken) =>
        WriteMetricAsync(groupId, edgeNodeId, null, name, request, services, cancellationToken);

    public static Task<Results<Accepted<CommandSent>, ProblemHttpResult>> WriteDeviceMetric(
        string groupId, string edgeNodeId, string deviceId, string name, HttpRequest request, [AsParameters] CommandServices services, CancellationToken cancellationToken) =>
        WriteMetricAsync(groupId, edgeNodeId, deviceId, name, request, services, cancellationToken);

    static async Task<Results<Accepted<CommandSent>, ProblemHttpResult>> WriteMetricAsync(
        string groupId, string edgeNodeId, string? deviceId, string name, HttpRequest request, CommandServices services, CancellationToken cancellationToken)
    {
        if (InvalidIds(groupId, edgeNodeId, deviceId) is { } invalid)
        {
            return invalid;
        }
        var (write, unreadable) = await ReadWriteRequestAsync(request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        var lookup = services.Registry.Read(groupId, edgeNodeId, session => new Lookup(session.IsOnline, deviceId is null || session.Devices.TryGetValue(deviceId, out var d) && d.IsOnline,
            session.Directory.TryGetByName(deviceId, name, out var descriptor) ? descriptor : null));
        if (lookup is null)
        {
            return UnknownNode(groupId, edgeNodeId);
        }
        if (lookup.Descriptor is null)
        {
            var owner = deviceId is null ? $"edge node {groupId}/{edgeNodeId}" : $"device {deviceId} of {groupId}/{edgeNodeId}";
            return TypedResults.Problem($"The birth certificate of {owner} declares no metric named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown metric");
        }
        if (!lookup.NodeOnline || !lookup.DeviceOnline)
        {
            return TypedResults.Problem("The edge node or device is offline; a command would not be delivered.", statusCode: StatusCodes.Status409Conflict, title: "Offline");
        }
        if (!SparkplugJsonReader.TryReadValue(write!.Value, lookup.Descriptor.DataType, out var value, out var error))
        {
            // Whether a metric takes every value of its type (NaN, say) is the edge node's policy; the type is the host's.
            return TypedResults.Problem($"'value' of metric '{lookup.Descriptor.Name}' ({SparkplugJsonWriter.DataTypeName(lookup.Descriptor.DataType)}): {error}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid value");
        }
        var type = deviceId is null ? SparkplugMessageType.NCmd : SparkplugMessageType.DCmd;
        var topic = deviceId is null
            ? SparkplugTopic.ForNode(groupId, type, edgeNodeId)
            : SparkplugTopic.ForDevice(groupId, type, edgeNodeId, deviceId);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic.ToString())
            .WithPayload(SparkplugCommands.CreateWrite(services.Time.GetUtcNow(), lookup.Descriptor, value).ToByteArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        if (await TryPublishAsync(services.Connection, services.Registry.ServerOf(groupId, edgeNodeId), message, cancellationToken) is { } failed)
        {
            return failed;
        }
        services.Metrics.Commands.WithLabels(deviceId is null ? "ncmd" : "dcmd").Inc();
        return TypedResults.Accepted((string?)null, new CommandSent(message.Topic, lookup.Descriptor.Name, lookup.Descriptor.Alias, SparkplugJsonWriter.DataTypeName(lookup.Descriptor.DataType)));
    }

    /// <summary>
    /// Reads the body of a metric write itself rather than through parameter binding, so that every body that does not
    /// fit (not JSON, malformed, not an object, no <c>value</c>) is answered with a problem that says why.
    /// </summary>
    static async Task<(MetricWriteRequest? Write, ProblemHttpResult? Problem)> ReadWriteRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("The body must be JSON, sent with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, InvalidBody($"The body is not valid JSON: {exception.Message}"));
        }
        catch (BadHttpRequestException exception)
        {
            // The server refused to read the body (too large, cut off): its own status and reason.
            return (null, TypedResults.Problem(exception.Message, statusCode: exception.StatusCode, title: "Unreadable body"));
        }
        return MetricWriteRequest.TryRead(body, out var write, out var error) ? (write, null) : (null, InvalidBody(error));
    }

    static ProblemHttpResult InvalidBody(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid body");

    static async Task<ProblemHttpResult?> TryPublishAsync(SparkplugHostConnection connection, int? server, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await connection.PublishAsync(message, server, cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttClientNotConnectedException or InvalidOperationException)
        {
            return TypedResults.Problem("The host is not connected to the MQTT broker; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable");
        }
    }

    static ProblemHttpResult? InvalidIds(string groupId, string edgeNodeId, string? deviceId)
    {
        foreach (var (field, id) in new[] { ("groupId", groupId), ("edgeNodeId", edgeNodeId), ("deviceId", deviceId) })
        {
            if (id is not null && SparkplugTopic.ValidateId(id) != SparkplugTopicError.None)
            {
                return TypedResults.Problem($"'{field}' must not be empty or contain '+', '/' or '#'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid Sparkplug id");
            }
        }
        return null;
    }

    static ProblemHttpResult UnknownNode(string groupId, string edgeNodeId) =>
        TypedResults.Problem($"No edge node {groupId}/{edgeNodeId} has been seen.", statusCode: StatusCodes.Status404NotFound, title: "Unknown edge node");

    sealed record Lookup(bool NodeOnline, bool DeviceOnline, MetricDescriptor? Descriptor);
}
