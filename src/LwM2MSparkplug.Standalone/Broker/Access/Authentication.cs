namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>The outcome of <see cref="ClientAuthenticator"/> for one CONNECT: an identity, or a refusal.</summary>
/// <param name="Identity">Who the client is; null when refused.</param>
/// <param name="Reason">Why it was refused, as counted (<see cref="BrokerStatistics"/>); null when accepted.</param>
/// <param name="Explanation">Why it was refused, for the client (MQTT 5 reason string) and the log.</param>
public sealed record Authentication(ClientIdentity? Identity, string? Reason, string? Explanation)
{
    public static Authentication Accepted(ClientIdentity identity) => new(identity, null, null);

    public static Authentication Refused(string reason, string explanation) => new(null, reason, explanation);
}
