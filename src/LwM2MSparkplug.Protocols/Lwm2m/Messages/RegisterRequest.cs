namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>An LwM2M Register (LwM2M 1.2 Core §6.2.1) received on <c>lwm2m/{ep}/reg</c>.</summary>
/// <remarks><see cref="BindingMode"/> holds the binding letters, e.g. <c>U</c>, <c>M</c> or the original's <c>UQ</c>.</remarks>
public sealed record RegisterRequest(string Endpoint, TimeSpan Lifetime, string Version, string BindingMode, Lwm2mObjectList Objects)
{
    /// <summary>The client's MSISDN for the SMS binding (Register parameter <c>sms</c>); null when not given.</summary>
    public string? Sms { get; init; }

    /// <summary>The longest <c>sms</c> accepted: an MSISDN has at most 15 digits, with room for a leading +.</summary>
    public const int MaxSmsLength = 16;

    /// <summary>What an <c>sms</c> must look like, for error messages.</summary>
    public const string MsisdnForm = "the client's MSISDN as a string of digits, e.g. \"+358401234567\", at most 16 characters";

    public static bool IsMsisdn(string text) => text is { Length: > 0 and <= MaxSmsLength } && text.TrimStart('+') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit);

    /// <summary>
    /// Whether the device sleeps between its messages (LwM2M 1.2 Core §6.5, the Register's <c>Q</c> parameter): the
    /// contract's <c>queueMode</c> when given, else a <c>Q</c> among the binding letters, as LwM2M 1.0 and the
    /// original stack's <c>UQ</c> say it.
    /// </summary>
    public bool QueueMode { get; init; }

    /// <summary>The lifetime when a Register names none (LwM2M 1.2 Core §6.2.1: 86400 s).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(86400);
}
