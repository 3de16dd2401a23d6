using System.Globalization;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// Keeps each edge node's next bdSeq in a small file, so bdSeq keeps counting across simulator restarts
/// (Sparkplug 3.0 tck-id-topics-nbirth-bdseq-increment; Tahu keeps it in a file too). Counting is the edge node's
/// own rule (<see cref="Protocols.Sparkplug.Edge.EdgeNode.NextBdSeq"/>); this only remembers the number.
/// </summary>
public sealed class BdSeqStore(string directory)
{
    /// <summary>The stored next bdSeq of <paramref name="deviceId"/>; 0 for an edge node never seen (or an unreadable file).</summary>
    public byte Load(string deviceId)
    {
        var path = PathOf(deviceId);
        return File.Exists(path) && byte.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var stored) ? stored : (byte)0;
    }

    /// <summary>Stores the next bdSeq, replacing the file at once so a crash leaves the old or the new number.</summary>
    public void Save(string deviceId, byte nextBdSeq)
    {
        var path = PathOf(deviceId);
        var temporary = path + ".tmp";
        var text = nextBdSeq.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temporary, text);
        }
        catch (DirectoryNotFoundException)
        {
            // Created on first use rather than checked on every connect of every device.
            Directory.CreateDirectory(directory);
            File.WriteAllText(temporary, text);
        }
        File.Move(temporary, path, overwrite: true);
    }

    string PathOf(string deviceId) => Path.Combine(directory, deviceId + ".bdseq");
}
