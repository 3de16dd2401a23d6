namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>
/// The object definitions known, keyed by object id and object version. <see cref="BuiltIn"/> holds the objects of
/// the OMA registry this project uses (Model/Objects); <see cref="With"/> adds a user's definitions (vendor objects,
/// newer versions), which replace a built-in one of the same id and version. Immutable.
/// </summary>
public sealed class Lwm2mObjectModel
{
    /// <summary>The object version a client has when it registers an object without <c>ver</c> (Core §6.2.1).</summary>
    public const string DefaultObjectVersion = "1.0";

    // The LogicalName the project file gives the embedded Model/Objects files.
    const string BuiltInPrefix = "Lwm2mObjects/";

    static readonly Lazy<Lwm2mObjectModel> BuiltInModel = new(LoadBuiltIn);

    readonly Dictionary<(ushort Id, string Version), Lwm2mObjectDefinition> _objects;

    public Lwm2mObjectModel(IEnumerable<Lwm2mObjectDefinition> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        _objects = [];
        foreach (var definition in objects)
        {
            _objects[(definition.Id, definition.Version)] = definition;
        }
    }

    /// <summary>The built-in model, read once from the embedded Model/Objects files.</summary>
    public static Lwm2mObjectModel BuiltIn => BuiltInModel.Value;

    /// <summary>Every definition, by object id then version.</summary>
    public IReadOnlyList<Lwm2mObjectDefinition> Objects =>
        [.. _objects.Values.OrderBy(o => o.Id).ThenBy(o => VersionKey(o.Version))];

    /// <summary>This model with <paramref name="objects"/> added; each replaces a definition of the same id and version.</summary>
    public Lwm2mObjectModel With(IEnumerable<Lwm2mObjectDefinition> objects) => new(_objects.Values.Concat(objects));

    public bool TryGetObject(ushort objectId, string version, out Lwm2mObjectDefinition definition) =>
        _objects.TryGetValue((objectId, version), out definition!);

    /// <summary>The definitions that apply to a client that registered these object versions (absent: 1.0).</summary>
    public Lwm2mDeviceModel ForVersions(IReadOnlyDictionary<ushort, string> versions) => new(this, versions);

    /// <summary>The newest version of each object, for code that serves objects without a registration of its own.</summary>
    public Lwm2mDeviceModel Newest() =>
        new(this, _objects.Values.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.MaxBy(o => VersionKey(o.Version))!.Version));

    /// <summary>Orders "1.10" after "1.9".</summary>
    static (int Major, int Minor) VersionKey(string version) =>
        version.Split('.') is [var major, var minor] && int.TryParse(major, out var a) && int.TryParse(minor, out var b) ? (a, b) : (0, 0);

    static Lwm2mObjectModel LoadBuiltIn()
    {
        var assembly = typeof(Lwm2mObjectModel).Assembly;
        var definitions = new List<Lwm2mObjectDefinition>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(BuiltInPrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            definitions.AddRange(Lwm2mModelReader.ReadCompact(name[BuiltInPrefix.Length..], stream));
        }
        return new Lwm2mObjectModel(definitions);
    }
}
