namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>What the LwM2M server may do with a resource (the R, W, E of the object definitions).</summary>
[Flags]
public enum Lwm2mOperations
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    ReadWrite = Read | Write,
}
