namespace LwM2MSparkplug.Protocols.Lwm2m.Mqtt;

/// <summary>The message kinds of the LwM2M-over-MQTT wire contract (docs/lwm2m-over-mqtt.md).</summary>
public enum Lwm2mTopicKind
{
    /// <summary>Device → server: <c>lwm2m/{ep}/reg</c>.</summary>
    Register,
    /// <summary>Device → server: <c>lwm2m/{ep}/update</c>.</summary>
    Update,
    /// <summary>Device → server: <c>lwm2m/{ep}/dereg</c>.</summary>
    Deregister,
    /// <summary>Device → server: <c>lwm2m/{ep}/resp/{requestId}</c>.</summary>
    Response,
    /// <summary>Device → server: <c>lwm2m/{ep}/notify/{observationId}</c>.</summary>
    Notify,
    /// <summary>
    /// Device → server: <c>lwm2m/{ep}/send</c> (contract version 1, no answer), or <c>lwm2m/{ep}/send/{sendId}</c>
    /// (version 2: answered on <see cref="SendAck"/>).
    /// </summary>
    Send,
    /// <summary>Server → device: <c>lwm2m/{ep}/cmd/{requestId}</c>.</summary>
    Command,
    /// <summary>Server → device: <c>lwm2m/{ep}/reg/ack</c>, the answer to Register.</summary>
    RegisterAck,
    /// <summary>Server → device: <c>lwm2m/{ep}/update/ack</c>, the answer to Update.</summary>
    UpdateAck,
    /// <summary>Server → device: <c>lwm2m/{ep}/dereg/ack</c>, the answer to De-register (contract version 2).</summary>
    DeregisterAck,
    /// <summary>Server → device: <c>lwm2m/{ep}/send/{sendId}/ack</c>, the answer to a Send with an id (contract version 2).</summary>
    SendAck,
}
