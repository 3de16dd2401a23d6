using LwM2MSparkplug.Protocols.Lwm2m.Model;

namespace LwM2MSparkplug.Lwm2mServer.Model;

/// <summary>
/// The object model the server uses: the built-in one plus the DDF (<c>.xml</c>) and compact (<c>.json</c>) files in
/// <see cref="Lwm2mServerOptions.ModelsDirectory"/>. A user's definition replaces a built-in one of the same object id
/// and version. A file that cannot be read stops the start (<see cref="Lwm2mModelException"/> names the file and the
/// problem) rather than leaving devices half-described.
/// </summary>
public static class Lwm2mModelDirectory
{
    public static Lwm2mObjectModel Load(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return Lwm2mObjectModel.BuiltIn;
        }
        if (!Directory.Exists(directory))
        {
            throw new Lwm2mModelException(directory, "is not a directory");
        }
        var definitions = new List<Lwm2mObjectDefinition>();
        foreach (var file in Directory.EnumerateFiles(directory).Where(IsDefinitionFile).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            definitions.AddRange(Lwm2mModelReader.Read(file, stream));
        }
        if (definitions.GroupBy(d => (d.Id, d.Version)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new Lwm2mModelException(directory, $"defines object {twice.Key.Id} version {twice.Key.Version} more than once");
        }
        return Lwm2mObjectModel.BuiltIn.With(definitions);
    }

    static bool IsDefinitionFile(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".XML" or ".JSON";
}
