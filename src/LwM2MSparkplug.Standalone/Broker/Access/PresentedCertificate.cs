namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>What a client's TLS certificate says, as <see cref="DeviceCertificateCheck"/> found it.</summary>
/// <param name="Subject">The certificate's subject, for messages.</param>
/// <param name="CommonName">Its common name: the device id when the certificate chains to the device CA.</param>
/// <param name="Problem">Null when the certificate chains to the device CA and may authenticate a client; else why not.</param>
public sealed record PresentedCertificate(string Subject, string CommonName, string? Problem)
{
    public bool IssuedByDeviceCa => Problem is null;
}
