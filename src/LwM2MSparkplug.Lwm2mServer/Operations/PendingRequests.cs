using System.Collections.Concurrent;
using System.Security.Cryptography;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// Requests waiting for their answer, by request id (the last level of the cmd and resp topics), with the endpoint
/// they went to and their operation: only that endpoint can answer one.
/// </summary>
public sealed class PendingRequests
{
    readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public int Count => _pending.Count;

    /// <summary>A request id for the cmd and resp topics, random so that a device cannot guess another's.</summary>
    public static string NewRequestId() => "r-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>A token of the OMA binding, as a request id: a random 64-bit number (note §2.4), so a device cannot guess another's.</summary>
    public static string NewToken() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new request id and the task its answer completes.</summary>
    public (string RequestId, Task<DeviceAnswer> Answer) Begin(string endpoint, Lwm2mOperation operation)
    {
        while (true)
        {
            var id = NewRequestId();
            if (TryBegin(id, endpoint, operation, out var answer))
            {
                return (id, answer);
            }
        }
    }

    /// <summary>Starts waiting under an id taken earlier (a request held for a sleeping device); false when it is in use.</summary>
    public bool TryBegin(string requestId, string endpoint, Lwm2mOperation operation, out Task<DeviceAnswer> answer)
    {
        var pending = new Pending(endpoint, operation, new TaskCompletionSource<DeviceAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        answer = pending.Completion.Task;
        return _pending.TryAdd(requestId, pending);
    }

    /// <summary>The operation of the request <paramref name="requestId"/> sent to <paramref name="endpoint"/>, if it still waits.</summary>
    public PendingMatch TryMatch(string endpoint, string requestId, out Lwm2mOperation operation)
    {
        operation = default;
        if (!_pending.TryGetValue(requestId, out var pending))
        {
            return PendingMatch.Unknown;
        }
        if (pending.Endpoint != endpoint)
        {
            return PendingMatch.OtherEndpoint;
        }
        operation = pending.Operation;
        return PendingMatch.Waiting;
    }

    /// <summary>Completes a waiting request; false when nobody waits for this id any more.</summary>
    public bool TryComplete(string requestId, DeviceAnswer answer) =>
        _pending.TryRemove(requestId, out var pending) && pending.Completion.TrySetResult(answer);

    public void Abandon(string requestId) => _pending.TryRemove(requestId, out _);

    sealed record Pending(string Endpoint, Lwm2mOperation Operation, TaskCompletionSource<DeviceAnswer> Completion);
}

/// <summary>Whether a response topic's request id names a request that waits for that endpoint's answer.</summary>
public enum PendingMatch
{
    /// <summary>Nobody waits for this id: it was never used, or the request was answered or timed out.</summary>
    Unknown,

    /// <summary>A request waits for this id, but it went to another endpoint.</summary>
    OtherEndpoint,

    Waiting,
}
