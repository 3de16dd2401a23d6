using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.Certificates;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// Gives each simulated device its own TLS client certificate, issued at start by the device-issuing CA
/// (<c>DEVICE_CA_CERT</c>, <c>DEVICE_CA_KEY</c>) with the device id as common name. This is the testbed's enrolment
/// shortcut: replicas made by scaling cannot be enrolled one by one in advance, so the simulator holds an issuing
/// key; a real fleet gets its certificates at manufacture and no device holds a CA key.
/// </summary>
public sealed class DeviceIdentities : IDisposable
{
    readonly DevelopmentCertificateAuthority? _authority;
    readonly TimeSpan _validity;

    public DeviceIdentities(IOptions<SimulatorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _validity = TimeSpan.FromDays(settings.DeviceCertificateValidityDays);
        if (settings.DeviceCaCertificate is not null && settings.DeviceCaKey is not null)
        {
            _authority = DevelopmentCertificateAuthority.Load(settings.DeviceCaCertificate, settings.DeviceCaKey, time);
        }
    }

    /// <summary>Whether devices authenticate with certificates of their own.</summary>
    public bool IssuesCertificates => _authority is not null;

    /// <summary>
    /// The certificate of <paramref name="deviceId"/>, issued when first used (a fleet of thousands then does not wait
    /// for all of them before its first connect); null when no device-issuing CA is configured.
    /// </summary>
    public Lazy<X509Certificate2>? CertificateFor(string deviceId) =>
        _authority is { } authority ? new(() => authority.IssueClientCertificate(deviceId, _validity)) : null;

    public void Dispose() => _authority?.Dispose();
}
