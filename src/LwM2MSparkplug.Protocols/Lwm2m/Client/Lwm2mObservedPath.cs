using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>One path of an observation as it starts: the values the Observe answer carried and the attributes that apply.</summary>
public sealed record Lwm2mObservedPath(Lwm2mPath Path, IReadOnlyList<Lwm2mResourceValue> Current, NotificationAttributes Attributes);
