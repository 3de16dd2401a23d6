using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>The content of a Notify or Send as it arrived: the JSON contract's payload value, or the OMA binding's bytes.</summary>
public readonly record struct ReportContent(Lwm2mContentFormat Format, JsonElement? Json, ReadOnlyMemory<byte> Bytes)
{
    public static ReportContent FromJson(Lwm2mContentFormat format, JsonElement payload) => new(format, payload, default);

    public static ReportContent FromBytes(Lwm2mContentFormat format, ReadOnlyMemory<byte> content) => new(format, null, content);

    /// <summary>
    /// Whether a Send may carry this format: SenML JSON, SenML CBOR or LwM2M CBOR (LwM2M 1.2 Core §6.4.6), each naming
    /// the full paths of its values.
    /// </summary>
    public bool IsSendFormat => Format is Lwm2mContentFormat.SenmlJson or Lwm2mContentFormat.SenmlCbor or Lwm2mContentFormat.Lwm2mCbor;

    /// <summary>The values, typed by the device's model; <paramref name="target"/> types single-value formats (text, opaque, cbor).</summary>
    public bool TryReadValues(Lwm2mPath? target, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error) =>
        Json is { } json
            ? Lwm2mContent.TryReadValues(target, Format, json, model, out values, out error)
            : Lwm2mContent.TryDecode(target, Format, Bytes, model, out values, out error);
}
