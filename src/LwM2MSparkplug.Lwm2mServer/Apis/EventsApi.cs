using System.Buffers;
using System.Globalization;
using LwM2MSparkplug.Lwm2mServer.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>The LwM2M event log: <c>/api/events</c>, polled by Redpanda Connect.</summary>
public static class EventsApi
{
    /// <summary>The server-side cursor used when a poller names neither <c>after</c> nor <c>consumer</c>.</summary>
    public const string DefaultConsumer = "default";

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/events").WithTags("Events");
        group.MapGet("/", GetEvents)
            .WithName("GetEvents")
            .WithSummary("Returns a JSON array of events after a cursor: ?after=N, or a server-side cursor per ?consumer=NAME (default: 'default').");
        return group;
    }

    public static Results<EventArrayResult, ProblemHttpResult> GetEvents(
        EventBuffer buffer,
        IOptions<Lwm2mServerOptions> options,
        long? after = null,
        string? consumer = null,
        int? limit = null)
    {
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
        var count = limit ?? pageSize;
        EventPage page;
        if (after is { } cursor)
        {
            page = buffer.ReadAfter(cursor, count);
        }
        else if (!buffer.TryReadForConsumer(consumer ?? DefaultConsumer, count, out page))
        {
            return TypedResults.Problem($"At most {options.Value.MaxConsumers} consumers are tracked; reuse a consumer name or poll with ?after=N.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many consumers");
        }
        return new EventArrayResult(page);
    }
}

/// <summary>Writes an event page as a JSON array of the stored event documents, with cursor headers.</summary>
public sealed class EventArrayResult(EventPage page) : IResult
{
    public EventPage Page => page;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "application/json";
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
