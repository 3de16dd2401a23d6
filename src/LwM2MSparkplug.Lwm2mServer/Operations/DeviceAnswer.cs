using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// What arrived on a request's response topic: the device's <see cref="Response"/>, or, when the message does not fit
/// the contract (unreadable, or a success code the operation does not have), why in <see cref="Invalid"/>.
/// </summary>
public sealed record DeviceAnswer(Lwm2mResponse? Response, string? Invalid)
{
    public static DeviceAnswer Of(Lwm2mResponse response) => new(response, null);

    public static DeviceAnswer NotAResponse(string why) => new(null, why);
}
