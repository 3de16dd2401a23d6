using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The web console: plain HTML, CSS and a JavaScript module embedded in this assembly, served at <c>/</c> and
/// <c>/console/{file}</c>. Nothing is loaded from elsewhere (the stack runs offline), which the Content-Security-Policy
/// also enforces; the page talks only to this server's public API.
/// </summary>
public static class ConsoleApi
{
    const string ResourcePrefix = "Console/";
    const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static readonly Dictionary<string, ConsoleFile> Files = Load();

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods("/", methods, (HttpContext context) => Serve(context, "index.html")).ExcludeFromDescription();
        endpoints.MapMethods("/console/{name}", methods, (HttpContext context, string name) => Serve(context, name)).ExcludeFromDescription();
        return endpoints;
    }

    static IResult Serve(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            return TypedResults.Problem($"The console has no file '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // Small files that change with each release: always revalidated, never stale after an upgrade.
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(file.Bytes, file.ContentType);
    }

    static Dictionary<string, ConsoleFile> Load()
    {
        var assembly = typeof(ConsoleApi).Assembly;
        var files = new Dictionary<string, ConsoleFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            files[name] = new ConsoleFile(copy.ToArray(), ContentTypeOf(name));
        }
        return files;
    }

    static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    sealed record ConsoleFile(byte[] Bytes, string ContentType);
}
