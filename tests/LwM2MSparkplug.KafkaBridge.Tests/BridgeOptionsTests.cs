namespace LwM2MSparkplug.KafkaBridge.Tests;

public sealed class BridgeOptionsTests
{
    [Theory]
    [InlineData("tenant-a/+")]
    [InlineData("tenant-a//site")]
    [InlineData("#")]
    public void OmaPrefix_WithAWildcardOrAnEmptyLevel_IsRefused_NamingTheServersKey(string prefix)
    {
        var result = new BridgeOptions.Validator().Validate(null, new BridgeOptions { OmaPrefix = prefix });

        Assert.True(result.Failed);
        Assert.Contains("Lwm2mServer:OmaPrefix", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tenant-a/site-1")]
    public void OmaPrefix_NoneOrLevels_IsAccepted(string? prefix)
    {
        Assert.True(new BridgeOptions.Validator().Validate(null, new BridgeOptions { OmaPrefix = prefix }).Succeeded);
    }
}
