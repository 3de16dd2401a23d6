namespace LwM2MSparkplug.Standalone.Tests;

public sealed class FileDescriptorBudgetTests
{
    [Fact]
    public void AFleetWithinTheLimit_GetsNoWarning()
    {
        Assert.Null(FileDescriptorBudget.Check(devices: 9_000, limit: 20_000));
        Assert.Null(FileDescriptorBudget.Check(devices: 10_000, limit: null));
    }

    [Fact]
    public void AFleetPastTheLimit_IsToldWhatFailsAndHowToRaiseIt()
    {
        var warning = FileDescriptorBudget.Check(devices: 10_000, limit: 20_000);

        Assert.NotNull(warning);
        Assert.Contains("10000 devices need about 20500 open files", warning, StringComparison.Ordinal);
        Assert.Contains("its limit is 20000", warning, StringComparison.Ordinal);
        Assert.Contains("past about 9750", warning, StringComparison.Ordinal);
        Assert.Contains("ulimit -n", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLimit_IsReadOnLinux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/self/limits exists on Linux only");

        Assert.True(FileDescriptorBudget.CurrentLimit() > 0);
    }
}
