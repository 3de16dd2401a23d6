using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>Answers to a device's Register, Update, De-register and Send, queued for the server's connection.</summary>
public sealed class Acknowledgements(MqttOutbox outbox)
{
    /// <summary>Publishes <paramref name="response"/> on the acknowledgement topic of <paramref name="kind"/> (with the Send's id).</summary>
    public void Publish(string endpoint, Lwm2mTopicKind kind, Lwm2mResponse response, string? id = null) =>
        outbox.Enqueue(Lwm2mServerConnection.Message(Lwm2mTopic.Create(endpoint, kind, id).ToString(), Lwm2mEnvelopeCodec.WriteResponse(response)));
}
