using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.ServiceDefaults.Api;

/// <summary>Who may use the REST API. Section <c>Api</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    /// <summary>Keys shorter than this are refused at start: a guessable key protects nothing.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>
    /// The key every request that changes something (any method but GET, HEAD and OPTIONS under <c>/api/</c>) must
    /// carry as <c>Authorization: Bearer {key}</c> or <c>X-API-Key: {key}</c>. Empty: the API is open.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Require the key for reads under <c>/api/</c> and the <c>/ws/</c> streams too (health and <c>/metrics</c> stay open).</summary>
    public bool ProtectReads { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Key);

    public sealed class Validator : IValidateOptions<ApiKeyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
        {
            var problems = new ConfigurationProblems(ServiceSettings.Hosting);
            if (options.Enabled && options.Key!.Length < MinimumKeyLength)
            {
                problems.Add("Api:Key", $"must be at least {MinimumKeyLength} characters long; got {options.Key.Length}. Generate one, e.g. with 'openssl rand -hex 24'.");
            }
            if (options.Enabled && !options.Key!.All(c => c is > ' ' and < '\u007F'))
            {
                problems.Add("Api:Key", "must be printable ASCII without spaces (an HTTP header carries it); generate one, e.g. with 'openssl rand -hex 24'.");
            }
            if (options.ProtectReads && !options.Enabled)
            {
                problems.Add("Api:ProtectReads", "needs a key to protect reads with; set API_KEY as well.");
            }
            return problems.ToResult();
        }
    }
}
