using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary>
/// A stand-in for the Sparkplug host: <c>GET /api/nodes</c> answers <see cref="NodesJson"/> (the host's shape) and
/// counts the requests.
/// </summary>
public sealed class FakeSparkplugHost : IAsyncDisposable
{
    readonly WebApplication _app;
    int _requests;

    FakeSparkplugHost(WebApplication app) => _app = app;

    public string NodesJson { get; set; } = "[]";
    public int Requests => Volatile.Read(ref _requests);
    public string Url => $"http://127.0.0.1:{new Uri(_app.Urls.First()).Port}";

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
        await app.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
