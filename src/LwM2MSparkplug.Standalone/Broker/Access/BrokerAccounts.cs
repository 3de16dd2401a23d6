using System.Security.Cryptography;
using System.Text;

namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>
/// The password accounts of the embedded broker when authentication is on: one per in-process service, with a password
/// made at start and held only in memory, and the account for people's tools (<c>BROKER_USERNAME</c>), read-only.
/// A password account's client id is its user name, as Mosquitto's <c>use_username_as_clientid</c>.
/// </summary>
public sealed class BrokerAccounts
{
    public const string Lwm2mServer = "lwm2m-server";
    public const string SparkplugHost = "sparkplug-host";
    public const string KafkaBridge = "mqtt-kafka-bridge";

    /// <summary>The in-process services' user names, which no other account or device may take.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = [Lwm2mServer, SparkplugHost, KafkaBridge];

    readonly Dictionary<string, (byte[] Password, ClientRole Role)> _accounts = new(StringComparer.Ordinal);

    public BrokerAccounts(IEnumerable<(string Name, string Password, ClientRole Role)> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        foreach (var (name, password, role) in accounts)
        {
            _accounts.Add(name, (Encoding.UTF8.GetBytes(password), role));
        }
    }

    /// <summary>The service accounts, each with a new random password, and people's read-only account.</summary>
    public static BrokerAccounts WithGeneratedServicePasswords(string monitorName, string monitorPassword) => new(
    [
        (Lwm2mServer, GeneratePassword(), ClientRole.Lwm2mServer),
        (SparkplugHost, GeneratePassword(), ClientRole.SparkplugHost),
        (KafkaBridge, GeneratePassword(), ClientRole.KafkaBridge),
        (monitorName, monitorPassword, ClientRole.Monitor),
    ]);

    public bool Contains(string name) => _accounts.ContainsKey(name);

    /// <summary>The password of account <paramref name="name"/>, to hand to the in-process service that uses it.</summary>
    public string PasswordOf(string name) => Encoding.UTF8.GetString(_accounts[name].Password);

    /// <summary>The account's identity when <paramref name="password"/> is its password; compared in constant time.</summary>
    public ClientIdentity? Verify(string userName, ReadOnlySpan<byte> password) =>
        _accounts.TryGetValue(userName, out var account) && CryptographicOperations.FixedTimeEquals(account.Password, password)
            ? new ClientIdentity(userName, account.Role)
            : null;

    static string GeneratePassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
