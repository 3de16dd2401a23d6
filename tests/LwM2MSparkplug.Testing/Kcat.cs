using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LwM2MSparkplug.Testing;

/// <summary>One Kafka record as kcat (an independent Kafka client, Debian package <c>kcat</c>) read it.</summary>
public sealed record KafkaRecord(string Topic, int Partition, long Offset, string? Key, string? Value, IReadOnlyDictionary<string, string> Headers);

/// <summary>Reads Kafka topics with <c>kcat -C -J</c>.</summary>
public static class Kcat
{
    /// <summary>Everything in <paramref name="topic"/> from the beginning up to the current end.</summary>
    public static async Task<IReadOnlyList<KafkaRecord>> ReadAllAsync(string bootstrapServers, string topic)
    {
        var kcat = RequiredTool.Find("kcat", "Debian package kcat");
        var start = new ProcessStartInfo(kcat)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "-b", bootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-J", "-q" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kcat failed ({process.ExitCode}): {await errors}");
        }
        var records = new List<KafkaRecord>();
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var headers = new Dictionary<string, string>();
            if (root.TryGetProperty("headers", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var items = list.EnumerateArray().Select(h => h.GetString() ?? string.Empty).ToList();
                for (var i = 0; i + 1 < items.Count; i += 2)
                {
                    headers[items[i]] = items[i + 1];
                }
            }
            records.Add(new KafkaRecord(
                root.GetProperty("topic").GetString()!,
                root.GetProperty("partition").GetInt32(),
                root.GetProperty("offset").GetInt64(),
                root.GetProperty("key").ValueKind == JsonValueKind.Null ? null : root.GetProperty("key").GetString(),
                root.GetProperty("payload").ValueKind == JsonValueKind.Null ? null : root.GetProperty("payload").GetString(),
                headers));
        }
        return records;
    }
}
