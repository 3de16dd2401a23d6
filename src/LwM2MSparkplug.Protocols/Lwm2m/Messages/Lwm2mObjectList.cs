using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>
/// The objects a client announces in Register or Update: the object (instance) links, and, in the
/// original JSON form, current resource values keyed by resource or resource-instance path.
/// </summary>
public sealed record Lwm2mObjectList(IReadOnlyList<Lwm2mPath> Links, IReadOnlyDictionary<Lwm2mPath, JsonElement> Values)
{
    public static readonly Lwm2mObjectList Empty = new([], new Dictionary<Lwm2mPath, JsonElement>());

    /// <summary>
    /// The object versions the client declared (<c>ver</c>), by object id; an object absent here is version 1.0
    /// (Core §6.2.1).
    /// </summary>
    public IReadOnlyDictionary<ushort, string> Versions { get; init; } = new Dictionary<ushort, string>();

    /// <summary>
    /// The content formats the client supports, from the root link's <c>ct</c> (<c>&lt;/&gt;;ct=110</c> or
    /// <c>&lt;/&gt;;ct="60 110"</c>, Core §6.2.1); empty when it names none.
    /// </summary>
    public IReadOnlyList<ushort> ContentFormats { get; init; } = [];

    /// <summary>
    /// This list as the new object list of an Update: values it does not give are kept from <paramref name="previous"/>
    /// where their object (instance) is still listed, since a link-format list carries no values at all.
    /// </summary>
    public Lwm2mObjectList Succeeding(Lwm2mObjectList previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var values = new Dictionary<Lwm2mPath, JsonElement>();
        foreach (var (path, value) in previous.Values)
        {
            if (Links.Any(link => link.Contains(path)))
            {
                values[path] = value;
            }
        }
        foreach (var (path, value) in Values)
        {
            values[path] = value;
        }
        // A list without a root link says nothing new about content formats.
        return this with { Values = values, ContentFormats = ContentFormats.Count > 0 ? ContentFormats : previous.ContentFormats };
    }
}
