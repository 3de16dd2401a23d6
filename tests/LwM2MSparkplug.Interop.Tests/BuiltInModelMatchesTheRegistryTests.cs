using System.Text.Json;
using System.Text.RegularExpressions;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Interop.Tests;

/// <summary>
/// The built-in object model against @nordicsemiconductor/lwm2m-types, which holds the registry's objects as JSON
/// schema: per resource its name, JSON type, multiplicity (array), presence (required) and units. The package leaves
/// out executable resources (they have no type) and object 0, and keeps only each object's newest version.
/// </summary>
public sealed partial class BuiltInModelMatchesTheRegistryTests
{
    [Fact]
    public void EveryBuiltInObjectTheRegistryPackageHolds_AgreesWithIt()
    {
        var registry = Lwm2mRegistryPackage.RequireObjects();
        var byIdAndVersion = registry.EnumerateObject().ToDictionary(entry => ObjectKey(entry.Name), entry => entry.Value);
        var compared = new List<string>();
        var problems = new List<string>();

        foreach (var definition in Lwm2mObjectModel.BuiltIn.Objects)
        {
            if (!byIdAndVersion.TryGetValue((definition.Id, definition.Version), out var schema))
            {
                continue;
            }
            compared.Add($"{definition.Id}:{definition.Version}");
            var multiple = schema.GetProperty("type").GetString() == "array";
            var item = multiple ? schema.GetProperty("items") : schema;
            Check(problems, $"{definition.Id}:{definition.Version}", "name", item.GetProperty("title").GetString(), definition.Name);
            Check(problems, $"{definition.Id}:{definition.Version}", "multiple", multiple, definition.Multiple);
            var required = item.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet() : [];
            var resources = item.GetProperty("properties");
            var typed = definition.Resources.Values.Where(r => !r.IsExecutable).Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Check(problems, $"{definition.Id}:{definition.Version}", "resources with a type (all but executables)", string.Join(",", resources.EnumerateObject().Select(p => p.Name).Order()), string.Join(",", typed));
            foreach (var resource in definition.Resources.Values.Where(r => !r.IsExecutable))
            {
                if (!resources.TryGetProperty(resource.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), out var property))
                {
                    continue;
                }
                var at = $"{definition.Id}:{definition.Version}/{resource.Id}";
                var resourceMultiple = property.GetProperty("type").GetString() == "array";
                var value = resourceMultiple ? property.GetProperty("items") : property;
                Check(problems, at, "name", property.GetProperty("title").GetString(), resource.Name);
                Check(problems, at, "multiple", resourceMultiple, resource.Multiple);
                Check(problems, at, "mandatory", required.Contains(resource.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), resource.Mandatory);
                Check(problems, at, "units", UnitsIn(property), resource.Units);
                Check(problems, at, "type", JsonTypeOf(value), JsonTypeFor(resource));
            }
        }

        Assert.Empty(problems);
        Assert.Superset(new HashSet<string> { "1:1.2", "2:1.1", "3:1.2", "4:1.3", "5:1.2", "6:1.0", "7:1.0", "3303:1.1", "3304:1.1" }, compared.ToHashSet());
    }

    static void Check<T>(List<string> problems, string at, string what, T registry, T model)
    {
        if (!EqualityComparer<T>.Default.Equals(registry, model))
        {
            problems.Add($"{at} {what}: registry {registry}, model {model}");
        }
    }

    /// <summary>"3303:1.1@1.0" → (3303, "1.1"); a left-out object version is 1.0.</summary>
    static (ushort Id, string Version) ObjectKey(string key)
    {
        var match = KeyPattern().Match(key);
        return (ushort.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Success ? match.Groups[2].Value : "1.0");
    }

    // The package appends "Units: x." to a resource's description when the DDF gives units.
    static string? UnitsIn(JsonElement property) =>
        property.TryGetProperty("description", out var description) && UnitsPattern().Match(description.GetString()!) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>How the package writes each LwM2M type in JSON schema (Boolean as an integer 0..1, like such an Integer).</summary>
    static string JsonTypeFor(Lwm2mResourceDefinition resource) => resource.Type switch
    {
        Lwm2mResourceType.Integer or Lwm2mResourceType.UnsignedInteger when resource.Range == "0..1" => "integer 0..1",
        Lwm2mResourceType.Float => "number",
        Lwm2mResourceType.Integer or Lwm2mResourceType.UnsignedInteger => "integer",
        Lwm2mResourceType.Boolean => "integer 0..1",
        Lwm2mResourceType.Time => "time",
        Lwm2mResourceType.ObjectLink => "objlnk",
        Lwm2mResourceType.CoreLink => "corelnk",
        _ => "string",
    };

    static string JsonTypeOf(JsonElement value)
    {
        var type = value.GetProperty("type").GetString();
        var pattern = value.TryGetProperty("pattern", out var p) ? p.GetString() : null;
        return type switch
        {
            "integer" when value.TryGetProperty("unixTimestamp", out _) => "time",
            "integer" when value.TryGetProperty("minimum", out var min) && min.GetDouble() == 0 && value.TryGetProperty("maximum", out var max) && max.GetDouble() == 1 => "integer 0..1",
            "string" when pattern == "^dd:dd$" => "objlnk",
            "string" when pattern is not null && pattern.StartsWith("^</", StringComparison.Ordinal) => "corelnk",
            _ => type!,
        };
    }

    [GeneratedRegex(@"^(\d+)(?::([\d.]+))?(?:@[\d.]+)?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"Units: (.*)\.$")]
    private static partial Regex UnitsPattern();
}
