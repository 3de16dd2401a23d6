using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>
/// Decides who a connecting client is, as the Compose stack's Mosquitto does: a client certificate from the device CA
/// makes a device whose identity is the certificate's common name (<c>use_identity_as_username</c>; a user name it
/// sends is ignored); without one, a password account's user name and password. Pure: the certificate arrives checked.
/// </summary>
public sealed class ClientAuthenticator(BrokerAccounts accounts)
{
    public Authentication Authenticate(PresentedCertificate? certificate, string? userName, ReadOnlySpan<byte> password)
    {
        if (certificate is not null)
        {
            return AuthenticateDevice(certificate);
        }
        if (string.IsNullOrEmpty(userName))
        {
            return Authentication.Refused(BrokerStatistics.NoCredentials,
                "no client certificate and no user name: devices connect to the TLS port with a certificate from the device CA, people and services with a user name and password");
        }
        return accounts.Verify(userName, password) is { } identity
            ? Authentication.Accepted(identity)
            : Authentication.Refused(BrokerStatistics.BadCredentials, "bad user name or password");
    }

    Authentication AuthenticateDevice(PresentedCertificate certificate)
    {
        if (!certificate.IssuedByDeviceCa)
        {
            return Authentication.Refused(BrokerStatistics.CertificateNotTrusted,
                $"client certificate '{certificate.Subject}' is not accepted: {certificate.Problem} (devices need a certificate issued by the broker's device CA)");
        }
        var id = certificate.CommonName;
        if (SparkplugTopic.ValidateId(id) != SparkplugTopicError.None || Lwm2mTopic.ValidateEndpoint(id) != Lwm2mTopicError.None || id.StartsWith('$'))
        {
            return Authentication.Refused(BrokerStatistics.CertificateNameInvalid,
                $"client certificate common name '{id}' cannot be a device id: it must be one MQTT topic level, without '/', '+' or '#'");
        }
        if (accounts.Contains(id))
        {
            return Authentication.Refused(BrokerStatistics.CertificateNameInvalid,
                $"client certificate common name '{id}' is the name of a password account, which no device may take");
        }
        return Authentication.Accepted(new ClientIdentity(id, ClientRole.Device));
    }
}
