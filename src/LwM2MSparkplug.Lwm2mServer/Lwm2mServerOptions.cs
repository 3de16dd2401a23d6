using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer;

/// <summary>LwM2M server settings. Section <c>Lwm2mServer</c>.</summary>
public sealed class Lwm2mServerOptions
{
    public const string SectionName = "Lwm2mServer";

    /// <summary>MQTT client id of the server's connection.</summary>
    public string ClientId { get; set; } = "lwm2m-server";

    /// <summary>
    /// Events kept for <c>/api/events</c>. A poller that falls further behind than this loses the oldest ones
    /// (counted in <c>lwm2m_events_missed_total</c>). Raise it when many devices send updates quickly.
    /// </summary>
    public int EventBufferCapacity { get; set; } = 10_000;

    /// <summary>Most events returned by one <c>/api/events</c> call.</summary>
    public int EventPageSize { get; set; } = 1_000;

    /// <summary>Named server-side cursors kept for <c>?consumer=</c> pollers.</summary>
    public int MaxConsumers { get; set; } = 64;

    /// <summary>How often registrations are checked for an expired lifetime.</summary>
    public double ExpiryCheckIntervalSeconds { get; set; } = 1;

    /// <summary>Larger LwM2M payloads are rejected unread.</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>How long a REST operation waits for the device's answer before it reports 504.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    public TimeSpan ExpiryCheckInterval => TimeSpan.FromSeconds(ExpiryCheckIntervalSeconds);
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public sealed class Validator : IValidateOptions<Lwm2mServerOptions>
    {
        public ValidateOptionsResult Validate(string? name, Lwm2mServerOptions options)
        {
            var problems = new ConfigurationProblems();
            problems.RequireNotEmpty("Lwm2mServer:ClientId", options.ClientId, "set LWM2M_SERVER_CLIENT_ID to a unique MQTT client id.");
            problems.RequireRange("Lwm2mServer:EventBufferCapacity", options.EventBufferCapacity, 1, 10_000_000);
            problems.RequireRange("Lwm2mServer:EventPageSize", options.EventPageSize, 1, 100_000);
            problems.RequireRange("Lwm2mServer:MaxConsumers", options.MaxConsumers, 1, 10_000);
            problems.RequirePositive("Lwm2mServer:ExpiryCheckIntervalSeconds", options.ExpiryCheckIntervalSeconds);
            problems.RequireRange("Lwm2mServer:MaxPayloadBytes", options.MaxPayloadBytes, 64, 16 * 1024 * 1024);
            problems.RequirePositive("Lwm2mServer:RequestTimeoutSeconds", options.RequestTimeoutSeconds);
            return problems.ToResult();
        }
    }
}
