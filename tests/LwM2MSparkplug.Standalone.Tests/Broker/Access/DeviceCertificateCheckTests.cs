using LwM2MSparkplug.Certificates;
using LwM2MSparkplug.Standalone.Broker.Access;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Access;

public sealed class DeviceCertificateCheckTests
{
    [Fact]
    public void Only_a_client_certificate_issued_by_the_device_CA_passes()
    {
        using var directory = new TemporaryDirectory();
        using var deviceCa = DevelopmentCertificateAuthority.LoadOrCreate(Path.Combine(directory.Path, "device-ca"), name: "Device CA");
        using var otherCa = DevelopmentCertificateAuthority.LoadOrCreate(Path.Combine(directory.Path, "other"));
        var check = new DeviceCertificateCheck(deviceCa.CaCertificate, TimeProvider.System);
        using var device = deviceCa.IssueClientCertificate("dev-a", TimeSpan.FromDays(1));
        using var stranger = otherCa.IssueClientCertificate("dev-b", TimeSpan.FromDays(1));
        using var server = deviceCa.EnsureServerCertificate("broker", ["localhost"], []).Load();

        var accepted = check.Check(device);
        var refused = check.Check(stranger);

        Assert.True(accepted.IssuedByDeviceCa, accepted.Problem);
        Assert.Equal("dev-a", accepted.CommonName);
        Assert.False(refused.IssuedByDeviceCa);
        Assert.Equal("dev-b", refused.CommonName);
        Assert.False(check.Check(server).IssuedByDeviceCa, "a server certificate is not meant for client authentication");
    }
}
