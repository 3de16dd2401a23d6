using System.Security.Cryptography.X509Certificates;

namespace LwM2MSparkplug.Certificates;

/// <summary>A PEM certificate and its PEM private key on disk.</summary>
public sealed record CertificateFiles(string CertificatePath, string KeyPath)
{
    /// <summary>Loads the pair as a certificate with its private key, usable by <c>SslStream</c> on every platform.</summary>
    public X509Certificate2 Load()
    {
        using var pem = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
        // Round-trip through PKCS#12 so the key is not ephemeral (SslStream on Windows rejects ephemeral keys).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
