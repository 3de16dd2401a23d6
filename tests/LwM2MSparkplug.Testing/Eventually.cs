using System.Diagnostics;

namespace LwM2MSparkplug.Testing;

/// <summary>Polls a condition until it holds or a deadline passes; the alternative to sleeping in tests.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static Task UntilAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), because, timeout);

    public static async Task UntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        Exception? last = null;
        while (deadline.Elapsed < limit)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or IOException)
            {
                last = exception;
            }
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting until {because}.{(last is null ? "" : $" Last error: {last.Message}")}");
    }

    /// <summary>Polls <paramref name="read"/> until it returns a value that satisfies <paramref name="accept"/>, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> accept, string because, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        T value = default!;
        await UntilAsync(async () =>
        {
            value = await read();
            return accept(value);
        }, because, timeout);
        return value;
    }
}
