namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>What became of a consumer's acknowledgement (<see cref="EventBuffer.Acknowledge"/>).</summary>
public enum EventAcknowledgement
{
    /// <summary>Taken: the events up to it are not handed out to the consumer again.</summary>
    Acknowledged,

    /// <summary>For another run of the server (its log id): the events it names are gone with that run; nothing changes.</summary>
    OtherLog,

    /// <summary>The consumer has never read: there is nothing to acknowledge.</summary>
    UnknownConsumer,

    /// <summary>Beyond what the consumer was handed: a mistake of the consumer's; nothing changes.</summary>
    NotDelivered,
}
