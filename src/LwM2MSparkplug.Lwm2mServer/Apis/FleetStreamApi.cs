using System.Net.WebSockets;
using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// <c>/ws/fleet</c>: a page of the fleet (the query of <c>GET /api/fleet</c>) pushed over a WebSocket, recomputed every
/// <c>LWM2M_FLEET_STREAM_INTERVAL_SECONDS</c> and sent only when it changed. A browser follows thousands of devices
/// with one small message a second at most, however many events they make; subscribers share one join of the fleet
/// per interval (<see cref="SharedFleet"/>), and its Sparkplug side comes through the shared host cache.
/// </summary>
public static class FleetStreamApi
{
    public static IEndpointRouteBuilder MapFleetStream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/ws/fleet", StreamFleet)
            .WithName("FleetWebSocket")
            .WithTags("Fleet")
            .WithSummary("WebSocket: the /api/fleet page of the same query (?offset=&limit=&sort=&filter=&protocol=&state=) as a text message, recomputed every LWM2M_FLEET_STREAM_INTERVAL_SECONDS and sent when it changed. At most LWM2M_FLEET_STREAM_MAX subscribers (429 beyond).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status426UpgradeRequired)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    public static async Task StreamFleet(
        HttpContext context,
        [AsParameters] FleetServices services,
        FleetStreamSlots slots,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        int? offset = null,
        int? limit = null,
        string? sort = null,
        string? filter = null,
        string? protocol = null,
        string? state = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(json);
        var settings = services.Options.Value;
        if (!FleetQuery.TryCreate(offset, limit, sort, filter, protocol, state, settings.FleetPageSize, settings.FleetMaxPageSize, out var query, out var error))
        {
            await Problems.BadRequest(error!).ExecuteAsync(context);
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.WriteUpgradeRequiredAsync(context, "/ws/fleet", "/api/fleet");
            return;
        }
        if (!slots.TryTake())
        {
            services.Metrics.LimitRefusals.WithLabels("max_fleet_streams").Inc();
            await TypedResults.Problem(
                $"{settings.FleetStreamMax} fleet streams are open, the most allowed (Lwm2mServer:FleetStreamMax, LWM2M_FLEET_STREAM_MAX). Close one, poll /api/fleet instead, or raise the limit.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many fleet streams").ExecuteAsync(context);
            return;
        }
        services.Metrics.FleetStreams.Inc();
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await PushAsync(socket, services, query, json.Value.SerializerOptions, settings.FleetStreamInterval, context.RequestAborted);
        }
        finally
        {
            services.Metrics.FleetStreams.Dec();
            slots.Release();
        }
    }

    static async Task PushAsync(WebSocket socket, FleetServices services, FleetQuery query, JsonSerializerOptions options, TimeSpan interval, CancellationToken aborted)
    {
        // The client sends nothing; reading is how its close (or a dead connection) is noticed between pushes.
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var reading = DrainAsync(socket, closed);
        byte[]? sent = null;
        try
        {
            using var timer = new PeriodicTimer(interval, services.Time);
            do
            {
                var fleet = await services.Fleet.GetRecentAsync(closed.Token);
                var page = JsonSerializer.SerializeToUtf8Bytes(query.Apply(fleet.Devices, fleet.Source), options);
                if (sent is null || !page.AsSpan().SequenceEqual(sent))
                {
                    await socket.SendAsync(page, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                    sent = page;
                }
            }
            while (await timer.WaitForNextTickAsync(closed.Token));
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The client went away mid-send: nothing to tell it.
        }
        await closed.CancelAsync();
        await reading;
        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }

    static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
        await closed.CancelAsync();
    }
}
