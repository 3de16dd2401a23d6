using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>The result of <see cref="Lwm2mClient.Receive"/>: a decision, not an exception.</summary>
public readonly record struct Lwm2mClientReceipt(
    Lwm2mClientReceiptKind Kind,
    Lwm2mOperation? Operation = null,
    Lwm2mResultCode? Code = null,
    Lwm2mClientReason Reason = Lwm2mClientReason.None)
{
    public static readonly Lwm2mClientReceipt NotLwm2m = new(Lwm2mClientReceiptKind.NotLwm2m);
    public static readonly Lwm2mClientReceipt Echo = new(Lwm2mClientReceiptKind.Echo);
}
