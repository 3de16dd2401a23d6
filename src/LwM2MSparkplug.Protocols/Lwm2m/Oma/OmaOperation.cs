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
