namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>The answer to a read, read-composite, observe or observe-composite: the device's result code and the values.</summary>
public sealed record ReadView(string Endpoint, string? Path, string Code, IReadOnlyList<ResourceValueView> Values, string? ObservationId = null);

/// <summary>The answer to a write, write-composite, execute, write-attributes, delete or cancel.</summary>
public sealed record ChangeView(string Endpoint, string? Path, string Code, string? Location = null, int? Cancelled = null);

/// <summary>The answer to a discover: the links the device listed.</summary>
public sealed record DiscoverView(string Endpoint, string Path, string Code, string Links);

/// <summary>An observation as listed by the REST API: <c>path</c> for an Observe, <c>paths</c> for an Observe-Composite.</summary>
public sealed record ObservationView(string ObservationId, string? Path, DateTimeOffset CreatedAt, long Notifications, DateTimeOffset? LastNotificationAt, IReadOnlyList<string>? Paths = null);

/// <summary>Body of a write: <c>value</c> for a resource, <c>resources</c> (id → value) for an object instance.</summary>
public sealed record WriteRequestBody(System.Text.Json.JsonElement? Value, System.Text.Json.JsonElement? Resources);

/// <summary>Body of a create: the new instance's resources, optionally its id.</summary>
public sealed record CreateRequestBody(System.Text.Json.JsonElement Resources, int? InstanceId);

/// <summary>Body of an execute: optional arguments, e.g. <c>0='reboot'</c>.</summary>
public sealed record ExecuteRequestBody(string? Args);
