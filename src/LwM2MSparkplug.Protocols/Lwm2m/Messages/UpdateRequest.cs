namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>
/// An LwM2M Update (LwM2M 1.2 Core §6.2.2) received on <c>lwm2m/{ep}/update</c>. Only changed parameters
/// are present; null means unchanged. An object list replaces the registered one.
/// </summary>
public sealed record UpdateRequest(TimeSpan? Lifetime, string? BindingMode, Lwm2mObjectList? Objects)
{
    public static readonly UpdateRequest Empty = new(null, null, null);
}
