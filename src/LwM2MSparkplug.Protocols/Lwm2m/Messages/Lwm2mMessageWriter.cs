using System.Buffers;
using System.Globalization;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>Writes the JSON registration messages of the wire contract; the inverse of <see cref="Lwm2mMessageParser"/>.</summary>
public static class Lwm2mMessageWriter
{
    public static byte[] WriteRegister(RegisterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("endpoint", request.Endpoint);
            writer.WriteNumber("lifetime", (long)request.Lifetime.TotalSeconds);
            writer.WriteString("version", request.Version);
            writer.WriteString("bindingMode", request.BindingMode);
            // Always written: left out, a Q among the binding letters would be read as queue mode.
            writer.WriteBoolean("queueMode", request.QueueMode);
            writer.WritePropertyName("objects");
            WriteObjects(writer, request.Objects);
            writer.WriteEndObject();
        });
    }

    public static byte[] WriteUpdate(UpdateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(writer =>
        {
            writer.WriteStartObject();
            if (request.Lifetime is { } lifetime)
            {
                writer.WriteNumber("lifetime", (long)lifetime.TotalSeconds);
            }
            if (request.BindingMode is not null)
            {
                writer.WriteString("bindingMode", request.BindingMode);
            }
            if (request.Objects is not null)
            {
                writer.WritePropertyName("objects");
                WriteObjects(writer, request.Objects);
            }
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// Writes an object list in the original nested form: object → instance → resource → value, with a declared
    /// object version as <c>"ver"</c> beside the instances.
    /// </summary>
    public static void WriteObjects(Utf8JsonWriter writer, Lwm2mObjectList objects)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(objects);
        writer.WriteStartObject();
        foreach (var objectGroup in objects.Links.GroupBy(p => p.ObjectId!.Value).OrderBy(g => g.Key))
        {
            writer.WriteStartObject(Id(objectGroup.Key));
            if (objects.Versions.TryGetValue(objectGroup.Key, out var version))
            {
                writer.WriteString("ver", version);
            }
            foreach (var instance in objectGroup.Where(p => p.IsObjectInstance).OrderBy(p => p))
            {
                writer.WriteStartObject(Id(instance.ObjectInstanceId!.Value));
                var resources = objects.Values.Where(v => instance.Contains(v.Key)).OrderBy(v => v.Key).ToList();
                foreach (var resourceGroup in resources.GroupBy(v => v.Key.ResourceId!.Value))
                {
                    var single = resourceGroup.SingleOrDefault(v => v.Key.IsResource);
                    if (single.Key.IsResource)
                    {
                        writer.WritePropertyName(Id(resourceGroup.Key));
                        single.Value.WriteTo(writer);
                        continue;
                    }
                    writer.WriteStartObject(Id(resourceGroup.Key));
                    foreach (var (path, value) in resourceGroup)
                    {
                        writer.WritePropertyName(Id(path.ResourceInstanceId!.Value));
                        value.WriteTo(writer);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    static string Id(ushort id) => id.ToString(CultureInfo.InvariantCulture);

    static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
