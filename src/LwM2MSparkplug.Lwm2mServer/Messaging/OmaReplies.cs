using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// The server's messages on a device's OMA topic that answer or follow what the device sent: results of its requests,
/// and the Cancel-Observe for a Notify of an unknown observation. Queued for the server's connection, like the JSON
/// contract's acknowledgements.
/// </summary>
public sealed class OmaReplies(MqttOutbox outbox)
{
    /// <summary>Answers the request with <paramref name="token"/> on <paramref name="topic"/>: the result only (the binding has no error text).</summary>
    public void Answer(OmaTopic topic, ulong token, Lwm2mResultCode code) => Publish(topic, OmaResponses.Write(token, code));

    /// <summary>Tells the device to stop notifying for <paramref name="token"/> (the binding's counterpart of a CoAP reset, note §6 #8).</summary>
    public void CancelObservation(OmaTopic topic, ulong token) =>
        Publish(topic, new OmaMessage(token) { Operation = OmaOperation.CancelObserve });

    void Publish(OmaTopic topic, OmaMessage message) =>
        outbox.Enqueue(Lwm2mServerConnection.Message(topic.ToString(), OmaEnvelopeCodec.Write(message, topic.Interface)));
}
