namespace LwM2MSparkplug.Testing;

/// <summary>
/// Finds an external program a test needs (mosquitto, kcat, promtool, node…). When it is missing the test is
/// skipped with the reason, except under CI (<c>CI=true</c>), where a missing tool is a failure: CI installs it.
/// </summary>
public static class RequiredTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Find(string name, string installHint)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var reason = $"'{name}' is not installed ({installHint}).";
        if (IsCi)
        {
            Assert.Fail(reason + " CI must install it (.ci/run).");
        }
        Assert.Skip(reason);
        return string.Empty;
    }
}
