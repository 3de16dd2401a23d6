using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Paths;

/// <summary>SenML-ETCH fetch packs (CBOR): the composite path list of the OMA binding's Read-Composite example.</summary>
public sealed class Lwm2mFetchPackTests
{
    const string ReadCompositePaths = "82a100662f332f302f39a1006c2f333330332f302f35373030";

    [Fact]
    public void TheBindingsExample_IsReadAndWrittenByteForByte()
    {
        Assert.True(Lwm2mFetchPack.TryRead(Convert.FromHexString(ReadCompositePaths), out var paths, out var error), error);

        Assert.Equal([Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3303/0/5700")], paths);
        Assert.Equal(ReadCompositePaths, Convert.ToHexStringLower(Lwm2mFetchPack.Write(paths)));
    }

    [Fact]
    public void BaseNames_AreApplied()
    {
        // [{-2: "/3/0/", 0: "9"}, {0: "13"}]
        Assert.True(Lwm2mFetchPack.TryRead(Convert.FromHexString("82a221652f332f302f006139a100623133"), out var paths, out var error), error);

        Assert.Equal([Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3/0/13")], paths);
    }

    [Theory]
    [InlineData("81a200662f332f302f390201", "carries a value")]
    [InlineData("81a10063616263", "not an LwM2M path")]
    [InlineData("a0", "an array")]
    public void APackWithValuesOrNonPaths_IsRefused(string hex, string expected)
    {
        Assert.False(Lwm2mFetchPack.TryRead(Convert.FromHexString(hex), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
