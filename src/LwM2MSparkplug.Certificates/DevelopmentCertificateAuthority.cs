using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LwM2MSparkplug.Certificates;

/// <summary>
/// A private certificate authority for development and the Compose stack: a CA, server certificates for the
/// broker and client certificates, written as PEM files (keys readable by the owner only). Files are reused
/// while valid, so restarting keeps the CA that clients already trust. Nothing here is meant for production.
/// </summary>
public sealed class DevelopmentCertificateAuthority : IDisposable
{
    public const string CaCertificateFileName = "ca.crt";
    public const string CaKeyFileName = "ca.key";
    public const string DefaultName = "LwM2MSparkplug Development CA";

    static readonly TimeSpan CaValidity = TimeSpan.FromDays(5 * 365);
    static readonly TimeSpan LeafValidity = TimeSpan.FromDays(397);
    static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    readonly X509Certificate2 _ca;
    readonly ECDsa _caKey;
    readonly TimeProvider _time;
    readonly Lock _signing = new();

    DevelopmentCertificateAuthority(string directory, X509Certificate2 ca, ECDsa caKey, TimeProvider time)
    {
        Directory = directory;
        _ca = ca;
        _caKey = caKey;
        _time = time;
    }

    public string Directory { get; }
    public string CaCertificatePath => Path.Combine(Directory, CaCertificateFileName);
    public string CaKeyPath => Path.Combine(Directory, CaKeyFileName);
    public X509Certificate2 CaCertificate => _ca;

    /// <summary>
    /// Loads the CA from <paramref name="directory"/>, or creates one named <paramref name="name"/> there when it is
    /// missing or about to expire. Separate directories hold separate CAs (the broker's, and the one that issues devices).
    /// </summary>
    public static DevelopmentCertificateAuthority LoadOrCreate(string directory, TimeProvider? time = null, string name = DefaultName)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        time ??= TimeProvider.System;
        System.IO.Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, CaCertificateFileName);
        var keyPath = Path.Combine(directory, CaKeyFileName);
        var now = time.GetUtcNow();
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
            if (existing.NotAfter.ToUniversalTime() > now.UtcDateTime + RenewBefore)
            {
                var key = ECDsa.Create();
                key.ImportFromPem(File.ReadAllText(keyPath));
                return new DevelopmentCertificateAuthority(directory, existing, key, time);
            }
        }

        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("LwM2MSparkplug");
        subject.AddCommonName(name);
        var request = new CertificateRequest(subject.Build(), caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(now.AddDays(-1), now + CaValidity);
        WritePem(certificatePath, ca.ExportCertificatePem(), secret: false);
        WritePem(keyPath, caKey.ExportPkcs8PrivateKeyPem(), secret: true);
        using var withKey = ca;
        return new DevelopmentCertificateAuthority(directory, X509Certificate2.CreateFromPem(ca.ExportCertificatePem()), caKey, time);
    }

    /// <summary>Loads an existing CA (certificate and private key as PEM files) to issue certificates in memory.</summary>
    public static DevelopmentCertificateAuthority Load(string certificatePath, string keyPath, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePath);
        ArgumentException.ThrowIfNullOrEmpty(keyPath);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        if (!ca.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            key.Dispose();
            ca.Dispose();
            throw new InvalidOperationException($"{keyPath} is not the private key of the CA certificate {certificatePath}.");
        }
        return new DevelopmentCertificateAuthority(Path.GetDirectoryName(Path.GetFullPath(certificatePath))!, ca, key, time ?? TimeProvider.System);
    }

    /// <summary>
    /// A client certificate with its private key, in memory only (nothing is written): the common name is the
    /// identity a broker with <c>use_identity_as_username</c> gives the client.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(string commonName, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Issue(ClientSubject(commonName), key, serverAuth: false, _ => { }, validity);
        var withKey = issued.CopyWithPrivateKey(key);
        if (!OperatingSystem.IsWindows())
        {
            // Issued per device at start: the PKCS#12 round trip below costs more than the rest together.
            return withKey;
        }
        // SslStream on Windows rejects ephemeral keys: round-trip through PKCS#12 so the key is not ephemeral.
        using (withKey)
        {
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>
    /// A server certificate <c>{name}.crt</c>/<c>{name}.key</c> valid for the given DNS names and addresses, in
    /// <paramref name="directory"/> (default: the CA's); reused when it exists, was issued by this CA, covers the
    /// names and is not about to expire.
    /// </summary>
    public CertificateFiles EnsureServerCertificate(string name, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, string? directory = null)
    {
        var dns = dnsNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ips = addresses.Distinct().ToList();
        return Ensure(directory ?? Directory, name, new X500DistinguishedName($"CN={dns.FirstOrDefault() ?? name}"), serverAuth: true, existing => Covers(existing, dns, ips), request =>
        {
            var san = new SubjectAlternativeNameBuilder();
            dns.ForEach(san.AddDnsName);
            ips.ForEach(san.AddIpAddress);
            request.CertificateExtensions.Add(san.Build());
        });
    }

    /// <summary>A client certificate whose common name is <paramref name="commonName"/> (Mosquitto can use it as the user name).</summary>
    public CertificateFiles EnsureClientCertificate(string commonName) =>
        Ensure(Directory, commonName, ClientSubject(commonName), serverAuth: false, existing => existing.GetNameInfo(X509NameType.SimpleName, false) == commonName, _ => { });

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
    }

    CertificateFiles Ensure(string directory, string name, X500DistinguishedName subject, bool serverAuth, Func<X509Certificate2, bool> isSuitable, Action<CertificateRequest> addNames)
    {
        var files = new CertificateFiles(Path.Combine(directory, name + ".crt"), Path.Combine(directory, name + ".key"));
        var now = _time.GetUtcNow();
        if (File.Exists(files.CertificatePath) && File.Exists(files.KeyPath))
        {
            using var existing = X509Certificate2.CreateFromPem(File.ReadAllText(files.CertificatePath));
            if (existing.Issuer == _ca.Subject && existing.NotAfter.ToUniversalTime() > now.UtcDateTime + RenewBefore && IsSignedByCa(existing) && isSuitable(existing))
            {
                return files;
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Issue(subject, key, serverAuth, addNames, LeafValidity);
        WritePem(files.CertificatePath, issued.ExportCertificatePem(), secret: false);
        WritePem(files.KeyPath, key.ExportPkcs8PrivateKeyPem(), secret: true);
        return files;
    }

    X509Certificate2 Issue(X500DistinguishedName subject, ECDsa key, bool serverAuth, Action<CertificateRequest> addNames, TimeSpan validity)
    {
        var now = _time.GetUtcNow();
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        var usage = serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2";
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        addNames(request);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now + validity < _ca.NotAfter ? now + validity : new DateTimeOffset(_ca.NotAfter.ToUniversalTime());
        // Devices are issued from many connection tasks at once; one CA key object is not meant for concurrent use.
        lock (_signing)
        {
            return request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), now.AddDays(-1), notAfter, serial);
        }
    }

    /// <summary>The common name alone, escaped as X.500 requires (an endpoint may hold commas or quotes).</summary>
    static X500DistinguishedName ClientSubject(string commonName)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        return subject.Build();
    }

    bool IsSignedByCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    static bool Covers(X509Certificate2 certificate, List<string> dnsNames, List<IPAddress> addresses)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return false;
        }
        var names = san.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ips = san.EnumerateIPAddresses().ToHashSet();
        return dnsNames.All(names.Contains) && addresses.All(ips.Contains);
    }

    static void WritePem(string path, string pem, bool secret)
    {
        File.WriteAllText(path, pem);
        if (secret && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
