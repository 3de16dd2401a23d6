using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// Reads one JSON answer of another service of the stack (snake_case, as they all write), and never throws for that
/// service's sake: down, slow, a status not accepted, or an answer that does not read as expected is a
/// <see cref="ServiceRead{T}"/> that says so, naming the setting to check.
/// </summary>
public static class ServiceJsonReader
{
    static readonly JsonSerializerOptions ServiceJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="http">A client whose base address and timeout are the service's.</param>
    /// <param name="path">The path under the base address, e.g. <c>api/summary</c>.</param>
    /// <param name="accept">Whether the status is one whose body is read (a health answer reads 503 too).</param>
    /// <param name="valid">Whether the answer read is the one expected, beyond being JSON.</param>
    /// <param name="what">What the answer should be, for the error text, e.g. "the Sparkplug host's summary".</param>
    /// <param name="setting">The setting naming the service's URL, for the error text, e.g. SPARKPLUG_HOST_URL.</param>
    /// <param name="time">The clock for the read's <c>AsOf</c>, taken once the read ended.</param>
    /// <param name="cancellationToken">Stops the read when the caller leaves (the server stops).</param>
    public static async Task<ServiceRead<T>> GetAsync<T>(
        HttpClient http, string path, Func<HttpStatusCode, bool> accept, Func<T, bool> valid, string what, string setting, TimeProvider time, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(time);
        var url = new Uri(http.BaseAddress!, path);
        ServiceRead<T> Failed(ServiceReadFailure failure, string error) => new(url, null, failure, error, time.GetUtcNow());
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!accept(response.StatusCode))
            {
                return Failed(ServiceReadFailure.HttpStatus, $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}; is {setting} {what}?");
            }
            var value = await response.Content.ReadFromJsonAsync<T>(ServiceJson, cancellationToken);
            return value is not null && valid(value)
                ? new ServiceRead<T>(url, value, ServiceReadFailure.None, null, time.GetUtcNow())
                : Failed(ServiceReadFailure.InvalidAnswer, $"GET {url} did not answer {what}; is {setting} right?");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(ServiceReadFailure.Timeout, $"GET {url} did not answer within {http.Timeout.TotalSeconds:0.###} s. Check {setting} and that the service is not overloaded.");
        }
        catch (HttpRequestException exception)
        {
            return Failed(ServiceReadFailure.Unreachable, $"GET {url} failed: {exception.Message} Check {setting} and that the service runs.");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return Failed(ServiceReadFailure.InvalidAnswer, $"GET {url} did not answer {what} ({exception.Message}); is {setting} right?");
        }
    }
}
