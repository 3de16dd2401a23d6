using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Mqtt;

public sealed class CaCertificateFileTests : IDisposable
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"ca-{Guid.NewGuid():N}.crt");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Load_ReadsEveryCertificateOfTheFile_AndReusesThemWhileTheFileIsUnchanged()
    {
        File.WriteAllText(_path, Pem("CN=old CA") + Pem("CN=new CA"));

        var first = CaCertificateFile.Load(_path);
        var second = CaCertificateFile.Load(_path);

        Assert.Equal(["CN=old CA", "CN=new CA"], first.Select(c => c.Subject));
        Assert.Same(first, second);
    }

    [Fact]
    public void Load_ReadsTheFileAgainOnceItChanged()
    {
        File.WriteAllText(_path, Pem("CN=old CA"));
        var before = CaCertificateFile.Load(_path);
        File.WriteAllText(_path, Pem("CN=new CA"));
        File.SetLastWriteTimeUtc(_path, File.GetLastWriteTimeUtc(_path).AddSeconds(1));

        var after = CaCertificateFile.Load(_path);

        Assert.Equal("CN=old CA", Assert.Single(before).Subject);
        Assert.Equal("CN=new CA", Assert.Single(after).Subject);
    }

    static string Pem(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem() + "\n";
    }
}
