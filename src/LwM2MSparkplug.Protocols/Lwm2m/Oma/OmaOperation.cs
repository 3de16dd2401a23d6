using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// The operations of the OMA MQTT binding (Transport Tbls 8.3.1-1 … 8.3.4-1). The wire code depends on the topic:
/// 6 is Bootstrap-Pack-Request on <c>bs</c> and Register on <c>rd</c> (see <see cref="OmaOperationCodes"/>).
/// </summary>
public enum OmaOperation
{
    BootstrapRequest,
    BootstrapWrite,
    BootstrapRead,
    BootstrapDelete,
    BootstrapDiscover,
    BootstrapFinish,
    BootstrapPackRequest,
    Register,
    Update,
    Deregister,
    Read,
    ReadComposite,
    Discover,
    WriteReplace,
    WritePartialUpdate,
    WriteAttributes,
    WriteComposite,
    Execute,
    Create,
    Delete,
    Observe,
    ObserveComposite,
    CancelObserve,
    Notify,
    Send,
}

/// <summary>The binding's device-management operations and the server's <see cref="Lwm2mOperation"/>s, both ways.</summary>
public static class OmaOperations
{
    /// <summary>The binding's operation for a server request; a Write is Write-Replace or Write-Partial-Update as <paramref name="replace"/> says.</summary>
    public static OmaOperation FromLwm2m(Lwm2mOperation operation, bool replace = true) => operation switch
    {
        Lwm2mOperation.Read => OmaOperation.Read,
        Lwm2mOperation.ReadComposite => OmaOperation.ReadComposite,
        Lwm2mOperation.Discover => OmaOperation.Discover,
        Lwm2mOperation.Write => replace ? OmaOperation.WriteReplace : OmaOperation.WritePartialUpdate,
        Lwm2mOperation.WriteAttributes => OmaOperation.WriteAttributes,
        Lwm2mOperation.WriteComposite => OmaOperation.WriteComposite,
        Lwm2mOperation.Execute => OmaOperation.Execute,
        Lwm2mOperation.Create => OmaOperation.Create,
        Lwm2mOperation.Delete => OmaOperation.Delete,
        Lwm2mOperation.Observe => OmaOperation.Observe,
        Lwm2mOperation.ObserveComposite => OmaOperation.ObserveComposite,
        _ => OmaOperation.CancelObserve,
    };

    /// <summary>The server request an operation of the binding is; null for the client's and bootstrap's operations.</summary>
    public static Lwm2mOperation? ToLwm2m(OmaOperation operation) => operation switch
    {
        OmaOperation.Read => Lwm2mOperation.Read,
        OmaOperation.ReadComposite => Lwm2mOperation.ReadComposite,
        OmaOperation.Discover => Lwm2mOperation.Discover,
        OmaOperation.WriteReplace or OmaOperation.WritePartialUpdate => Lwm2mOperation.Write,
        OmaOperation.WriteAttributes => Lwm2mOperation.WriteAttributes,
        OmaOperation.WriteComposite => Lwm2mOperation.WriteComposite,
        OmaOperation.Execute => Lwm2mOperation.Execute,
        OmaOperation.Create => Lwm2mOperation.Create,
        OmaOperation.Delete => Lwm2mOperation.Delete,
        OmaOperation.Observe => Lwm2mOperation.Observe,
        OmaOperation.ObserveComposite => Lwm2mOperation.ObserveComposite,
        OmaOperation.CancelObserve => Lwm2mOperation.CancelObserve,
        _ => null,
    };
}
