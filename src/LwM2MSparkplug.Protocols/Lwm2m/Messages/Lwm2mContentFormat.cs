namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>Content formats of the wire contract, with their CoAP content-format numbers (LwM2M 1.2 Core §7.5).</summary>
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
}

public static class Lwm2mContentFormatNames
{
    public static string ToWire(this Lwm2mContentFormat format) => format switch
    {
        Lwm2mContentFormat.SenmlJson => "senml+json",
        Lwm2mContentFormat.Text => "text",
        Lwm2mContentFormat.Opaque => "opaque",
        _ => "link",
    };

    public static bool TryParse(string? text, out Lwm2mContentFormat format)
    {
        switch (text)
        {
            case "senml+json": format = Lwm2mContentFormat.SenmlJson; return true;
            case "text": format = Lwm2mContentFormat.Text; return true;
            case "opaque": format = Lwm2mContentFormat.Opaque; return true;
            case "link": format = Lwm2mContentFormat.Link; return true;
            default: format = default; return false;
        }
    }
}
