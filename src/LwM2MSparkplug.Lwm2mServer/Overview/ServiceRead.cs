namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// What one read of another service's JSON at <see cref="Url"/> gave, at <see cref="AsOf"/>: the <see cref="Value"/>,
/// or the <see cref="Failure"/> and a sentence saying why (<see cref="Error"/>).
/// </summary>
public sealed record ServiceRead<T>(Uri Url, T? Value, ServiceReadFailure Failure, string? Error, DateTimeOffset AsOf) where T : class
{
    public bool Succeeded => Failure == ServiceReadFailure.None;
}
