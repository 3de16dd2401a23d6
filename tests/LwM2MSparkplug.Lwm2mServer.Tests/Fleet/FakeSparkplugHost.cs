using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary>
/// A stand-in for the Sparkplug host: <c>GET /api/nodes</c> answers <see cref="NodesJson"/> (the host's shape) and
/// <c>GET /api/nodes/{groupId}/{edgeNodeId}</c> the node of it with those ids (else the host's 404 problem), counting the
/// requests of each; every <c>POST /api/nodes/…</c> is recorded in <see cref="Commands"/> and answered
/// <see cref="CommandStatus"/> with <see cref="CommandAnswer"/>, after <see cref="CommandDelay"/>.
/// </summary>
public sealed class FakeSparkplugHost : IAsyncDisposable
{
    readonly WebApplication _app;
    int _requests;
    int _nodeRequests;

    FakeSparkplugHost(WebApplication app) => _app = app;

    public string NodesJson { get; set; } = "[]";
    public int Requests => Volatile.Read(ref _requests);
    public int NodeRequests => Volatile.Read(ref _nodeRequests);
    public string Url => $"http://127.0.0.1:{new Uri(_app.Urls.First()).Port}";

    const string Accepted = """{"topic":"spBv1.0/plant/NCMD/both-1","metric_name":"Node Control/Rebirth","alias":null,"datatype":"Boolean"}""";

    public int CommandStatus { get; set; } = StatusCodes.Status202Accepted;
    public string CommandContentType { get; set; } = "application/json";
    public string CommandAnswer { get; set; } = Accepted;
    public TimeSpan CommandDelay { get; set; }

    /// <summary>Back to answering every command at once with the host's 202.</summary>
    public void AcceptCommands()
    {
        CommandStatus = StatusCodes.Status202Accepted;
        CommandContentType = "application/json";
        CommandAnswer = Accepted;
        CommandDelay = TimeSpan.Zero;
    }
    public System.Collections.Concurrent.ConcurrentQueue<ReceivedCommand> Commands { get; } = new();

    public static async Task<FakeSparkplugHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var host = new FakeSparkplugHost(app);
        app.MapGet("/api/nodes", () =>
        {
            Interlocked.Increment(ref host._requests);
            return Results.Text(host.NodesJson, "application/json");
        });
        app.MapGet("/api/nodes/{groupId}/{edgeNodeId}", (string groupId, string edgeNodeId) =>
        {
            Interlocked.Increment(ref host._nodeRequests);
            var node = JsonDocument.Parse(host.NodesJson).RootElement.EnumerateArray()
                .Where(n => n.GetProperty("group_id").GetString() == groupId && n.GetProperty("edge_node_id").GetString() == edgeNodeId)
                .Select(n => n.GetRawText())
                .FirstOrDefault();
            return node is null
                ? Results.Problem($"No edge node {groupId}/{edgeNodeId} has been seen.", statusCode: StatusCodes.Status404NotFound, title: "Unknown edge node")
                : Results.Text(node, "application/json");
        });
        app.MapPost("/api/nodes/{**rest}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            host.Commands.Enqueue(new ReceivedCommand(request.Path.Value!, request.ContentType, await reader.ReadToEndAsync(), request.Headers.Authorization.ToString()));
            await Task.Delay(host.CommandDelay, request.HttpContext.RequestAborted);
            return Results.Text(host.CommandAnswer, host.CommandContentType, statusCode: host.CommandStatus);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>A command as the host received it.</summary>
    public sealed record ReceivedCommand(string Path, string? ContentType, string Body, string Authorization);
}
