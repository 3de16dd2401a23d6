using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Lwm2m.Paths;

/// <summary>
/// A SenML-ETCH fetch pack in CBOR (RFC 8790, content format 322): the list of paths of a Read-Composite or
/// Observe-Composite (the OMA MQTT binding's envelope key 6). Records name paths only (bn/n; times allowed); any
/// value makes the pack invalid.
/// </summary>
public static class Lwm2mFetchPack
{
    public static bool TryRead(ReadOnlyMemory<byte> bytes, out IReadOnlyList<Lwm2mPath> paths, out string error)
    {
        paths = [];
        if (!SenmlCborCodec.TryRead(bytes, out var records, out error))
        {
            return false;
        }
        var list = new List<Lwm2mPath>();
        foreach (var resolved in SenmlJsonCodec.Resolve(records))
        {
            if (resolved.Record.HasValue)
            {
                error = $"{resolved.Name}: a fetch pack names paths only, this record carries a value";
                return false;
            }
            if (!Lwm2mPath.TryParse(resolved.Name, out var path))
            {
                error = $"'{resolved.Name}' is not an LwM2M path";
                return false;
            }
            list.Add(path);
        }
        paths = list;
        return true;
    }

    public static byte[] Write(IEnumerable<Lwm2mPath> paths) =>
        SenmlCborCodec.Write([.. paths.Select(path => new SenmlRecord { Name = path.ToString() })]);
}
