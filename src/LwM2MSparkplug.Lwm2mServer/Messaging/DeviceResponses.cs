using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// Hands a device's answer, of either dialect, to the request waiting for it: only the device the request went to may
/// answer it, and an unusable answer fails the request at once instead of leaving it to time out.
/// </summary>
public sealed class DeviceResponses(PendingRequests pending, Lwm2mServerMetrics metrics, ILogger<DeviceResponses> logger)
{
    /// <summary>The operation of the request <paramref name="requestId"/> waiting for <paramref name="endpoint"/>; false (counted) when none does.</summary>
    public bool TryMatch(string topic, string endpoint, string requestId, out Lwm2mOperation operation)
    {
        switch (pending.TryMatch(endpoint, requestId, out operation))
        {
            case PendingMatch.Unknown:
                metrics.UnmatchedResponses.Inc();
                Log.UnmatchedResponse(logger, topic);
                return false;
            case PendingMatch.OtherEndpoint:
                Reject(topic, "response_endpoint_mismatch", $"request '{requestId}' was not sent to '{endpoint}'");
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// Completes the request with the device's response, or fails it with why the answer was unusable (counted as
    /// <paramref name="invalidReason"/>): none, or a success code other than the dialect's <paramref name="success"/>.
    /// </summary>
    public void Complete(string topic, string requestId, Lwm2mOperation operation, Lwm2mResultCode success, Lwm2mResponse? response, string invalidReason, string invalidDetail)
    {
        DeviceAnswer answer;
        if (response is null)
        {
            Reject(topic, invalidReason, invalidDetail);
            answer = DeviceAnswer.NotAResponse(invalidDetail);
        }
        else if (response.Code is { IsSuccess: true } code && code != success)
        {
            var detail = $"{operation.ToWire()} succeeds with {success}, not {code}";
            Reject(topic, "unexpected_result_code", detail);
            answer = DeviceAnswer.NotAResponse(detail);
        }
        else
        {
            answer = DeviceAnswer.Of(response);
        }
        // One already counted as invalid is not counted again when the request timed out in between.
        if (!pending.TryComplete(requestId, answer) && answer.Invalid is null)
        {
            metrics.UnmatchedResponses.Inc();
            Log.UnmatchedResponse(logger, topic);
        }
    }

    void Reject(string topic, string reason, string detail)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason, detail);
    }
}
