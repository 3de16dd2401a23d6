using System.Text.Encodings.Web;
using System.Text.Json;

namespace LwM2MSparkplug.ServiceDefaults;

/// <summary>Writer settings for JSON written by hand: the same relaxed escaping ASP.NET uses for responses.</summary>
public static class JsonDefaults
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
