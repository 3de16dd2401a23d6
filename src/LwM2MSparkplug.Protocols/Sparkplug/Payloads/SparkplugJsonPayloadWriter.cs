using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// Writes a whole Sparkplug message as JSON, resolving metric names and datatypes sent by alias from the edge node's
/// birth certificates (a <see cref="MetricDirectory"/>). A metric that cannot be resolved or read is written with
/// <c>"value":null</c> and an <c>"error"</c> reason, so nothing in the message is silently dropped.
/// </summary>
public static class SparkplugJsonPayloadWriter
{
    /// <summary>Writes the message; returns how many metrics could not be resolved or read.</summary>
    public static int Write(Utf8JsonWriter writer, SparkplugTopic topic, Payload payload, MetricDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(payload);
        var unresolved = 0;
        writer.WriteStartObject();
        writer.WriteString("group_id", topic.GroupId);
        writer.WriteString("message_type", SparkplugTopic.ToLevel(topic.MessageType));
        writer.WriteString("edge_node_id", topic.EdgeNodeId);
        if (topic.DeviceId is not null)
        {
            writer.WriteString("device_id", topic.DeviceId);
        }
        if (payload.HasTimestamp)
        {
            writer.WriteNumber("timestamp", payload.Timestamp);
        }
        if (payload.HasSeq)
        {
            writer.WriteNumber("seq", payload.Seq);
        }
        if (payload.HasUuid)
        {
            writer.WriteString("uuid", payload.Uuid);
        }
        writer.WriteStartArray("metrics");
        foreach (var metric in payload.Metrics)
        {
            var alias = metric.HasAlias ? metric.Alias : (ulong?)null;
            var name = metric.HasName ? metric.Name : null;
            MetricDescriptor? descriptor = null;
            if (directory is not null && directory.TryResolve(topic.DeviceId, name, alias, out var found))
            {
                descriptor = found;
            }
            var error = SparkplugPayloadDecoder.TryReadMetric(metric, descriptor?.DataType, out var decoded);
            if (error == MetricValueError.None)
            {
                SparkplugJsonWriter.WriteMetric(writer, decoded, descriptor?.Name);
                continue;
            }
            unresolved++;
            writer.WriteStartObject();
            if ((name ?? descriptor?.Name) is { } resolvedName)
            {
                writer.WriteString("name", resolvedName);
            }
            if (alias is { } a)
            {
                writer.WriteNumber("alias", a);
            }
            if (metric.HasTimestamp)
            {
                writer.WriteNumber("timestamp", metric.Timestamp);
            }
            writer.WriteNull("value");
            writer.WriteString("error", descriptor is null && !metric.HasDatatype ? "unknown_alias" : ReasonNames.Of(error));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (payload.HasBody)
        {
            writer.WriteBase64String("body", payload.Body.Span);
        }
        writer.WriteEndObject();
        return unresolved;
    }
}
