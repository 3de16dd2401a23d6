using LwM2MSparkplug.LoadTest.Reporting;

namespace LwM2MSparkplug.LoadTest;

/// <summary>What a run tells its user while it goes: a status line, and each phase with a way to read its hops so far.</summary>
public interface ILoadTestProgress
{
    void Status(string status);

    /// <summary>A phase begins: its name, target rate and length, and how to read its hop rows so far (null during a warm-up).</summary>
    void Phase(string name, double rate, TimeSpan duration, Func<CancellationToken, Task<IReadOnlyList<HopRow>>>? hops);
}
