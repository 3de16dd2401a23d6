using System.Net;
using LwM2MSparkplug.Certificates;

namespace LwM2MSparkplug.CertificateTool;

/// <summary>
/// <c>certificate-tool [--out DIR] [--dns NAMES] [--ip ADDRESSES] [--name NAME]</c>: makes sure DIR holds a
/// development CA (<c>ca.crt</c>, <c>ca.key</c>) and a broker certificate (<c>{NAME}.crt</c>, <c>{NAME}.key</c>) valid
/// for the given names. Existing files are kept while valid, so clients keep trusting the same CA across restarts.
/// Each option may also come from the environment: CERT_DIR, CERT_DNS_NAMES, CERT_IP_ADDRESSES, CERT_NAME.
/// </summary>
public static class CertificateToolCommand
{
    const UnixFileMode PublicFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var settings, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine("Usage: certificate-tool [--out DIR] [--dns mosquitto,localhost] [--ip 127.0.0.1] [--name broker]");
            return 2;
        }

        using var authority = DevelopmentCertificateAuthority.LoadOrCreate(settings.Directory);
        var broker = authority.EnsureServerCertificate(settings.Name, settings.DnsNames, settings.Addresses);
        if (!OperatingSystem.IsWindows())
        {
            // Clients in other containers (other users) must read the CA and broker certificates; keys stay private.
            File.SetUnixFileMode(authority.CaCertificatePath, PublicFile);
            File.SetUnixFileMode(broker.CertificatePath, PublicFile);
        }
        output.WriteLine($"CA certificate:     {authority.CaCertificatePath} (expires {authority.CaCertificate.NotAfter:yyyy-MM-dd})");
        output.WriteLine($"Broker certificate: {broker.CertificatePath} for {string.Join(", ", [.. settings.DnsNames, .. settings.Addresses.Select(a => a.ToString())])}");
        output.WriteLine($"Broker key:         {broker.KeyPath}");
        return 0;
    }

    static bool TryParse(string[] args, out CertificateToolSettings settings, out string problem)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["--out"] = Environment.GetEnvironmentVariable("CERT_DIR") ?? "/certs",
            ["--dns"] = Environment.GetEnvironmentVariable("CERT_DNS_NAMES") ?? "mosquitto,localhost",
            ["--ip"] = Environment.GetEnvironmentVariable("CERT_IP_ADDRESSES") ?? "127.0.0.1",
            ["--name"] = Environment.GetEnvironmentVariable("CERT_NAME") ?? "broker",
        };
        settings = null!;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                problem = $"'{args[i]}' is not an option with a value; options are {string.Join(", ", values.Keys)}.";
                return false;
            }
            values[args[i]] = args[i + 1];
        }

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
        settings = new CertificateToolSettings(values["--out"]!, values["--name"]!, dnsNames, addresses);
        problem = string.Empty;
        return true;
    }

    static List<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    sealed record CertificateToolSettings(string Directory, string Name, IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses);
}
