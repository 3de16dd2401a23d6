namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>One resource of an object definition.</summary>
/// <param name="Id">The resource id.</param>
/// <param name="Name">The registry's name, e.g. <c>Sensor Value</c>.</param>
/// <param name="Operations">What the LwM2M server may do with it.</param>
/// <param name="Multiple">Whether it has resource instances.</param>
/// <param name="Mandatory">Whether every instance of the object has it.</param>
/// <param name="Type">Its data type; <see cref="Lwm2mResourceType.None"/> for an executable.</param>
/// <param name="Units">The registry's unit text (e.g. <c>s</c>, <c>dBm</c>), or null when it gives none.</param>
/// <param name="Range">The registry's range or enumeration text (e.g. <c>0..100</c>), or null; shown, not enforced.</param>
public sealed record Lwm2mResourceDefinition(
    ushort Id,
    string Name,
    Lwm2mOperations Operations,
    bool Multiple,
    bool Mandatory,
    Lwm2mResourceType Type,
    string? Units = null,
    string? Range = null)
{
    public bool IsReadable => Operations.HasFlag(Lwm2mOperations.Read);
    public bool IsWritable => Operations.HasFlag(Lwm2mOperations.Write);
    public bool IsExecutable => Operations.HasFlag(Lwm2mOperations.Execute);
}
