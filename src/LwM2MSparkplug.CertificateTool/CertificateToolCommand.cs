using System.CommandLine;
using System.Net;
using LwM2MSparkplug.Certificates;

namespace LwM2MSparkplug.CertificateTool;

/// <summary>
/// <c>certificate-tool [--out DIR] [--ca-dir DIR] [--device-ca-dir DIR] [--dns NAMES] [--ip ADDRESSES] [--name NAME]</c>:
/// makes sure the stack's CA exists in the CA directory (<c>ca.crt</c>, <c>ca.key</c>; default: the output directory)
/// and that the output directory holds what the broker and its clients read: the CA certificate, a broker certificate
/// (<c>{NAME}.crt</c>, <c>{NAME}.key</c>) valid for the given names, and <c>device-cas.crt</c>, the CAs whose client
/// certificates the device listener accepts. With a device CA directory, a second CA that issues device certificates
/// is kept there (<c>ca.crt</c>, <c>ca.key</c>, readable by the simulator, which runs as another user) and trusted
/// for devices too. Existing files are kept while valid, so clients keep trusting the same CAs across restarts.
/// Each option may also come from the environment: CERT_DIR, CERT_CA_DIR, CERT_DEVICE_CA_DIR, CERT_DNS_NAMES,
/// CERT_IP_ADDRESSES, CERT_NAME.
/// </summary>
public static class CertificateToolCommand
{
    public const string DeviceCasFileName = "device-cas.crt";
    public const string DeviceCaName = "LwM2MSparkplug Device CA";
    const UnixFileMode PublicFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    static readonly Option<string> Out = EnvironmentOption("--out", "CERT_DIR", "/certs", "Directory of what the broker and its clients read: ca.crt, the broker certificate and key, device-cas.crt.");
    static readonly Option<string> CaDirectory = EnvironmentOption("--ca-dir", "CERT_CA_DIR", null, "Directory of the stack CA (ca.crt, ca.key); default: --out. Mount it where only this tool reads it.");
    static readonly Option<string> DeviceCaDirectory = EnvironmentOption("--device-ca-dir", "CERT_DEVICE_CA_DIR", null, "Directory of a second CA that issues device certificates, readable by the simulator; none by default.");
    static readonly Option<string> DnsNames = EnvironmentOption("--dns", "CERT_DNS_NAMES", "mosquitto,localhost", "Host names of the broker certificate, comma-separated.");
    static readonly Option<string> IpAddresses = EnvironmentOption("--ip", "CERT_IP_ADDRESSES", "127.0.0.1", "IP addresses of the broker certificate, comma-separated.");
    static readonly Option<string> Name = EnvironmentOption("--name", "CERT_NAME", "broker", "File name of the broker certificate and key ({NAME}.crt, {NAME}.key).");

    /// <summary>A switch whose default is its environment variable, else <paramref name="fallback"/>; help names the variable and shows the default.</summary>
    static Option<string> EnvironmentOption(string name, string variable, string? fallback, string description) => new(name)
    {
        Description = $"{description} [env {variable}]",
        HelpName = "value",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) ?? fallback!,
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("""
            Makes sure the stack's CA, a broker certificate for the given names and the device CAs exist; keeps what is
            still valid, so clients keep trusting the same CAs across restarts.
            """);
        foreach (var option in new[] { Out, CaDirectory, DeviceCaDirectory, DnsNames, IpAddresses, Name })
        {
            root.Options.Add(option);
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine(parseError.Message);
            }
            error.WriteLine("See --help.");
            return 2;
        }
        if (parse.Action is not null)
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        if (!TryRead(parse, out var settings, out var problem))
        {
            error.WriteLine(problem);
            return 2;
        }

        Directory.CreateDirectory(settings.Directory);
        using var authority = DevelopmentCertificateAuthority.LoadOrCreate(settings.CaDirectory);
        var caCertificate = Path.Combine(settings.Directory, DevelopmentCertificateAuthority.CaCertificateFileName);
        if (!SameDirectory(settings.CaDirectory, settings.Directory))
        {
            File.Copy(authority.CaCertificatePath, caCertificate, overwrite: true);
            // An older layout kept the CA key beside the certificates that every service reads; it moved away.
            File.Delete(Path.Combine(settings.Directory, DevelopmentCertificateAuthority.CaKeyFileName));
        }
        var broker = authority.EnsureServerCertificate(settings.Name, settings.DnsNames, settings.Addresses, settings.Directory);

        var deviceCas = authority.CaCertificate.ExportCertificatePem() + "\n";
        DevelopmentCertificateAuthority? deviceAuthority = null;
        if (settings.DeviceCaDirectory is not null)
        {
            deviceAuthority = DevelopmentCertificateAuthority.LoadOrCreate(settings.DeviceCaDirectory, name: DeviceCaName);
            deviceCas = deviceAuthority.CaCertificate.ExportCertificatePem() + "\n" + deviceCas;
        }
        var deviceCasPath = Path.Combine(settings.Directory, DeviceCasFileName);
        File.WriteAllText(deviceCasPath, deviceCas);
        if (!OperatingSystem.IsWindows())
        {
            // Clients in other containers (other users) must read the CA and broker certificates; keys stay private.
            File.SetUnixFileMode(caCertificate, PublicFile);
            File.SetUnixFileMode(broker.CertificatePath, PublicFile);
            File.SetUnixFileMode(deviceCasPath, PublicFile);
            if (deviceAuthority is not null)
            {
                // The simulator runs as another user; only it and this tool mount the device CA's directory.
                File.SetUnixFileMode(deviceAuthority.CaCertificatePath, PublicFile);
                File.SetUnixFileMode(deviceAuthority.CaKeyPath, PublicFile);
            }
        }
        output.WriteLine($"CA certificate:     {caCertificate} (expires {authority.CaCertificate.NotAfter:yyyy-MM-dd}; key in {settings.CaDirectory})");
        output.WriteLine($"Broker certificate: {broker.CertificatePath} for {string.Join(", ", [.. settings.DnsNames, .. settings.Addresses.Select(a => a.ToString())])}");
        output.WriteLine($"Broker key:         {broker.KeyPath}");
        output.WriteLine($"Device CAs:         {deviceCasPath} ({(deviceAuthority is null ? "the CA above" : $"the device-issuing CA in {settings.DeviceCaDirectory} and the CA above")})");
        deviceAuthority?.Dispose();
        return 0;
    }

    static bool SameDirectory(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    static bool TryRead(ParseResult parse, out CertificateToolSettings settings, out string problem)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["--out"] = parse.GetValue(Out),
            ["--ca-dir"] = parse.GetValue(CaDirectory),
            ["--device-ca-dir"] = parse.GetValue(DeviceCaDirectory),
            ["--dns"] = parse.GetValue(DnsNames),
            ["--ip"] = parse.GetValue(IpAddresses),
            ["--name"] = parse.GetValue(Name),
        };
        settings = null!;
        var dnsNames = Split(values["--dns"]);
        var addresses = new List<IPAddress>();
        foreach (var text in Split(values["--ip"]))
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                problem = $"--ip (CERT_IP_ADDRESSES): '{text}' is not an IP address.";
                return false;
            }
            addresses.Add(address);
        }
        if (dnsNames.Count == 0 && addresses.Count == 0)
        {
            problem = "--dns (CERT_DNS_NAMES) and --ip (CERT_IP_ADDRESSES) are both empty: the broker certificate needs a name.";
            return false;
        }
        if (string.IsNullOrWhiteSpace(values["--out"]) || string.IsNullOrWhiteSpace(values["--name"]))
        {
            problem = "--out (CERT_DIR) and --name (CERT_NAME) must not be empty.";
            return false;
        }
        var caDirectory = string.IsNullOrWhiteSpace(values["--ca-dir"]) ? values["--out"]! : values["--ca-dir"]!;
        var deviceCaDirectory = string.IsNullOrWhiteSpace(values["--device-ca-dir"]) ? null : values["--device-ca-dir"];
        if (deviceCaDirectory is not null && (SameDirectory(deviceCaDirectory, caDirectory) || SameDirectory(deviceCaDirectory, values["--out"]!)))
        {
            problem = "--device-ca-dir (CERT_DEVICE_CA_DIR) must be a directory of its own: the device-issuing CA's key is read by the simulator, the stack CA's key by no service.";
            return false;
        }
        settings = new CertificateToolSettings(values["--out"]!, caDirectory, deviceCaDirectory, values["--name"]!, dnsNames, addresses);
        problem = string.Empty;
        return true;
    }

    static List<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    sealed record CertificateToolSettings(string Directory, string CaDirectory, string? DeviceCaDirectory, string Name, IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses);
}
