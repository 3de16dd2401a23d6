using LwM2MSparkplug.Protocols;
using System.Text.Json;
using System.Buffers;
using System.Globalization;
using LwM2MSparkplug.Lwm2mServer.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The LwM2M event log: <c>/api/events</c>, polled by Redpanda Connect, and its streams. Every answer names the log
/// (<c>X-Event-Log</c>, and <c>log</c> in every event); a cursor from another log, or past the last event, is a 409
/// problem saying where the log stands, since sequence numbers begin again when the server restarts.
/// </summary>
public static class EventsApi
{
    /// <summary>The server-side cursor used when a poller names neither <c>after</c> nor <c>consumer</c>.</summary>
    public const string DefaultConsumer = "default";

    /// <summary>The response header naming the event log the answer comes from.</summary>
    public const string LogHeader = "X-Event-Log";

    static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/events").WithTags("Events");
        group.MapGet("/", GetEvents)
            .WithName("GetEvents")
            .WithSummary("Returns a JSON array of events after a cursor: ?after=N (with ?log=ID, the X-Event-Log it came from), or a server-side cursor per ?consumer=NAME (default: 'default'); with &ack=true the consumer acknowledges what it wrote (POST /api/events/ack) and gets again what it did not acknowledge in time: at least once.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/ack", AcknowledgeEvents)
            .WithName("AcknowledgeEvents")
            .WithSummary("An acknowledging consumer (GET ?consumer=NAME&ack=true) says it has written events: the body is an event as /api/events gave it, or an array of them (only 'log' and 'sequence' are read; the highest counts). Events not acknowledged within LWM2M_EVENTS_ACK_TIMEOUT_SECONDS are handed out again. An acknowledgement for another run of the server (its log) changes nothing and says so with result 'other_log'.")
            .Accepts<JsonElement>("application/json")
            .Produces<EventAcknowledgementView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/stream", StreamEvents)
            .WithName("StreamEvents")
            .WithSummary("Newline-delimited JSON events, as they happen, on a long-lived response: from ?after=N (&log=ID), a ?consumer=NAME cursor, or now; ?endpoint=NAME keeps one device's. An events_missed record marks events lost to overflow.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.Map("/ws/events", StreamEventsOverWebSocket)
            .WithName("EventsWebSocket")
            .WithTags("Events")
            .WithSummary("WebSocket: one text message per event, from ?after=N (&log=ID) or now; ?endpoint=NAME keeps one device's. An events_missed message marks events lost to overflow.");
        return group;
    }

    /// <summary>
    /// NDJSON for Redpanda Connect's http_client stream mode: one event per line, flushed as they come. With
    /// <paramref name="endpoint"/>, only that device's events (and every events_missed record, which may hide some).
    /// </summary>
    public static async Task StreamEvents(
        HttpContext context, EventBuffer buffer, IOptions<Lwm2mServerOptions> options, long? after = null, string? consumer = null, string? log = null, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (InvalidEndpointFilter(endpoint) is { } invalid)
        {
            await invalid.ExecuteAsync(context);
            return;
        }
        if (CheckCursor(buffer, log, after) is { } stale)
        {
            await stale.ExecuteAsync(context);
            return;
        }
        var aborted = context.RequestAborted;
        context.Response.ContentType = "application/x-ndjson";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers[LogHeader] = buffer.Log;
        await context.Response.Body.FlushAsync(aborted);
        var cursor = after ?? buffer.LastSequence;
        var pageSize = options.Value.EventPageSize;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                EventPage page;
                if (consumer is not null)
                {
                    if (!buffer.TryReadForConsumer(consumer, pageSize, out page))
                    {
                        return;
                    }
                }
                else
                {
                    page = buffer.ReadAfter(cursor, pageSize);
                }
                if (page.Missed > 0)
                {
                    await context.Response.Body.WriteAsync(EventsMissedRecord.ToJson(page), aborted);
                    await context.Response.Body.WriteAsync(NewLine, aborted);
                }
                foreach (var item in page.Events)
                {
                    cursor = item.Sequence;
                    if (!Matches(item, endpoint))
                    {
                        continue;
                    }
                    await context.Response.Body.WriteAsync(item.Json, aborted);
                    await context.Response.Body.WriteAsync(NewLine, aborted);
                }
                if (page.Events.Count > 0)
                {
                    await context.Response.Body.FlushAsync(aborted);
                    continue;
                }
                await buffer.WaitForEventAfterAsync(consumer is null ? cursor : page.LastSequence, aborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Pushes every event (with <paramref name="endpoint"/>, that device's) to a WebSocket client as a text message.</summary>
    public static async Task StreamEventsOverWebSocket(
        HttpContext context, EventBuffer buffer, IOptions<Lwm2mServerOptions> options, long? after = null, string? log = null, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (InvalidEndpointFilter(endpoint) is { } invalid)
        {
            await invalid.ExecuteAsync(context);
            return;
        }
        if (CheckCursor(buffer, log, after) is { } stale)
        {
            await stale.ExecuteAsync(context);
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.WriteUpgradeRequiredAsync(context, "/ws/events", "/api/events/stream");
            return;
        }
        context.Response.Headers[LogHeader] = buffer.Log;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var aborted = context.RequestAborted;
        var cursor = after ?? buffer.LastSequence;
        try
        {
            while (socket.State == System.Net.WebSockets.WebSocketState.Open && !aborted.IsCancellationRequested)
            {
                var page = buffer.ReadAfter(cursor, options.Value.EventPageSize);
                if (page.Missed > 0)
                {
                    await socket.SendAsync(EventsMissedRecord.ToJson(page), System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, aborted);
                }
                foreach (var item in page.Events)
                {
                    cursor = item.Sequence;
                    if (Matches(item, endpoint))
                    {
                        await socket.SendAsync(item.Json, System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, aborted);
                    }
                }
                if (page.Events.Count == 0)
                {
                    await buffer.WaitForEventAfterAsync(cursor, aborted);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
        }
    }

    public static Results<EventArrayResult, ProblemHttpResult> GetEvents(
        EventBuffer buffer,
        IOptions<Lwm2mServerOptions> options,
        TimeProvider time,
        long? after = null,
        string? consumer = null,
        int? limit = null,
        string? log = null,
        bool? ack = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (ack == true && consumer is null)
        {
            return TypedResults.Problem("'ack=true' acknowledges for a named consumer: give ?consumer=NAME too.", statusCode: StatusCodes.Status400BadRequest, title: "Acknowledgement without a consumer");
        }
        var pageSize = options.Value.EventPageSize;
        if (limit is < 1 || limit > pageSize)
        {
            return TypedResults.Problem($"'limit' must be from 1 to {pageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }
        if (after is not null && consumer is not null)
        {
            return TypedResults.Problem("Give either 'after' (your own cursor) or 'consumer' (a server-side cursor), not both.", statusCode: StatusCodes.Status400BadRequest, title: "Conflicting cursors");
        }
        if (after is < 0)
        {
            return TypedResults.Problem("'after' must be 0 or a sequence number already seen.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid cursor");
        }
        if (CheckCursor(buffer, log, after) is { } stale)
        {
            return stale;
        }
        var count = limit ?? pageSize;
        EventPage page;
        if (after is { } cursor)
        {
            page = buffer.ReadAfter(cursor, count);
        }
        else if (!buffer.TryReadForConsumer(consumer ?? DefaultConsumer, count, out page, time.GetUtcNow(), ack == true ? options.Value.EventAckTimeout : null))
        {
            return TypedResults.Problem($"At most {options.Value.MaxConsumers} consumers are tracked; reuse a consumer name or poll with ?after=N.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many consumers");
        }
        return new EventArrayResult(page);
    }

    public static Results<Ok<EventAcknowledgementView>, ProblemHttpResult> AcknowledgeEvents(EventBuffer buffer, Lwm2mServerMetrics metrics, string consumer, JsonElement body)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(metrics);
        if (!EventAcknowledgementRequest.TryRead(body, out var request, out var error))
        {
            metrics.EventAcknowledgements.WithLabels("invalid").Inc();
            return Problems.BadRequest(error);
        }
        var result = buffer.Acknowledge(consumer, request.Log, request.Sequence);
        metrics.EventAcknowledgements.WithLabels(ReasonNames.Of(result)).Inc();
        var cursor = buffer.CursorOf(consumer);
        return result switch
        {
            EventAcknowledgement.UnknownConsumer => TypedResults.Problem(
                $"No consumer '{consumer}' has read from this event log ({buffer.Log}); read with ?consumer={consumer}&ack=true first.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown consumer"),
            EventAcknowledgement.NotDelivered => TypedResults.Problem(
                $"Sequence {request.Sequence} is beyond what '{consumer}' was handed ({cursor?.Delivered}); acknowledge only events you read.",
                statusCode: StatusCodes.Status409Conflict, title: "Not delivered"),
            _ => TypedResults.Ok(new EventAcknowledgementView(consumer, buffer.Log, ReasonNames.Of(result), cursor?.Committed, cursor?.Delivered)),
        };
    }

    static bool Matches(Lwm2mEvent item, string? endpoint) => endpoint is null || string.Equals(item.Endpoint, endpoint, StringComparison.Ordinal);

    static ProblemHttpResult? InvalidEndpointFilter(string? endpoint) => endpoint is null ? null : Problems.InvalidEndpoint(endpoint);

    static ProblemHttpResult? CheckCursor(EventBuffer buffer, string? log, long? after)
    {
        var position = buffer.Position;
        var error = position.Check(log, after);
        return error == EventCursorError.None ? null : Problems.CursorNotInLog(error, position, log, after);
    }
}

/// <summary>
/// Writes an event page as a JSON array of the stored event documents, with its headers: <c>X-Event-Log</c>,
/// <c>X-Last-Sequence</c>, and <c>X-Events-Missed</c> when events fell out of the buffer before this reader got them.
/// </summary>
public sealed class EventArrayResult(EventPage page) : IResult
{
    public EventPage Page => page;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "application/json";
        response.Headers[EventsApi.LogHeader] = page.Log;
        response.Headers["X-Last-Sequence"] = page.LastSequence.ToString(CultureInfo.InvariantCulture);
        if (page.Missed > 0)
        {
            response.Headers["X-Events-Missed"] = page.Missed.ToString(CultureInfo.InvariantCulture);
        }
        var body = response.BodyWriter;
        body.Write("["u8);
        for (var i = 0; i < page.Events.Count; i++)
        {
            if (i > 0)
            {
                body.Write(","u8);
            }
            body.Write(page.Events[i].Json.Span);
        }
        body.Write("]"u8);
        await body.FlushAsync(httpContext.RequestAborted);
    }
}
