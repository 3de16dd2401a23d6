using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace LwM2MSparkplug.ServiceDefaults.Api;

/// <summary>
/// Every service's OpenAPI document (<c>/openapi/v1.json</c>) and its API reference page (<c>/scalar</c>, Scalar over
/// that document). The page loads its script from the service itself and uses the browser's own fonts, since the stack
/// runs offline; nothing it needs comes from elsewhere, and it sends no telemetry.
/// </summary>
public static class ApiReference
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/scalar";

    /// <summary>The OpenAPI document, titled after the service and saying which operations need the API key.</summary>
    public static IServiceCollection AddApiReference(this IServiceCollection services, string serviceName)
    {
        services.AddOpenApi(options =>
        {
            options.AddApiKeySecurity();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = Title(serviceName);
                return Task.CompletedTask;
            });
        });
        services.Configure<ScalarOptions>(options => options
            .WithTitle(Title(serviceName))
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes(ApiKeyOpenApi.SchemeName));
        return services;
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath);
        endpoints.MapScalarApiReference(PagePath);
        return endpoints;
    }

    static string Title(string serviceName) => $"{serviceName} API";
}
