using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.Certificates;
using LwM2MSparkplug.CertificateTool;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

public sealed class CertificateToolTests
{
    [Fact]
    public void FirstRun_CreatesACaAndABrokerCertificateForTheComposeNames()
    {
        using var directory = new TemporaryDirectory();

        var exitCode = CertificateToolCommand.Run(["--out", directory.Path, "--dns", "mosquitto,localhost", "--ip", "127.0.0.1"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exitCode);
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory.Path, "ca.crt")));
        using var broker = X509Certificate2.CreateFromPemFile(Path.Combine(directory.Path, "broker.crt"), Path.Combine(directory.Path, "broker.key"));
        Assert.True(broker.HasPrivateKey);
        var names = broker.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["mosquitto", "localhost"], names.EnumerateDnsNames());
        Assert.Equal("127.0.0.1", Assert.Single(names.EnumerateIPAddresses()).ToString());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(broker), "the broker certificate chains to the CA");
    }

    [Fact]
    public void Keys_AreReadableByTheirOwnerOnly_CertificatesByEveryone()
    {
        using var directory = new TemporaryDirectory();

        CertificateToolCommand.Run(["--out", directory.Path], TextWriter.Null, TextWriter.Null);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.Path, "broker.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.Path, "ca.key")));
        Assert.True(File.GetUnixFileMode(Path.Combine(directory.Path, "ca.crt")).HasFlag(UnixFileMode.OtherRead));
        Assert.True(File.GetUnixFileMode(Path.Combine(directory.Path, "broker.crt")).HasFlag(UnixFileMode.OtherRead));
    }

    [Fact]
    public void SecondRun_KeepsTheSameCaAndCertificate()
    {
        using var directory = new TemporaryDirectory();
        CertificateToolCommand.Run(["--out", directory.Path], TextWriter.Null, TextWriter.Null);
        var ca = File.ReadAllText(Path.Combine(directory.Path, "ca.crt"));
        var broker = File.ReadAllText(Path.Combine(directory.Path, "broker.crt"));

        var exitCode = CertificateToolCommand.Run(["--out", directory.Path], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.Equal(ca, File.ReadAllText(Path.Combine(directory.Path, "ca.crt")));
        Assert.Equal(broker, File.ReadAllText(Path.Combine(directory.Path, "broker.crt")));
    }

    [Fact]
    public void ComposeLayout_KeepsTheCaKeyApart_AndTrustsTheDeviceIssuingCaForDevices()
    {
        using var certs = new TemporaryDirectory();
        using var brokerCa = new TemporaryDirectory();
        using var deviceCa = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(certs.Path, "ca.key"), "left by an older layout");

        var exitCode = CertificateToolCommand.Run(["--out", certs.Path, "--ca-dir", brokerCa.Path, "--device-ca-dir", deviceCa.Path], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(Path.Combine(certs.Path, "ca.key")), "no CA key where every service reads");
        Assert.True(File.Exists(Path.Combine(brokerCa.Path, "ca.key")));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(certs.Path, "ca.crt")));
        Assert.Equal(File.ReadAllText(Path.Combine(brokerCa.Path, "ca.crt")), File.ReadAllText(Path.Combine(certs.Path, "ca.crt")));
        using var issuing = DevelopmentCertificateAuthority.Load(Path.Combine(deviceCa.Path, "ca.crt"), Path.Combine(deviceCa.Path, "ca.key"));
        Assert.NotEqual(ca.Thumbprint, issuing.CaCertificate.Thumbprint);
        Assert.Contains("Device CA", issuing.CaCertificate.Subject, StringComparison.Ordinal);

        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(Path.Combine(certs.Path, CertificateToolCommand.DeviceCasFileName));
        Assert.Equal([issuing.CaCertificate.Thumbprint, ca.Thumbprint], trusted.Select(c => c.Thumbprint));
        using var device = issuing.IssueClientCertificate("dev-42", TimeSpan.FromDays(1));
        Assert.Equal("dev-42", device.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(device.HasPrivateKey);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(device), "a device certificate chains to the device CAs the broker trusts");
        Assert.True(File.GetUnixFileMode(Path.Combine(deviceCa.Path, "ca.key")).HasFlag(UnixFileMode.OtherRead), "the simulator, another user, reads the issuing key");
    }

    [Fact]
    public void DeviceCaDirectory_MustBeItsOwn()
    {
        using var certs = new TemporaryDirectory();
        using var error = new StringWriter();

        var exitCode = CertificateToolCommand.Run(["--out", certs.Path, "--device-ca-dir", certs.Path], TextWriter.Null, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("CERT_DEVICE_CA_DIR", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ip", "not-an-address", "not an IP address")]
    [InlineData("--colour", "blue", "'--colour'")]
    public void BadArguments_ExitTwoWithAMessage(string option, string value, string message)
    {
        using var directory = new TemporaryDirectory();
        using var error = new StringWriter();

        var exitCode = CertificateToolCommand.Run(["--out", directory.Path, option, value], TextWriter.Null, error);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory.Path, "ca.crt")));
    }
}
