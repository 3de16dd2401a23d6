namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>Why a read of another service for <c>/api/overview</c> failed; the <c>reason</c> label of <c>lwm2m_overview_read_failures_total</c>.</summary>
public enum ServiceReadFailure
{
    None,

    /// <summary>No connection: the service is down, the name does not resolve, or the port is closed.</summary>
    Unreachable,

    /// <summary>No answer within the configured timeout.</summary>
    Timeout,

    /// <summary>An answer with a status the read does not accept.</summary>
    HttpStatus,

    /// <summary>An answer that is not the JSON expected (another service on that port, say).</summary>
    InvalidAnswer,
}
