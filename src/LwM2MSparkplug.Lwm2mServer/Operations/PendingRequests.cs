using System.Collections.Concurrent;
using System.Security.Cryptography;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>Requests waiting for their response, by request id (the last level of the cmd and resp topics).</summary>
public sealed class PendingRequests
{
    readonly ConcurrentDictionary<string, TaskCompletionSource<Lwm2mResponse>> _pending = new(StringComparer.Ordinal);

    public int Count => _pending.Count;

    /// <summary>A new request id and the task its response completes.</summary>
    public (string RequestId, Task<Lwm2mResponse> Response) Begin()
    {
        while (true)
        {
            var id = "r-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            var completion = new TaskCompletionSource<Lwm2mResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_pending.TryAdd(id, completion))
            {
                return (id, completion.Task);
            }
        }
    }

    /// <summary>Completes a waiting request; false when nobody waits for this id.</summary>
    public bool TryComplete(string requestId, Lwm2mResponse response) =>
        _pending.TryRemove(requestId, out var completion) && completion.TrySetResult(response);

    public void Abandon(string requestId) => _pending.TryRemove(requestId, out _);
}
