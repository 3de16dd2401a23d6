using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Devices;

public sealed class BdSeqStoreTests
{
    [Fact]
    public void Take_StartsAtZero_IncrementsPerSession_AndSurvivesARestart()
    {
        using var directory = new TemporaryDirectory();

        var first = new BdSeqStore(directory.Path);
        Assert.Equal(0, first.Take("dev-1"));
        Assert.Equal(1, first.Take("dev-1"));
        Assert.Equal(0, first.Take("dev-2"));

        var afterRestart = new BdSeqStore(directory.Path);
        Assert.Equal(2, afterRestart.Take("dev-1"));
    }

    [Fact]
    public void Take_Wraps255ToZero()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "dev.bdseq"), "255");

        var store = new BdSeqStore(directory.Path);

        Assert.Equal(255, store.Take("dev"));
        Assert.Equal(0, store.Take("dev"));
    }

    [Fact]
    public void Take_WithACorruptFile_StartsAgainAtZero()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "dev.bdseq"), "garbage");

        Assert.Equal(0, new BdSeqStore(directory.Path).Take("dev"));
    }
}
