using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>
/// Reads object definitions from the OMA registry's DDF XML (<c>&lt;LWM2M&gt;&lt;Object&gt;…</c>) and from this
/// project's compact JSON (the built-in model, <c>Model/Objects/README.md</c>). Both spell operations, types,
/// multiplicity and presence in the registry's words, read by <see cref="Lwm2mRegistryTerms"/>. A definition that
/// cannot be used throws <see cref="Lwm2mModelException"/> naming the source and the problem.
/// </summary>
public static class Lwm2mModelReader
{
    /// <summary>Reads a <c>.xml</c> (DDF) or <c>.json</c> (compact) file's content; other names are refused.</summary>
    public static IReadOnlyList<Lwm2mObjectDefinition> Read(string source, Stream content)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Path.GetExtension(source).ToUpperInvariant() switch
        {
            ".XML" => ReadDdf(source, content),
            ".JSON" => ReadCompact(source, content),
            _ => throw new Lwm2mModelException(source, "is neither a DDF file (.xml) nor a compact definition (.json)"),
        };
    }

    public static IReadOnlyList<Lwm2mObjectDefinition> ReadDdf(string source, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        XDocument document;
        try
        {
            document = XDocument.Load(XmlReader.Create(content, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }));
        }
        catch (XmlException exception)
        {
            throw new Lwm2mModelException(source, $"is not well-formed XML ({exception.Message})", exception);
        }
        if (document.Root is not { Name.LocalName: "LWM2M" } root)
        {
            throw new Lwm2mModelException(source, "has no <LWM2M> root element, so it is not an LwM2M DDF file");
        }
        var objects = root.Elements().Where(e => e.Name.LocalName == "Object").ToList();
        if (objects.Count == 0)
        {
            throw new Lwm2mModelException(source, "has no <Object> under <LWM2M>");
        }
        return [.. objects.Select(obj => ReadDdfObject(source, obj))];
    }

    public static IReadOnlyList<Lwm2mObjectDefinition> ReadCompact(string source, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            var resources = Property(root, "resources", source);
            if (resources.ValueKind != JsonValueKind.Array)
            {
                throw new Lwm2mModelException(source, "'resources' must be an array");
            }
            var objectId = ParseId(Property(root, "id", source).GetRawText(), source, "object id");
            var at = $"{source}, object {objectId}";
            return
            [
                Build(
                    at,
                    objectId,
                    Text(root, "name", at),
                    Text(root, "version", at),
                    Flag(root, "multiple", at),
                    Flag(root, "mandatory", at),
                    resources.EnumerateArray().Select(resource =>
                    {
                        var resourceId = ParseId(Property(resource, "id", at).GetRawText(), at, "resource id");
                        var where = $"{at}, resource {resourceId}";
                        return BuildResource(
                            where,
                            resourceId,
                            Text(resource, "name", where),
                            Text(resource, "operations", where),
                            Text(resource, "type", where),
                            Flag(resource, "multiple", where) ? "Multiple" : "Single",
                            Flag(resource, "mandatory", where) ? "Mandatory" : "Optional",
                            resource.TryGetProperty("units", out var units) ? units.GetString() : null,
                            resource.TryGetProperty("range", out var range) ? range.GetString() : null);
                    })),
            ];
        }
        catch (JsonException exception)
        {
            throw new Lwm2mModelException(source, $"is not valid JSON ({exception.Message})", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw new Lwm2mModelException(source, $"has a value of the wrong JSON type ({exception.Message})", exception);
        }
    }

    static Lwm2mObjectDefinition ReadDdfObject(string source, XElement obj)
    {
        var objectId = ParseId(Child(obj, "ObjectID", source), source, "<ObjectID>");
        var at = $"{source}, object {objectId}";
        // DDF files of LwM2M 1.0 have no <ObjectVersion>: their objects are version 1.0 (Core §7.2.2).
        var version = obj.Elements().FirstOrDefault(e => e.Name.LocalName == "ObjectVersion")?.Value.Trim() is { Length: > 0 } declared ? declared : "1.0";
        var items = obj.Elements().FirstOrDefault(e => e.Name.LocalName == "Resources")?.Elements().Where(e => e.Name.LocalName == "Item")
            ?? throw new Lwm2mModelException(at, "has no <Resources>");
        var resources = items.Select(item =>
        {
            var resourceId = ParseId(item.Attribute("ID")?.Value ?? throw new Lwm2mModelException(at, "has an <Item> without an ID attribute"), at, "<Item ID>");
            var where = $"{at}, resource {resourceId}";
            return BuildResource(
                where,
                resourceId,
                Child(item, "Name", where),
                Child(item, "Operations", where),
                item.Elements().FirstOrDefault(e => e.Name.LocalName == "Type")?.Value ?? string.Empty,
                Child(item, "MultipleInstances", where),
                Child(item, "Mandatory", where),
                item.Elements().FirstOrDefault(e => e.Name.LocalName == "Units")?.Value,
                item.Elements().FirstOrDefault(e => e.Name.LocalName == "RangeEnumeration")?.Value);
        });
        return Build(at, objectId, Child(obj, "Name", at), version, Child(obj, "MultipleInstances", at) == "Multiple" ? true
            : Child(obj, "MultipleInstances", at) == "Single" ? false
            : throw new Lwm2mModelException(at, $"<MultipleInstances> is '{Child(obj, "MultipleInstances", at)}'; use Multiple or Single"),
            Lwm2mRegistryTerms.TryParseMandatory(Child(obj, "Mandatory", at), out var mandatory) ? mandatory
            : throw new Lwm2mModelException(at, $"<Mandatory> is '{Child(obj, "Mandatory", at)}'; use Mandatory or Optional"),
            resources);
    }

    static Lwm2mObjectDefinition Build(string at, ushort objectId, string name, string version, bool multiple, bool mandatory, IEnumerable<Lwm2mResourceDefinition> resources)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new Lwm2mModelException(at, "has no name");
        }
        if (!Lwm2mRegistryTerms.IsVersion(version))
        {
            throw new Lwm2mModelException(at, $"version '{version}' is not major.minor, e.g. 1.1");
        }
        var list = resources.ToList();
        if (list.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new Lwm2mModelException(at, $"defines resource {twice.Key} twice");
        }
        return new Lwm2mObjectDefinition(objectId, name.Trim(), version, multiple, mandatory, list);
    }

    static Lwm2mResourceDefinition BuildResource(string at, ushort resourceId, string name, string operations, string type, string multiple, string mandatory, string? units, string? range)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new Lwm2mModelException(at, "has no name");
        }
        if (!Lwm2mRegistryTerms.TryParseOperations(operations, out var parsedOperations))
        {
            throw new Lwm2mModelException(at, $"operations '{operations}' are not one of R, W, RW, E or empty");
        }
        if (!Lwm2mRegistryTerms.TryParseType(type, out var parsedType))
        {
            throw new Lwm2mModelException(at, $"type '{type}' is not one of String, Integer, Unsigned Integer, Float, Boolean, Opaque, Time, Objlnk, Corelnk or empty");
        }
        // Core Appendix D: an executable has no type, and everything else has one.
        if ((parsedOperations == Lwm2mOperations.Execute) != (parsedType == Lwm2mResourceType.None))
        {
            throw new Lwm2mModelException(at, parsedType == Lwm2mResourceType.None ? "has no type but is not executable (E)" : $"is executable (E) but has type {type}");
        }
        if (!Lwm2mRegistryTerms.TryParseMultiple(multiple, out var parsedMultiple))
        {
            throw new Lwm2mModelException(at, $"multiple instances '{multiple}' is not Multiple or Single");
        }
        if (!Lwm2mRegistryTerms.TryParseMandatory(mandatory, out var parsedMandatory))
        {
            throw new Lwm2mModelException(at, $"mandatory '{mandatory}' is not Mandatory or Optional");
        }
        return new Lwm2mResourceDefinition(resourceId, name.Trim(), parsedOperations, parsedMultiple, parsedMandatory, parsedType,
            string.IsNullOrWhiteSpace(units) ? null : units.Trim(), string.IsNullOrWhiteSpace(range) ? null : range.Trim());
    }

    static ushort ParseId(string text, string at, string what) =>
        ushort.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= Lwm2mPath.MaxId
            ? id
            : throw new Lwm2mModelException(at, $"{what} '{text.Trim()}' is not a number from 0 to {Lwm2mPath.MaxId}");

    static string Child(XElement parent, string name, string at) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() ?? throw new Lwm2mModelException(at, $"has no <{name}>");

    static JsonElement Property(JsonElement element, string name, string at) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : throw new Lwm2mModelException(at, $"has no '{name}'");

    static string Text(JsonElement element, string name, string at) =>
        Property(element, name, at).GetString() ?? throw new Lwm2mModelException(at, $"'{name}' is null");

    static bool Flag(JsonElement element, string name, string at) => Property(element, name, at).GetBoolean();
}
