using System.Globalization;
using LwM2MSparkplug.Protocols.Sparkplug.Session;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// Keeps each edge node's next bdSeq in a small file, so bdSeq keeps counting across simulator restarts
/// (Sparkplug 3.0 tck-id-topics-nbirth-bdseq-increment; Tahu keeps it in a file too).
/// </summary>
public sealed class BdSeqStore(string directory)
{
    readonly Lock _gate = new();

    /// <summary>Returns the bdSeq for a new MQTT session and stores the one after it (255 wraps to 0).</summary>
    public byte Take(string deviceId)
    {
        lock (_gate)
        {
            var path = Path.Combine(directory, deviceId + ".bdseq");
            byte current = 0;
            if (File.Exists(path) && byte.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var stored))
            {
                current = stored;
            }
            Directory.CreateDirectory(directory);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, SparkplugSeq.Next(current).ToString(CultureInfo.InvariantCulture));
            File.Move(temporary, path, overwrite: true);
            return current;
        }
    }
}
