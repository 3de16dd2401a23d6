using System.Text.Json;

namespace LwM2MSparkplug.Testing;

/// <summary>
/// The npm package <c>@nordicsemiconductor/lwm2m-types</c> installed in <c>tests/interop</c> by
/// <c>npm ci --prefix tests/interop</c>: the OMA LwM2M registry as one JSON schema, generated from the registry's DDF
/// files by a third party, so the built-in object model can be checked against it.
/// </summary>
public static class Lwm2mRegistryPackage
{
    /// <summary>
    /// The schema's object entries, keyed as the package keys them: <c>id</c>, <c>id:objectVersion</c>, optionally
    /// <c>@lwm2mVersion</c> (1.0 parts left out). Skips (or fails under CI) when the package is not installed.
    /// </summary>
    public static JsonElement RequireObjects()
    {
        var path = Path.Combine(TahuInterop.Directory, "node_modules", "@nordicsemiconductor", "lwm2m-types", "LwM2MDocument.schema.json");
        if (!File.Exists(path))
        {
            var reason = "The npm package @nordicsemiconductor/lwm2m-types is not installed: run 'npm ci --prefix tests/interop'.";
            if (RequiredTool.IsCi)
            {
                Assert.Fail(reason);
            }
            Assert.Skip(reason);
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("properties").Clone();
    }
}
