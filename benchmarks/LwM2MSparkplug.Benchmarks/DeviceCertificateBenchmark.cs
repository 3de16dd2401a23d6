using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Certificates;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>
/// The simulator's enrolment shortcut: one device certificate issued in memory by the device-issuing CA, as each
/// device gets at its first connect (DEVICE_CA_CERT/DEVICE_CA_KEY).
/// </summary>
[MemoryDiagnoser]
public class DeviceCertificateBenchmark : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("device-ca-benchmark-").FullName;
    DevelopmentCertificateAuthority? _authority;
    int _next;

    [GlobalSetup]
    public void CreateAuthority() => _authority = DevelopmentCertificateAuthority.LoadOrCreate(_directory, name: "Benchmark Device CA");

    [Benchmark]
    public X509Certificate2 IssueDeviceCertificate()
    {
        var certificate = _authority!.IssueClientCertificate($"sim-bench-{++_next:D5}", TimeSpan.FromDays(30));
        certificate.Dispose();
        return certificate;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _authority?.Dispose();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
