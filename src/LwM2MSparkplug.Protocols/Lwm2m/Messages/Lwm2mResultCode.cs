using System.Globalization;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>A CoAP-style result code, written <c>class.detail</c> (e.g. <c>2.05</c>), as LwM2M uses them.</summary>
public readonly record struct Lwm2mResultCode(int Class, int Detail)
{
    public static readonly Lwm2mResultCode Created = new(2, 1);
    public static readonly Lwm2mResultCode Deleted = new(2, 2);
    public static readonly Lwm2mResultCode Changed = new(2, 4);
    public static readonly Lwm2mResultCode Content = new(2, 5);
    public static readonly Lwm2mResultCode BadRequest = new(4, 0);
    public static readonly Lwm2mResultCode Unauthorized = new(4, 1);
    public static readonly Lwm2mResultCode Forbidden = new(4, 3);
    public static readonly Lwm2mResultCode NotFound = new(4, 4);
    public static readonly Lwm2mResultCode MethodNotAllowed = new(4, 5);
    public static readonly Lwm2mResultCode NotAcceptable = new(4, 6);
    public static readonly Lwm2mResultCode RequestEntityTooLarge = new(4, 13);
    public static readonly Lwm2mResultCode UnsupportedContentFormat = new(4, 15);
    public static readonly Lwm2mResultCode InternalServerError = new(5, 0);
    public static readonly Lwm2mResultCode NotImplemented = new(5, 1);
    public static readonly Lwm2mResultCode ServiceUnavailable = new(5, 3);

    public bool IsSuccess => Class == 2;

    public static bool TryParse(string? text, out Lwm2mResultCode code)
    {
        code = default;
        if (text is not { Length: 4 } || text[1] != '.' || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[2]) || !char.IsAsciiDigit(text[3]))
        {
            return false;
        }
        code = new Lwm2mResultCode(text[0] - '0', int.Parse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture));
        return code.Class is 2 or 4 or 5;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Class}.{Detail:D2}");
}
