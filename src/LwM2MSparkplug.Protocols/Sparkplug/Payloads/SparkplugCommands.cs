using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>NCMD and DCMD payloads a host application sends. Commands carry a timestamp and never a seq.</summary>
public static class SparkplugCommands
{
    /// <summary>The NBIRTH metric an edge node declares and a host writes true to request a rebirth.</summary>
    public const string NodeControlRebirth = "Node Control/Rebirth";

    /// <summary>
    /// A rebirth request: metric <c>Node Control/Rebirth</c> = true, Boolean, by name (it is never aliased)
    /// (tck-id-operational-behavior-data-commands-ncmd-rebirth-name/-value).
    /// </summary>
    public static Payload CreateRebirthRequest(DateTimeOffset now)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(now, seq: null);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(
            new SparkplugMetric(NodeControlRebirth, null, (ulong)now.ToUnixTimeMilliseconds(), MetricValue.FromBoolean(true))));
        return payload;
    }

    /// <summary>A metric write: by alias when the birth declared one, else by name; always with the declared datatype.</summary>
    public static Payload CreateWrite(DateTimeOffset now, MetricDescriptor target, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (value.DataType != target.DataType)
        {
            throw new ArgumentException($"Metric '{target.Name}' is {target.DataType}; the value is {value.DataType}.", nameof(value));
        }
        var payload = SparkplugPayloadEncoder.CreatePayload(now, seq: null);
        var name = target.Alias is null ? target.Name : null;
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(name, target.Alias, (ulong)now.ToUnixTimeMilliseconds(), value)));
        return payload;
    }
}
