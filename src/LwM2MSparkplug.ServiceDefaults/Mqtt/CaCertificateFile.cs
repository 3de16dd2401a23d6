using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>
/// The CA certificates of a PEM file (one CA, or several while one is being replaced), read again only when the file
/// changes, so a fleet of clients does not parse the same file once per connect.
/// </summary>
public static class CaCertificateFile
{
    static readonly ConcurrentDictionary<string, (DateTime WrittenAt, X509Certificate2Collection Certificates)> Loaded = new(StringComparer.Ordinal);

    public static X509Certificate2Collection Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var writtenAt = File.GetLastWriteTimeUtc(fullPath);
        if (Loaded.TryGetValue(fullPath, out var loaded) && loaded.WrittenAt == writtenAt)
        {
            return loaded.Certificates;
        }
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(fullPath);
        Loaded[fullPath] = (writtenAt, certificates);
        return certificates;
    }
}
