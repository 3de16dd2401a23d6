using LwM2MSparkplug.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.Testing;

/// <summary>One service as it runs alone: its own web application on a free port, configured in memory.</summary>
public sealed class TestService : IAsyncDisposable
{
    TestService(WebApplication app)
    {
        App = app;
        Http = new HttpClient { BaseAddress = new Uri($"http://localhost:{new Uri(app.Urls.First()).Port}/") };
    }

    public WebApplication App { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;

    public static async Task<TestService> StartAsync(
        string serviceName,
        IDictionary<string, string?> configuration,
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddServiceDefaults(serviceName, defaultHttpPort: 0);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(configuration)
        {
            ["Http:Port"] = "0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        add(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestService(app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
