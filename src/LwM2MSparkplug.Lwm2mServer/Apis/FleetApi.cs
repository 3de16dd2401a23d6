using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// Every device with both protocols: <c>/api/fleet</c>, the LwM2M registry joined with the Sparkplug host's edge nodes
/// (read through <see cref="SparkplugNodeCache"/>, so callers never reach the host more than once per interval);
/// <c>/api/fleet/{endpoint}</c>, one device with the host's own view of its edge node, read fresh; and the Sparkplug
/// commands (rebirth, metric writes) relayed to the host, so a browser needs this server's origin alone.
/// </summary>
public static class FleetApi
{
    public static RouteGroupBuilder MapFleetApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/fleet").WithTags("Fleet");
        group.MapGet("/", GetFleet)
            .WithName("GetFleet")
            .WithSummary("Lists every device with its LwM2M registration and its Sparkplug edge node: ?offset=&limit= pages, ?sort=endpoint|lwm2m_state|sparkplug_online|last_update_at (- for descending), ?filter= (endpoint substring), ?protocol=lwm2m|sparkplug|both, ?state=registered|offline|deregistered|expired|unregistered (de-registered and expired devices stay listed, with left_at, for LWM2M_FLEET_RETENTION_SECONDS).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{endpoint}", GetFleetDevice)
            .WithName("GetFleetDevice")
            .WithSummary("Gets one device: the fields of its /api/fleet row, plus sparkplug_node, the Sparkplug host's view of the edge node with this id (metrics, devices), read fresh from the host, and sparkplug_source.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{endpoint}/sparkplug/rebirth", RequestRebirth)
            .WithName("RequestFleetDeviceRebirth")
            .WithSummary("Asks the device's edge node for a rebirth, through the Sparkplug host (its POST /api/nodes/{groupId}/{edgeNodeId}/rebirth); answers the host's 202 or problem as it came.")
            .Produces(StatusCodes.Status202Accepted, contentType: "application/json")
            .ProducesCommandProblems();
        group.MapPost("/{endpoint}/sparkplug/metrics/{**name}", WriteNodeMetric)
            .WithName("WriteFleetDeviceNodeMetric")
            .WithSummary("Writes a metric of the device's edge node (an NCMD), through the Sparkplug host; body {\"value\": …} as the host takes it. Answers the host's 202 or problem as it came.")
            .Accepts<MetricWriteBody>("application/json")
            .Produces(StatusCodes.Status202Accepted, contentType: "application/json")
            .ProducesCommandProblems();
        group.MapPost("/{endpoint}/sparkplug/devices/{deviceId}/metrics/{**name}", WriteDeviceMetric)
            .WithName("WriteFleetDeviceMetric")
            .WithSummary("Writes a metric of a Sparkplug device behind the device's edge node (a DCMD), through the Sparkplug host; body {\"value\": …} as the host takes it. Answers the host's 202 or problem as it came.")
            .Accepts<MetricWriteBody>("application/json")
            .Produces(StatusCodes.Status202Accepted, contentType: "application/json")
            .ProducesCommandProblems();
        return group;
    }

    public static async Task<Results<Ok<FleetPage>, ProblemHttpResult>> GetFleet(
        [AsParameters] FleetServices services,
        CancellationToken cancellationToken,
        int? offset = null,
        int? limit = null,
        string? sort = null,
        string? filter = null,
        string? protocol = null,
        string? state = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.Options.Value;
        if (!FleetQuery.TryCreate(offset, limit, sort, filter, protocol, state, settings.FleetPageSize, settings.FleetMaxPageSize, out var query, out var error))
        {
            return Problems.BadRequest(error!);
        }
        var fleet = await services.Fleet.JoinAsync(cancellationToken);
        return TypedResults.Ok(query.Apply(fleet.Devices, fleet.Source));
    }

    public static async Task<Results<Ok<FleetDeviceDetail>, ProblemHttpResult>> GetFleetDevice(string endpoint, [AsParameters] FleetServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (Problems.InvalidEndpoint(endpoint) is { } invalid)
        {
            return invalid;
        }
        var registered = services.Registrations.TryGet(endpoint, out var registration);
        var (group, source, _) = await GroupOfAsync(endpoint, services, cancellationToken);
        SparkplugNodeAnswer? answer = null;
        if (group is not null)
        {
            // One request for this node, not the shared list: a page polling one device sees its values change at once.
            answer = await services.Host.GetNodeAsync(group, endpoint, cancellationToken);
            CountFailure(services, answer.Failure);
            source = new SparkplugSource(answer.Url.ToString(), answer.Failure == SparkplugHostFailure.None, answer.Error, services.Time.GetUtcNow());
        }
        // A node the broker's births name (group known) but the host could not be asked about is known, only not shown.
        var gone = registered ? null : services.Gone.Find(endpoint);
        if (!registered && gone is null && answer?.Summary is null && (answer is null || answer.Failure == SparkplugHostFailure.None))
        {
            var hostSide = source.Reachable ? "nor does the Sparkplug host know an edge node with this id" : $"and the Sparkplug host could not be read ({source.Error})";
            return TypedResults.Problem($"No LwM2M client is registered with endpoint '{endpoint}', {hostSide}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown device");
        }
        var now = services.Time.GetUtcNow();
        var sparkplug = answer?.Summary is { } node ? FleetSparkplugSide.From(node) : null;
        var row = FleetMerge.Device(endpoint, registered ? registration : null, gone, sparkplug, now, services.Rates.PerMinute(endpoint, now));
        return TypedResults.Ok(new FleetDeviceDetail(row, answer?.Node, source));
    }

    public static Task<Results<SparkplugHostReplyResult, ProblemHttpResult>> RequestRebirth(
        string endpoint, HttpRequest request, [AsParameters] FleetServices services, CancellationToken cancellationToken) =>
        RelayAsync(endpoint, null, "rebirth", request, services, cancellationToken);

    public static Task<Results<SparkplugHostReplyResult, ProblemHttpResult>> WriteNodeMetric(
        string endpoint, string name, HttpRequest request, [AsParameters] FleetServices services, CancellationToken cancellationToken) =>
        RelayAsync(endpoint, null, "metrics/" + EscapeSegments(name), request, services, cancellationToken);

    public static Task<Results<SparkplugHostReplyResult, ProblemHttpResult>> WriteDeviceMetric(
        string endpoint, string deviceId, string name, HttpRequest request, [AsParameters] FleetServices services, CancellationToken cancellationToken) =>
        RelayAsync(endpoint, deviceId, $"devices/{Uri.EscapeDataString(deviceId)}/metrics/{EscapeSegments(name)}", request, services, cancellationToken);

    /// <summary>Sends the caller's command to the host for the device's edge node, and answers what the host answered.</summary>
    static async Task<Results<SparkplugHostReplyResult, ProblemHttpResult>> RelayAsync(
        string endpoint, string? deviceId, string command, HttpRequest request, FleetServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        if (Problems.InvalidEndpoint(endpoint) is { } invalid)
        {
            return invalid;
        }
        if (deviceId is not null && SparkplugTopic.ValidateId(deviceId) != SparkplugTopicError.None)
        {
            return Problems.BadRequest($"'deviceId' '{deviceId}' is not a Sparkplug device id: it must not be empty or contain '+', '/' or '#'.");
        }
        var (group, source, failure) = await GroupOfAsync(endpoint, services, cancellationToken);
        if (group is null)
        {
            return failure == SparkplugHostFailure.None
                ? TypedResults.Problem($"No Sparkplug edge node '{endpoint}' is known: the broker has shown this server no birth of it, and the Sparkplug host lists none.", statusCode: StatusCodes.Status404NotFound, title: "Unknown edge node")
                : HostProblem(source.Error!, failure == SparkplugHostFailure.Timeout);
        }
        ReadOnlyMemory<byte> body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
        catch (BadHttpRequestException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: exception.StatusCode, title: "Unreadable body");
        }
        var reply = await services.Host.PostAsync(
            $"api/nodes/{Uri.EscapeDataString(group)}/{Uri.EscapeDataString(endpoint)}/{command}", body, request.ContentType, cancellationToken);
        if (reply.Failure != SparkplugHostFailure.None)
        {
            CountFailure(services, reply.Failure);
            return HostProblem(reply.Error!, reply.Failure == SparkplugHostFailure.Timeout);
        }
        return new SparkplugHostReplyResult(reply);
    }

    /// <summary>
    /// The group of the edge node with id <paramref name="endpoint"/>: from the births this server sees on the broker,
    /// else from the host's node list (the shared, cached read); null when neither names it. The source and failure are
    /// that list's.
    /// </summary>
    static async Task<(string? Group, SparkplugSource Source, SparkplugHostFailure Failure)> GroupOfAsync(string endpoint, FleetServices services, CancellationToken cancellationToken)
    {
        var presence = services.Presence.Get(endpoint);
        var snapshot = presence is null ? await services.Sparkplug.GetAsync(cancellationToken) : services.Sparkplug.Last;
        // As /api/fleet does when ids repeat across groups: the online node, else the one heard from last.
        var listed = snapshot?.Nodes
            .Where(node => node.EdgeNodeId == endpoint)
            .OrderByDescending(node => node.Online)
            .ThenByDescending(node => node.LastMessageTime)
            .FirstOrDefault();
        var source = snapshot?.Source ?? new SparkplugSource(services.Options.Value.SparkplugHostUrl, true, null, services.Time.GetUtcNow());
        return (presence?.GroupId ?? listed?.GroupId, source, snapshot?.Failure ?? SparkplugHostFailure.None);
    }

    static ProblemHttpResult HostProblem(string detail, bool timedOut) => timedOut
        ? TypedResults.Problem(detail, statusCode: StatusCodes.Status504GatewayTimeout, title: "Sparkplug host timeout")
        : TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Sparkplug host unavailable");

    static void CountFailure(FleetServices services, SparkplugHostFailure failure)
    {
        if (failure != SparkplugHostFailure.None)
        {
            services.Metrics.SparkplugHostFailures.WithLabels(ReasonNames.Of(failure)).Inc();
        }
    }

    static string EscapeSegments(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);
}
