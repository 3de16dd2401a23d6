using System.Text.Json;

namespace LwM2MSparkplug.Protocols.Lwm2m.Observe;

/// <summary>
/// The &lt;NOTIFICATION&gt; attributes of a path (LwM2M 1.2 Core §5.1.2): <c>pmin</c>/<c>pmax</c> in seconds,
/// <c>gt</c>/<c>lt</c> thresholds and <c>st</c> step for numeric resources. Null means unset.
/// </summary>
public sealed record NotificationAttributes(double? Pmin = null, double? Pmax = null, double? Gt = null, double? Lt = null, double? St = null)
{
    public static readonly NotificationAttributes None = new();

    public bool IsEmpty => Pmin is null && Pmax is null && Gt is null && Lt is null && St is null;

    /// <summary>The longest period, in seconds: what the Server object's periods hold (an unsigned 32-bit integer).</summary>
    public const double MaxPeriodSeconds = uint.MaxValue;

    /// <summary>Null when valid; else why: negative or endless periods, negative steps, or lt/gt/st that contradict (Core §5.1.2).</summary>
    public string? Validate()
    {
        if (Pmin < 0 || Pmax < 0 || St < 0)
        {
            return "pmin, pmax and st must not be negative";
        }
        if (Pmin > MaxPeriodSeconds || Pmax > MaxPeriodSeconds)
        {
            return $"pmin and pmax must be at most {MaxPeriodSeconds} seconds";
        }
        if (Lt is { } lt && Gt is { } gt)
        {
            if (lt >= gt)
            {
                return "lt must be less than gt";
            }
            if (St is { } st && lt + (2 * st) >= gt)
            {
                return "lt + 2·st must be less than gt";
            }
        }
        return null;
    }

    /// <summary>Applies a Write-Attributes given as JSON: present keys set (a JSON null unsets); absent keys keep their value.</summary>
    public static bool TryApply(NotificationAttributes current, JsonElement changes, out NotificationAttributes result, out string error)
    {
        ArgumentNullException.ThrowIfNull(current);
        result = current;
        if (!TryReadChanges(changes, out var pairs, out error))
        {
            return false;
        }
        return TryApply(current, pairs, out result, out error);
    }

    /// <summary>Applies a Write-Attributes: each named attribute set, or unset when its value is null; others keep theirs.</summary>
    public static bool TryApply(NotificationAttributes current, IEnumerable<KeyValuePair<string, double?>> changes, out NotificationAttributes result, out string error)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        result = current;
        error = string.Empty;
        foreach (var (name, value) in changes)
        {
            result = name switch
            {
                "pmin" => result with { Pmin = value },
                "pmax" => result with { Pmax = value },
                "gt" => result with { Gt = value },
                "lt" => result with { Lt = value },
                "st" => result with { St = value },
                _ => null!,
            };
            if (result is null)
            {
                error = $"unknown attribute '{name}'; use pmin, pmax, gt, lt or st";
                return false;
            }
        }
        if (result.Validate() is { } invalid)
        {
            error = invalid;
            return false;
        }
        return true;
    }

    /// <summary>Reads a JSON object of attributes (numbers, or null to unset) into name/value pairs.</summary>
    public static bool TryReadChanges(JsonElement changes, out IReadOnlyList<KeyValuePair<string, double?>> pairs, out string error)
    {
        var read = new List<KeyValuePair<string, double?>>();
        pairs = read;
        error = string.Empty;
        if (changes.ValueKind != JsonValueKind.Object)
        {
            error = "attributes must be an object such as {\"pmin\":1,\"pmax\":10}";
            return false;
        }
        foreach (var attribute in changes.EnumerateObject())
        {
            switch (attribute.Value.ValueKind)
            {
                case JsonValueKind.Null:
                    read.Add(new(attribute.Name, null));
                    break;
                case JsonValueKind.Number when attribute.Value.TryGetDouble(out var number) && double.IsFinite(number):
                    read.Add(new(attribute.Name, number));
                    break;
                case JsonValueKind.Number:
                    error = $"attribute '{attribute.Name}' is out of the range of a number";
                    return false;
                default:
                    error = $"attribute '{attribute.Name}' must be a number or null";
                    return false;
            }
        }
        return true;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (name, value) in new[] { ("pmin", Pmin), ("pmax", Pmax), ("gt", Gt), ("lt", Lt), ("st", St) })
        {
            if (value is { } v)
            {
                writer.WriteNumber(name, v);
            }
        }
        writer.WriteEndObject();
    }
}
