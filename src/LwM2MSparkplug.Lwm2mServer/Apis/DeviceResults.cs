using System.Globalization;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// Maps a device's answer to HTTP: success to the given result, LwM2M error codes and unusable answers to problem
/// details; a request held for a sleeping device to 202, one the device's full queue refused to 429.
/// </summary>
public static class DeviceResults
{
    public static IResult ToHttp(DeviceResult result, Func<Lwm2mResponse, IResult> success)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(success);
        if (result.Queued is { } queued)
        {
            return TypedResults.Accepted((string?)null, QueuedRequestView.From(queued));
        }
        if (result.QueueFull is { } full)
        {
            return TypedResults.Problem(full, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests held for the device");
        }
        if (result.NotExpressible is { } notExpressible)
        {
            return TypedResults.Problem($"The request was not sent: {notExpressible}.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not expressible in the device's dialect");
        }
        if (result.InvalidAnswer is { } invalid)
        {
            return Problems.BadGateway($"The device's answer does not fit the LwM2M-over-MQTT contract: {invalid}");
        }
        if (result.Response is not { } response)
        {
            var seconds = result.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return result.NeverSent
                ? TypedResults.Problem($"The device is asleep (queue mode) and did not wake within {seconds} s; the request was not sent.", statusCode: StatusCodes.Status504GatewayTimeout, title: "Device did not wake")
                : TypedResults.Problem($"The device did not answer within {seconds} s.", statusCode: StatusCodes.Status504GatewayTimeout, title: "Device did not answer");
        }
        var code = response.Code!.Value;
        if (code.IsSuccess)
        {
            return success(response);
        }
        var status = (code.Class, code.Detail) switch
        {
            (4, 0) => StatusCodes.Status400BadRequest,
            (4, 1) or (4, 3) => StatusCodes.Status403Forbidden,
            (4, 4) => StatusCodes.Status404NotFound,
            (4, 5) => StatusCodes.Status405MethodNotAllowed,
            (4, 6) => StatusCodes.Status406NotAcceptable,
            (4, _) => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status502BadGateway,
        };
        return TypedResults.Problem(
            response.Error ?? $"The device answered {code}.",
            statusCode: status,
            title: $"Device answered {code}",
            extensions: new Dictionary<string, object?> { ["lwm2m_code"] = code.ToString() });
    }
}
