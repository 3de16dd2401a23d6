namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>The operation codes of envelope key 1, per topic (Transport §8.3).</summary>
public static class OmaOperationCodes
{
    public static uint ToWire(OmaOperation operation) => operation switch
    {
        OmaOperation.BootstrapRequest => 0,
        OmaOperation.BootstrapWrite => 1,
        OmaOperation.BootstrapRead => 2,
        OmaOperation.BootstrapDelete => 3,
        OmaOperation.BootstrapDiscover => 4,
        OmaOperation.BootstrapFinish => 5,
        OmaOperation.BootstrapPackRequest => 6,
        OmaOperation.Register => 6,
        OmaOperation.Update => 7,
        OmaOperation.Deregister => 8,
        OmaOperation.Read => 9,
        OmaOperation.ReadComposite => 10,
        OmaOperation.Discover => 11,
        OmaOperation.WriteReplace => 12,
        OmaOperation.WritePartialUpdate => 13,
        OmaOperation.WriteAttributes => 14,
        OmaOperation.WriteComposite => 15,
        OmaOperation.Execute => 16,
        OmaOperation.Create => 17,
        OmaOperation.Delete => 18,
        OmaOperation.Observe => 20,
        OmaOperation.ObserveComposite => 21,
        OmaOperation.CancelObserve => 22,
        OmaOperation.Notify => 23,
        OmaOperation.Send => 24,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not an operation of the binding"),
    };

    /// <summary>The operation a code names on a topic; false for codes the topic does not assign (19 is unassigned).</summary>
    public static bool TryFromWire(ulong code, OmaInterface @interface, out OmaOperation operation)
    {
        OmaOperation? found = (@interface, code) switch
        {
            (OmaInterface.Bootstrap, 0) => OmaOperation.BootstrapRequest,
            (OmaInterface.Bootstrap, 1) => OmaOperation.BootstrapWrite,
            (OmaInterface.Bootstrap, 2) => OmaOperation.BootstrapRead,
            (OmaInterface.Bootstrap, 3) => OmaOperation.BootstrapDelete,
            (OmaInterface.Bootstrap, 4) => OmaOperation.BootstrapDiscover,
            (OmaInterface.Bootstrap, 5) => OmaOperation.BootstrapFinish,
            (OmaInterface.Bootstrap, 6) => OmaOperation.BootstrapPackRequest,
            (OmaInterface.Registration, 6) => OmaOperation.Register,
            (OmaInterface.Registration, 7) => OmaOperation.Update,
            (OmaInterface.Registration, 8) => OmaOperation.Deregister,
            (OmaInterface.Registration, 9) => OmaOperation.Read,
            (OmaInterface.Registration, 10) => OmaOperation.ReadComposite,
            (OmaInterface.Registration, 11) => OmaOperation.Discover,
            (OmaInterface.Registration, 12) => OmaOperation.WriteReplace,
            (OmaInterface.Registration, 13) => OmaOperation.WritePartialUpdate,
            (OmaInterface.Registration, 14) => OmaOperation.WriteAttributes,
            (OmaInterface.Registration, 15) => OmaOperation.WriteComposite,
            (OmaInterface.Registration, 16) => OmaOperation.Execute,
            (OmaInterface.Registration, 17) => OmaOperation.Create,
            (OmaInterface.Registration, 18) => OmaOperation.Delete,
            (OmaInterface.Registration, 20) => OmaOperation.Observe,
            (OmaInterface.Registration, 21) => OmaOperation.ObserveComposite,
            (OmaInterface.Registration, 22) => OmaOperation.CancelObserve,
            (OmaInterface.Registration, 23) => OmaOperation.Notify,
            (OmaInterface.Registration, 24) => OmaOperation.Send,
            _ => null,
        };
        operation = found.GetValueOrDefault();
        return found is not null;
    }

    /// <summary>
    /// Whether a client sends this operation (the rest are sent by the server or the bootstrap server). Everyone
    /// receives their own publications on the shared topic, so each side drops the other side's range (§2.5).
    /// </summary>
    public static bool IsSentByClient(OmaOperation operation) => operation is OmaOperation.BootstrapRequest or OmaOperation.BootstrapPackRequest
        or OmaOperation.Register or OmaOperation.Update or OmaOperation.Deregister or OmaOperation.Notify or OmaOperation.Send;
}
