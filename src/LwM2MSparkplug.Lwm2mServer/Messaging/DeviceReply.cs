using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>Answers the device message being handled, in the dialect it came in (an acknowledgement topic, or a token).</summary>
public delegate void DeviceReply(Lwm2mResponse response);
