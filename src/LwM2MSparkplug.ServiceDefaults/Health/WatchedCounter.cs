namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>A counter that counts loss or lag (<see cref="Name"/> as exported), how to read it, and what its growth means.</summary>
public sealed record WatchedCounter(string Name, Func<double> Read, string Meaning);
