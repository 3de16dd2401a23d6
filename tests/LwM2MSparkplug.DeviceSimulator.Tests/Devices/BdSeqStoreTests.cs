using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Devices;

public sealed class BdSeqStoreTests
{
    [Fact]
    public void Load_OfAnEdgeNodeNeverSaved_IsZero()
    {
        using var directory = new TemporaryDirectory();

        Assert.Equal(0, new BdSeqStore(directory.Path).Load("dev-1"));
    }

    [Fact]
    public void Save_IsLoadedBack_AfterARestart_PerEdgeNode()
    {
        using var directory = new TemporaryDirectory();
        var store = new BdSeqStore(Path.Combine(directory.Path, "created-on-first-save"));
        store.Save("dev-1", 42);
        store.Save("dev-2", 7);

        var afterRestart = new BdSeqStore(Path.Combine(directory.Path, "created-on-first-save"));

        Assert.Equal(42, afterRestart.Load("dev-1"));
        Assert.Equal(7, afterRestart.Load("dev-2"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("256")]
    [InlineData("-1")]
    public void Load_OfACorruptFile_StartsAgainAtZero(string content)
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "dev.bdseq"), content);

        Assert.Equal(0, new BdSeqStore(directory.Path).Load("dev"));
    }
}
