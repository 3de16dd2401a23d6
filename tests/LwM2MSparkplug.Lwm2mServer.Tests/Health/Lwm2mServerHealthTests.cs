using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Health;

public sealed class Lwm2mServerHealthTests
{
    [Fact]
    public async Task EvictionAlone_IsHealthy_ButAPollerThatMissedEvents_IsDegraded()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["Lwm2mServer:EventBufferCapacity"] = "10";
        builder.AddServiceDefaults(Lwm2mServerExtensions.ServiceName, Lwm2mServerExtensions.DefaultHttpPort);
        builder.AddLwm2mServer();
        await using var app = builder.Build();
        var events = app.Services.GetRequiredService<EventBuffer>();
        var health = app.Services.GetRequiredService<HealthCheckService>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Name == "loss_and_lag", ct)).Status);

        for (var i = 0; i < 25; i++)
        {
            events.Append("send", "dev-1", DateTimeOffset.UnixEpoch, null);
        }
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Name == "loss_and_lag", ct)).Status);

        Assert.True(events.ReadAfter(1, 5).Missed > 0);
        var report = await health.CheckHealthAsync(r => r.Name == "loss_and_lag", ct);

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("lwm2m_events_missed_total", report.Entries["loss_and_lag"].Description, StringComparison.Ordinal);
    }
}
