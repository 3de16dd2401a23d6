using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LwM2MSparkplug.ServiceDefaults.Api;

/// <summary>Says in a service's OpenAPI document which operations need the API key and how to send it.</summary>
public static class ApiKeyOpenApi
{
    public const string SchemeName = "apiKey";

    /// <summary>Declares the bearer scheme and requires it on every operation <see cref="ApiKeyMiddleware"/> guards.</summary>
    public static OpenApiOptions AddApiKeySecurity(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The service's API_KEY, when one is set, as 'Authorization: Bearer <key>' (or 'X-API-Key: <key>'). "
                    + "Needed by every operation that changes something; by reads too when API_PROTECT_READS is true.",
            };
            foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations ?? [])
                .Where(operation => !ApiKeyMiddleware.IsRead(operation.Key.Method))
                .Select(operation => operation.Value))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
