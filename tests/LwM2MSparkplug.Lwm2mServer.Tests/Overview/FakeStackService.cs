using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Overview;

/// <summary>
/// A stand-in for another service of the stack (the Sparkplug host, the Kafka bridge): each GET path answers what
/// <see cref="Answer"/> says for it (status, body, delay), and the requests per path are counted.
/// </summary>
public sealed class FakeStackService : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, FakeAnswer> _answers = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    FakeStackService(WebApplication app) => _app = app;

    public string Url => $"http://127.0.0.1:{new Uri(_app.Urls.First()).Port}";

    public void Answer(string path, string json, int status = StatusCodes.Status200OK, TimeSpan delay = default) => _answers[path] = new FakeAnswer(status, json, delay);

    public int Requests(string path) => _requests.GetValueOrDefault(path);

    public static async Task<FakeStackService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var service = new FakeStackService(app);
        app.MapGet("/{**path}", async (HttpContext context, string path) =>
        {
            path = "/" + path;
            service._requests.AddOrUpdate(path, 1, (_, count) => count + 1);
            if (!service._answers.TryGetValue(path, out var answer))
            {
                return Results.NotFound();
            }
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            return Results.Text(answer.Json, "application/json", statusCode: answer.Status);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    sealed record FakeAnswer(int Status, string Json, TimeSpan Delay);
}
