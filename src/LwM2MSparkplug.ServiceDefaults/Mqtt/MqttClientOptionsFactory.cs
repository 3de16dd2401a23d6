using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>Builds MQTTnet client options from <see cref="MqttConnectionOptions"/> and a session definition.</summary>
public static class MqttClientOptionsFactory
{
    public static MqttClientOptions Create(MqttConnectionOptions connection, MqttSessionDefinition session)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(session);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(connection.Host, connection.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(session.ClientId)
            .WithCleanStart(session.CleanSession)
            .WithSessionExpiryInterval((uint)session.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(connection.KeepAlive)
            .WithTimeout(connection.ConnectTimeout)
            // One write (and, over TLS, one record) per packet instead of header and payload apart: half the
            // system calls for the small messages that make up almost all of this traffic.
            .WithoutPacketFragmentation();
        if (session.ReceiveMaximum > 0)
        {
            builder.WithReceiveMaximum(session.ReceiveMaximum);
        }
        if (connection.Username is not null)
        {
            builder.WithCredentials(connection.Username, connection.Password ?? string.Empty);
        }
        if (connection.UseTls)
        {
            var certificate = session.ClientCertificate?.Invoke();
            builder.WithTlsOptions(tls => ConfigureTls(tls, connection, certificate));
        }
        if (session.Will?.Invoke() is { } will)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload)
                .WithWillQualityOfServiceLevel(will.QualityOfService)
                .WithWillRetain(will.Retain);
        }
        var options = builder.Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.BufferSize = connection.SocketBufferBytes;
        }
        return options;
    }

    static void ConfigureTls(MqttClientTlsOptionsBuilder tls, MqttConnectionOptions connection, X509Certificate2? sessionCertificate)
    {
        tls.UseTls().WithTargetHost(connection.Host);
        if (sessionCertificate is not null)
        {
            tls.WithClientCertificates([sessionCertificate]);
        }
        else if (connection.ClientCertificate is not null && connection.ClientKey is not null)
        {
            tls.WithClientCertificates([X509Certificate2.CreateFromPemFile(connection.ClientCertificate, connection.ClientKey)]);
        }
        if (connection.CaCertificate is not null)
        {
            // SslStream builds the chain once, against these CAs alone: no system-store attempt first and no second
            // chain in a validation callback, which at 10,000 device connects was a visible share of the handshake.
            // A private CA publishes no revocation lists, so revocation is not checked against it.
            tls.WithTrustChain(CaCertificateFile.Load(connection.CaCertificate)).WithIgnoreCertificateRevocationErrors(true);
        }
    }
}
