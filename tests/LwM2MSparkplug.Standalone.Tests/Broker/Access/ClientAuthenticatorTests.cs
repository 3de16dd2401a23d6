using System.Text;
using LwM2MSparkplug.Standalone.Broker;
using LwM2MSparkplug.Standalone.Broker.Access;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Access;

public sealed class ClientAuthenticatorTests
{
    static readonly BrokerAccounts Accounts = new(
    [
        (BrokerAccounts.Lwm2mServer, "server-secret", ClientRole.Lwm2mServer),
        ("monitor", "people-secret", ClientRole.Monitor),
    ]);

    static readonly ClientAuthenticator Authenticator = new(Accounts);

    static PresentedCertificate FromDeviceCa(string commonName) => new($"CN={commonName}", commonName, Problem: null);

    [Fact]
    public void A_certificate_from_the_device_CA_makes_a_device_named_by_its_common_name_whatever_user_name_it_sends()
    {
        var result = Authenticator.Authenticate(FromDeviceCa("dev-a"), "monitor", Encoding.UTF8.GetBytes("people-secret"));

        Assert.Equal(new ClientIdentity("dev-a", ClientRole.Device), result.Identity);
    }

    [Fact]
    public void A_certificate_that_does_not_chain_to_the_device_CA_is_refused_with_its_problem()
    {
        var result = Authenticator.Authenticate(new PresentedCertificate("CN=dev-b", "dev-b", "untrusted root"), null, default);

        Assert.Null(result.Identity);
        Assert.Equal(BrokerStatistics.CertificateNotTrusted, result.Reason);
        Assert.Contains("untrusted root", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev/a")]
    [InlineData("dev+a")]
    [InlineData("#")]
    [InlineData("$dev")]
    [InlineData(BrokerAccounts.Lwm2mServer)]
    [InlineData("monitor")]
    public void A_common_name_that_cannot_be_a_device_id_or_is_an_account_is_refused(string commonName)
    {
        var result = Authenticator.Authenticate(FromDeviceCa(commonName), null, default);

        Assert.Null(result.Identity);
        Assert.Equal(BrokerStatistics.CertificateNameInvalid, result.Reason);
    }

    [Fact]
    public void An_account_with_its_password_is_its_user_name_and_role()
    {
        var result = Authenticator.Authenticate(null, BrokerAccounts.Lwm2mServer, Encoding.UTF8.GetBytes("server-secret"));

        Assert.Equal(new ClientIdentity(BrokerAccounts.Lwm2mServer, ClientRole.Lwm2mServer), result.Identity);
    }

    [Theory]
    [InlineData("monitor", "wrong")]
    [InlineData("monitor", "")]
    [InlineData("nobody", "people-secret")]
    public void A_wrong_user_name_or_password_is_refused(string userName, string password) =>
        Assert.Equal(BrokerStatistics.BadCredentials, Authenticator.Authenticate(null, userName, Encoding.UTF8.GetBytes(password)).Reason);

    [Fact]
    public void Neither_certificate_nor_user_name_is_refused() =>
        Assert.Equal(BrokerStatistics.NoCredentials, Authenticator.Authenticate(null, null, default).Reason);

    [Fact]
    public void Generated_service_passwords_differ_and_people_keep_theirs()
    {
        var accounts = BrokerAccounts.WithGeneratedServicePasswords("monitor", "people-secret");

        Assert.Equal(3, BrokerAccounts.ServiceNames.Select(accounts.PasswordOf).Distinct().Count());
        Assert.All(BrokerAccounts.ServiceNames, name => Assert.True(accounts.PasswordOf(name).Length >= 32));
        Assert.Equal("people-secret", accounts.PasswordOf("monitor"));
    }
}
