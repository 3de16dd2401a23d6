using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace LwM2MSparkplug.LoadTest.Tests;

public sealed class LoadTestCommandTests
{
    [Fact]
    public void AnEmptyBridgeUrl_MeansAStackWithoutTheBridge()
    {
        var (options, problems) = Read("--bridge-url", "");

        Assert.Empty(problems);
        Assert.Null(options.BridgeUrl);
    }

    [Fact]
    public void TheServicesUrls_DefaultToTheComposeStacks_AndCanBeGiven()
    {
        var defaults = Read().Options;
        Assert.Equal(
            (new Uri("http://localhost:8081/"), new Uri("http://localhost:8080/"), new Uri("http://localhost:8083/")),
            (defaults.SparkplugHostUrl, defaults.Lwm2mServerUrl, defaults.BridgeUrl));

        var (options, problems) = Read("--sparkplug-host-url", "http://127.0.0.1:38081/", "--lwm2m-server-url", "http://127.0.0.1:38080/", "--bridge-url", "https://bridge:9000/");

        Assert.Empty(problems);
        Assert.Equal(
            (new Uri("http://127.0.0.1:38081/"), new Uri("http://127.0.0.1:38080/"), new Uri("https://bridge:9000/")),
            (options.SparkplugHostUrl, options.Lwm2mServerUrl, options.BridgeUrl));
    }

    [Theory]
    [InlineData("--bridge-url", "bridge:8083", "--bridge-url takes an http(s) URL, or \"\" for a stack without the bridge; got 'bridge:8083'.")]
    [InlineData("--sparkplug-host-url", "", "--sparkplug-host-url takes an http(s) URL; got ''.")]
    [InlineData("--lwm2m-server-url", "/relative", "--lwm2m-server-url takes an http(s) URL; got '/relative'.")]
    public void AUrlThatIsNotHttp_IsAProblem(string option, string value, string problem)
    {
        Assert.Equal(problem, Assert.Single(Read(option, value).Problems));
    }

    [Theory]
    [InlineData("--send-interval", "0", "--send-interval must be a positive number of seconds; got 0.")]
    [InlineData("--devices", "0", null)]
    [InlineData("--qos", "2", null)]
    [InlineData("--device-ca-cert", "/nonexistent/device-ca.crt", "--device-ca-cert and --device-ca-key go together: the device-issuing CA needs its certificate and its key.")]
    [InlineData("--device-ca-key", "/nonexistent/device-ca.key", "--device-ca-key: file '/nonexistent/device-ca.key' does not exist.")]
    public void AnOptionOutOfItsRange_IsAProblemThatNamesIt(string option, string value, string? problem)
    {
        var problems = Read(option, value).Problems;

        Assert.Contains(problems, p => problem is null ? p.StartsWith(option, StringComparison.Ordinal) : p == problem);
    }

    [Fact]
    public void WithADeviceIssuingCa_EachVirtualDeviceGetsACertificateOfItsOwn()
    {
        using var directory = new LwM2MSparkplug.Testing.TemporaryDirectory();
        using (LwM2MSparkplug.Certificates.DevelopmentCertificateAuthority.LoadOrCreate(directory.Path))
        {
        }
        var (options, problems) = Read("--device-ca-cert", Path.Combine(directory.Path, "ca.crt"), "--device-ca-key", Path.Combine(directory.Path, "ca.key"), "-n", "3");
        Assert.Empty(problems);

        using var identities = new LwM2MSparkplug.DeviceSimulator.Devices.DeviceIdentities(
            Microsoft.Extensions.Options.Options.Create(new LwM2MSparkplug.DeviceSimulator.SimulatorOptions { DeviceCaCertificate = options.DeviceCaCertificate, DeviceCaKey = options.DeviceCaKey }), TimeProvider.System);
        using var certificate = identities.CertificateFor("load-00001")!.Value;

        Assert.Equal("load-00001", certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
    }

    static (LoadTestOptions Options, IReadOnlyList<string> Problems) Read(params string[] arguments)
    {
        var parse = LoadTestCommand.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), NullLoggerFactory.Instance).Parse(arguments);
        Assert.Empty(parse.Errors);
        return LoadTestCommand.Read(parse);
    }
}
