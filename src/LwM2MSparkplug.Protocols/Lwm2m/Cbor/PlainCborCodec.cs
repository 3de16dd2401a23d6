using System.Formats.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Cbor;

/// <summary>
/// Plain CBOR (content format 60): the value of the one resource or resource instance the request named, as a single
/// CBOR item (Core App. C Tbl C-2). Like text, it carries no path, so reading needs the target; the value is typed by
/// the object model as LwM2M CBOR's are (any integer or float width, a time as seconds or tag 1/0, an object link as
/// <c>"oid:iid"</c> text). Bytes after the item are refused.
/// </summary>
public static class PlainCborCodec
{
    public static bool TryRead(Lwm2mPath? target, ReadOnlyMemory<byte> content, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        values = [];
        if (target is not { Depth: >= 3 } path)
        {
            error = $"{Lwm2mContentFormat.Cbor.ToWire()} content is one resource's value: it needs a resource path";
            return false;
        }
        var reader = new CborReader(content, CborConformanceMode.Strict);
        try
        {
            if (!Lwm2mCborValue.TryRead(reader, out var value, out error))
            {
                error = $"{path}: {error}";
                return false;
            }
            if (reader.BytesRemaining > 0)
            {
                error = $"{path}: {reader.BytesRemaining} bytes follow the one CBOR item";
                return false;
            }
            return Lwm2mValueConverter.TryFromCbor([new Lwm2mCborItem(path, value)], model, out values, out error);
        }
        catch (Exception exception) when (CborInput.IsMalformed(exception))
        {
            error = $"{path}: not well-formed CBOR ({exception.Message})";
            return false;
        }
    }

    /// <summary>The one CBOR item of <paramref name="value"/>; a time is written as plain seconds, untagged.</summary>
    public static byte[] Write(Lwm2mResourceValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = new CborWriter(CborConformanceMode.Strict);
        Lwm2mCborValue.Write(writer, value.Value);
        return writer.Encode();
    }
}
