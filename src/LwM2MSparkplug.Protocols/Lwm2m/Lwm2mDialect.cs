namespace LwM2MSparkplug.Protocols.Lwm2m;

/// <summary>The two ways a device speaks LwM2M over MQTT to this server; a registration is answered in the one it used.</summary>
public enum Lwm2mDialect
{
    /// <summary>The project's JSON contract: <c>lwm2m/{ep}/reg|update|dereg|cmd|resp|notify|send</c> (docs/lwm2m-over-mqtt.md).</summary>
    Json,

    /// <summary>OMA's LwM2M 1.2 MQTT binding: one topic <c>[prefix/]lwm2m/rd/{ep}</c>, CBOR envelopes, tokens.</summary>
    Oma,
}

public static class Lwm2mDialectNames
{
    /// <summary><c>json</c> or <c>oma</c>: the REST API's and the events' name for the dialect.</summary>
    public static string ToWire(this Lwm2mDialect dialect) => dialect == Lwm2mDialect.Oma ? "oma" : "json";
}
