using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// The <see cref="Lwm2mClient"/>'s answer to a request, before a dialect encodes it: a result code, and content as
/// resource values (<see cref="Format"/> null: the dialect's structured format) or links (Discover).
/// </summary>
public sealed record Lwm2mClientResponse(Lwm2mResultCode Code)
{
    public IReadOnlyList<Lwm2mResourceValue>? Values { get; init; }
    public Lwm2mContentFormat? Format { get; init; }
    public IReadOnlyList<Lwm2mLink>? Links { get; init; }

    /// <summary>Create: the new instance.</summary>
    public Lwm2mPath? Location { get; init; }

    /// <summary>For codes from 4.00 up: a sentence for people.</summary>
    public string? Error { get; init; }

    public static Lwm2mClientResponse Failure(Lwm2mResultCode code, string error) => new(code) { Error = error };

    public static Lwm2mClientResponse Content(IReadOnlyList<Lwm2mResourceValue> values, Lwm2mContentFormat? format = null) =>
        new(Lwm2mResultCode.Content) { Values = values, Format = format };
}
