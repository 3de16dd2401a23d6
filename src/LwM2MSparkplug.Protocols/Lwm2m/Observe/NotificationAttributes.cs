using System.Text.Json;

namespace LwM2MSparkplug.Protocols.Lwm2m.Observe;

/// <summary>
/// The &lt;NOTIFICATION&gt; attributes of a path (LwM2M 1.2 Core §5.1.2): <c>pmin</c>/<c>pmax</c> in seconds,
/// <c>gt</c>/<c>lt</c> thresholds and <c>st</c> step for numeric resources; and those LwM2M 1.2 added:
/// <c>epmin</c>/<c>epmax</c>, the shortest and longest time between two evaluations (samplings) of the value,
/// <c>edge</c> (0 or 1) to notify a Boolean only on its falling or rising edge, <c>con</c> (0 or 1) for
/// non-confirmable or confirmable notifications, and <c>hqmax</c>, the most notifications to keep while the server
/// cannot be reached. Null means unset.
/// </summary>
public sealed record NotificationAttributes(double? Pmin = null, double? Pmax = null, double? Gt = null, double? Lt = null, double? St = null)
{
    public static readonly NotificationAttributes None = new();

    /// <summary>The attribute names, as written on the wire.</summary>
    public static readonly IReadOnlyList<string> Names = ["pmin", "pmax", "gt", "lt", "st", "epmin", "epmax", "edge", "con", "hqmax"];

    public double? Epmin { get; init; }
    public double? Epmax { get; init; }
    public double? Edge { get; init; }
    public double? Con { get; init; }
    public double? Hqmax { get; init; }

    public bool IsEmpty => Values.All(pair => pair.Value is null);

    /// <summary>Every attribute by its wire name, in <see cref="Names"/> order; null when unset.</summary>
    public IEnumerable<KeyValuePair<string, double?>> Values =>
    [
        new("pmin", Pmin), new("pmax", Pmax), new("gt", Gt), new("lt", Lt), new("st", St),
        new("epmin", Epmin), new("epmax", Epmax), new("edge", Edge), new("con", Con), new("hqmax", Hqmax),
    ];

    /// <summary>Each attribute of this set, else the one of <paramref name="fallback"/> (a parent level, Core §5.1.2).</summary>
    public NotificationAttributes Or(NotificationAttributes fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new NotificationAttributes(Pmin ?? fallback.Pmin, Pmax ?? fallback.Pmax, Gt ?? fallback.Gt, Lt ?? fallback.Lt, St ?? fallback.St)
        {
            Epmin = Epmin ?? fallback.Epmin,
            Epmax = Epmax ?? fallback.Epmax,
            Edge = Edge ?? fallback.Edge,
            Con = Con ?? fallback.Con,
            Hqmax = Hqmax ?? fallback.Hqmax,
        };
    }

    /// <summary>The longest period, in seconds: what the Server object's periods hold (an unsigned 32-bit integer).</summary>
    public const double MaxPeriodSeconds = uint.MaxValue;

    /// <summary>
    /// Null when valid; else why: negative or endless periods, negative steps, lt/gt/st that contradict, epmin above
    /// epmax, edge or con other than 0 or 1, hqmax not a whole number (Core §5.1.2).
    /// </summary>
    public string? Validate()
    {
        if (Pmin < 0 || Pmax < 0 || St < 0 || Epmin < 0 || Epmax < 0)
        {
            return "pmin, pmax, epmin, epmax and st must not be negative";
        }
        if (Pmin > MaxPeriodSeconds || Pmax > MaxPeriodSeconds || Epmin > MaxPeriodSeconds || Epmax > MaxPeriodSeconds)
        {
            return $"pmin, pmax, epmin and epmax must be at most {MaxPeriodSeconds} seconds";
        }
        if (Epmin is { } epmin && Epmax is { } epmax && epmin > epmax)
        {
            return "epmin must not be greater than epmax";
        }
        if (Edge is not (null or 0 or 1) || Con is not (null or 0 or 1))
        {
            return "edge and con must be 0 or 1";
        }
        if (Hqmax is { } hqmax && (hqmax < 0 || hqmax != Math.Floor(hqmax) || hqmax > uint.MaxValue))
        {
            return "hqmax must be a whole number of notifications, 0 or more";
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
                "epmin" => result with { Epmin = value },
                "epmax" => result with { Epmax = value },
                "edge" => result with { Edge = value },
                "con" => result with { Con = value },
                "hqmax" => result with { Hqmax = value },
                _ => null!,
            };
            if (result is null)
            {
                error = $"unknown attribute '{name}'; use {string.Join(", ", Names)}";
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
        foreach (var (name, value) in Values)
        {
            if (value is { } v)
            {
                writer.WriteNumber(name, v);
            }
        }
        writer.WriteEndObject();
    }
}
