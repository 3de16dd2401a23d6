namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>What an Execute asks of the client beyond its answer.</summary>
public enum Lwm2mExecuteEffect
{
    None,
    /// <summary>Device Reboot (<c>/3/0/4</c>): answer, then restart the connection.</summary>
    Reboot,
    /// <summary>Device Factory Reset (<c>/3/0/5</c>): settings and attributes back to their initial values.</summary>
    FactoryReset,
    /// <summary>Server Registration Update Trigger (<c>/1/x/8</c>): send an Update.</summary>
    RegistrationUpdate,
}
