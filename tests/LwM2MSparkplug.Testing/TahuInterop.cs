using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LwM2MSparkplug.Testing;

/// <summary>
/// Eclipse Tahu's Sparkplug JavaScript packages (npm <c>sparkplug-payload</c>, <c>sparkplug-client</c>) installed in
/// <c>tests/interop</c> by <c>npm ci --prefix tests/interop</c>, run with Node.js as an independent implementation.
/// </summary>
public static class TahuInterop
{
    public static string Directory => RepositoryPaths.Combine("tests", "interop");

    /// <summary>
    /// The node executable, after checking that <paramref name="packages"/> (by default Tahu's sparkplug-payload) are
    /// installed in tests/interop; skips (or fails under CI) otherwise.
    /// </summary>
    public static string RequireNode(params string[] packages)
    {
        var node = RequiredTool.Find("node", "install Node.js");
        string[] required = packages.Length == 0 ? ["sparkplug-payload"] : packages;
        if (required.FirstOrDefault(package => !System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", package))) is { } missing)
        {
            var reason = $"The npm package '{missing}' is not installed in tests/interop: run 'npm ci --prefix tests/interop'.";
            if (RequiredTool.IsCi)
            {
                Assert.Fail(reason);
            }
            Assert.Skip(reason);
        }
        return node;
    }

    public static Process Start(string script, params string[] arguments)
    {
        var node = RequireNode();
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Directory, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start node {script}");
    }
}

/// <summary>Tahu's <c>sparkplug-payload</c> codec in a Node.js process (tests/interop/codec.js).</summary>
public sealed class TahuCodec : IDisposable
{
    readonly Process _process = TahuInterop.Start("codec.js");

    /// <summary>Decodes protobuf bytes; 64-bit numbers come back as decimal strings, bytes as <c>{"$bytes": base64}</c>.</summary>
    public JsonNode Decode(byte[] payload) => Call(new JsonObject { ["op"] = "decode", ["base64"] = Convert.ToBase64String(payload) })["payload"]!;

    /// <summary>Encodes a payload object in sparkplug-payload's format; <c>{"$long": "…"}</c> marks a 64-bit value.</summary>
    public byte[] Encode(JsonNode payload) => Convert.FromBase64String(Call(new JsonObject { ["op"] = "encode", ["payload"] = payload })["base64"]!.GetValue<string>());

    JsonNode Call(JsonObject request)
    {
        _process.StandardInput.WriteLine(request.ToJsonString());
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("codec.js ended: " + _process.StandardError.ReadToEnd());
        var answer = JsonNode.Parse(line)!;
        if (answer["ok"]!.GetValue<bool>() != true)
        {
            throw new InvalidOperationException("sparkplug-payload failed: " + answer["error"]);
        }
        return answer;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}

/// <summary>Reads the lines a Node.js helper prints, for waiting on them.</summary>
public sealed class ProcessOutput
{
    readonly List<string> _lines = [];

    public ProcessOutput(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public Task WaitForAsync(Func<string, bool> match, string because) =>
        Eventually.UntilAsync(() => Lines.Any(match), because);
}
