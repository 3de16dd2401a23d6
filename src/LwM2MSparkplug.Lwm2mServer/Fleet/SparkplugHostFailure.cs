namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>Why a read of the Sparkplug host's <c>/api/nodes</c> failed; the <c>reason</c> label of its failure counter.</summary>
public enum SparkplugHostFailure
{
    None,

    /// <summary>No connection: the host is down, the name does not resolve, or the port is closed.</summary>
    Unreachable,

    /// <summary>No answer within <c>SPARKPLUG_HOST_TIMEOUT_SECONDS</c>.</summary>
    Timeout,

    /// <summary>An answer with a status other than 2xx.</summary>
    HttpStatus,

    /// <summary>A 2xx answer that is not the JSON list of edge nodes (another service on that port, say).</summary>
    InvalidAnswer,
}
