namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>
/// The LwM2M content formats this project reads and writes, with their CoAP content-format numbers (LwM2M 1.2 Core
/// §7.5). In the JSON contract the binary ones travel base64-encoded in the envelope's <c>payload</c> string.
/// </summary>
public enum Lwm2mContentFormat
{
    /// <summary><c>senml+json</c>, 110.</summary>
    SenmlJson = 110,
    /// <summary><c>text</c>, 0.</summary>
    Text = 0,
    /// <summary><c>opaque</c>, 42: base64 text in JSON.</summary>
    Opaque = 42,
    /// <summary><c>link</c>, 40: CoRE link format.</summary>
    Link = 40,
    /// <summary><c>senml+cbor</c>, 112.</summary>
    SenmlCbor = 112,
    /// <summary><c>lwm2m+cbor</c>, 11544: LwM2M 1.2's nested CBOR maps.</summary>
    Lwm2mCbor = 11544,
    /// <summary><c>cbor</c>, 60: one resource value as a plain CBOR item.</summary>
    Cbor = 60,
    /// <summary><c>tlv</c>, 11542: LwM2M 1.0's type-length-value.</summary>
    Tlv = 11542,
    /// <summary><c>lwm2m+json</c>, 11543: LwM2M 1.0's JSON.</summary>
    OmaJson = 11543,
}

public static class Lwm2mContentFormatNames
{
    static readonly Lwm2mContentFormat[] All = Enum.GetValues<Lwm2mContentFormat>();

    public static string ToWire(this Lwm2mContentFormat format) => format switch
    {
        Lwm2mContentFormat.SenmlJson => "senml+json",
        Lwm2mContentFormat.Text => "text",
        Lwm2mContentFormat.Opaque => "opaque",
        Lwm2mContentFormat.Link => "link",
        Lwm2mContentFormat.SenmlCbor => "senml+cbor",
        Lwm2mContentFormat.Lwm2mCbor => "lwm2m+cbor",
        Lwm2mContentFormat.Cbor => "cbor",
        Lwm2mContentFormat.Tlv => "tlv",
        _ => "lwm2m+json",
    };

    /// <summary>Binary formats travel base64-encoded in the JSON contract; the others as JSON text or values.</summary>
    public static bool IsBinary(this Lwm2mContentFormat format) =>
        format is Lwm2mContentFormat.SenmlCbor or Lwm2mContentFormat.Lwm2mCbor or Lwm2mContentFormat.Cbor or Lwm2mContentFormat.Tlv or Lwm2mContentFormat.Opaque;

    /// <summary>The formats of LwM2M 1.0 devices, read from any device but offered only to devices that registered as 1.0.</summary>
    public static bool IsLegacy(this Lwm2mContentFormat format) => format is Lwm2mContentFormat.Tlv or Lwm2mContentFormat.OmaJson;

    public static bool TryParse(string? text, out Lwm2mContentFormat format)
    {
        foreach (var candidate in All)
        {
            if (candidate.ToWire() == text)
            {
                format = candidate;
                return true;
            }
        }
        format = default;
        return false;
    }

    /// <summary>The format of a CoAP content-format number (the OMA binding's key 19); false for one this project does not speak.</summary>
    public static bool TryFromNumber(ulong number, out Lwm2mContentFormat format)
    {
        foreach (var candidate in All)
        {
            if ((ulong)candidate == number)
            {
                format = candidate;
                return true;
            }
        }
        format = default;
        return false;
    }

    /// <summary>Every name, for error messages: <c>senml+json, text, …</c>.</summary>
    public static string Names => string.Join(", ", All.Select(f => f.ToWire()));
}
