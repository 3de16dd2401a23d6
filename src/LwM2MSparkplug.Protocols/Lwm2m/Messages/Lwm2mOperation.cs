namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>The server-to-device operations of the wire contract (LwM2M 1.2 Core §6.3, §6.4).</summary>
public enum Lwm2mOperation
{
    Read,
    ReadComposite,
    Discover,
    Write,
    WriteAttributes,
    Execute,
    Create,
    Delete,
    Observe,
    CancelObserve,
    WriteComposite,
    ObserveComposite,
}

public static class Lwm2mOperationNames
{
    /// <summary>The <c>op</c> value on the wire, e.g. <c>read-composite</c>; also the metric label.</summary>
    public static string ToWire(this Lwm2mOperation operation) => operation switch
    {
        Lwm2mOperation.Read => "read",
        Lwm2mOperation.ReadComposite => "read-composite",
        Lwm2mOperation.Discover => "discover",
        Lwm2mOperation.Write => "write",
        Lwm2mOperation.WriteAttributes => "write-attributes",
        Lwm2mOperation.Execute => "execute",
        Lwm2mOperation.Create => "create",
        Lwm2mOperation.Delete => "delete",
        Lwm2mOperation.Observe => "observe",
        Lwm2mOperation.WriteComposite => "write-composite",
        Lwm2mOperation.ObserveComposite => "observe-composite",
        _ => "cancel-observe",
    };

    /// <summary>The one success code a device answers the operation with (docs/lwm2m-over-mqtt.md, LwM2M 1.2 Core §5).</summary>
    public static Lwm2mResultCode SuccessCode(this Lwm2mOperation operation) => operation switch
    {
        Lwm2mOperation.Read or Lwm2mOperation.ReadComposite or Lwm2mOperation.Discover or Lwm2mOperation.Observe
            or Lwm2mOperation.ObserveComposite => Lwm2mResultCode.Content,
        Lwm2mOperation.Create => Lwm2mResultCode.Created,
        Lwm2mOperation.Delete => Lwm2mResultCode.Deleted,
        _ => Lwm2mResultCode.Changed,
    };

    public static bool TryParse(string? text, out Lwm2mOperation operation)
    {
        foreach (var candidate in Enum.GetValues<Lwm2mOperation>())
        {
            if (candidate.ToWire() == text)
            {
                operation = candidate;
                return true;
            }
        }
        operation = default;
        return false;
    }
}
