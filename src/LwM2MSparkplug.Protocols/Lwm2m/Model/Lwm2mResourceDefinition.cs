namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>One resource of an object definition.</summary>
public sealed record Lwm2mResourceDefinition(
    ushort Id,
    string Name,
    Lwm2mOperations Operations,
    bool Multiple,
    bool Mandatory,
    Lwm2mResourceType Type,
    string? Units = null)
{
    public bool IsReadable => Operations.HasFlag(Lwm2mOperations.Read);
    public bool IsWritable => Operations.HasFlag(Lwm2mOperations.Write);
    public bool IsExecutable => Operations.HasFlag(Lwm2mOperations.Execute);
}
