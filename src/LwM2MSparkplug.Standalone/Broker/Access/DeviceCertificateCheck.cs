using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>
/// Whether a client certificate was issued by the device CA, is valid now and is meant for client authentication.
/// Only the device CA is trusted here: the broker CA and the system store are not.
/// </summary>
public sealed class DeviceCertificateCheck(X509Certificate2 deviceCa, TimeProvider time)
{
    const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public PresentedCertificate Check(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(deviceCa);
        // A development CA publishes no revocation list.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        var problem = chain.Build(certificate)
            ? null
            : string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Where(text => text.Length > 0).Distinct());
        return new PresentedCertificate(certificate.Subject, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), problem is null ? null : problem.Length > 0 ? problem : "the chain does not end at the device CA");
    }
}
