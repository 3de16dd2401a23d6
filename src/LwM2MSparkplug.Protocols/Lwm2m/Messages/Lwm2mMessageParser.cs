using System.Buffers;
using System.Globalization;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>
/// Parses the JSON registration messages of the wire contract (docs/lwm2m-over-mqtt.md). Returns an error
/// naming the field instead of throwing. Field names are the original stack's: <c>endpoint</c>,
/// <c>lifetime</c>, <c>version</c>, <c>bindingMode</c>, <c>objects</c>; and <c>queueMode</c>, LwM2M 1.1's <c>Q</c>.
/// </summary>
public static class Lwm2mMessageParser
{
    /// <summary>LwM2M enabler versions this server registers.</summary>
    public static readonly IReadOnlyList<string> SupportedVersions = ["1.0", "1.1", "1.2"];

    const string BindingLetters = "UMHTSNQ";
    static readonly SearchValues<char> BindingLetterValues = SearchValues.Create(BindingLetters);

    public static Lwm2mParseError TryParseRegister(string topicEndpoint, ReadOnlySequence<byte> payload, out RegisterRequest request)
    {
        request = null!;
        var error = TryParseObject(payload, out var root);
        if (error.IsError)
        {
            return error;
        }

        var endpoint = topicEndpoint;
        if (root.TryGetProperty("endpoint", out var endpointElement))
        {
            if (endpointElement.ValueKind != JsonValueKind.String)
            {
                return WrongType("endpoint", "a string");
            }
            if (endpointElement.GetString() != topicEndpoint)
            {
                return new(Lwm2mMessageError.EndpointMismatch, $"'endpoint' is '{endpointElement.GetString()}' but the topic names '{topicEndpoint}'.");
            }
        }

        var lifetime = RegisterRequest.DefaultLifetime;
        if (root.TryGetProperty("lifetime", out var lifetimeElement))
        {
            error = TryReadLifetime(lifetimeElement, out lifetime);
            if (error.IsError)
            {
                return error;
            }
        }

        if (!root.TryGetProperty("version", out var versionElement))
        {
            return new(Lwm2mMessageError.MissingField, "'version' (the LwM2M version, e.g. \"1.2\") is required.");
        }
        if (versionElement.ValueKind != JsonValueKind.String)
        {
            return WrongType("version", "a string such as \"1.2\"");
        }
        var version = versionElement.GetString()!;
        if (!SupportedVersions.Contains(version))
        {
            return new(Lwm2mMessageError.UnsupportedVersion, $"'version' {version} is not supported; use one of {string.Join(", ", SupportedVersions)}.");
        }

        var binding = "U";
        if (root.TryGetProperty("bindingMode", out var bindingElement))
        {
            error = TryReadBindingMode(bindingElement, out binding);
            if (error.IsError)
            {
                return error;
            }
        }

        // From LwM2M 1.1 queue mode is a Register parameter, no longer the binding letter Q of 1.0 (and the original stack).
        var queueMode = binding.Contains('Q', StringComparison.Ordinal);
        if (root.TryGetProperty("queueMode", out var queueModeElement))
        {
            if (queueModeElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return WrongType("queueMode", "true or false");
            }
            queueMode = queueModeElement.GetBoolean();
        }

        var objects = Lwm2mObjectList.Empty;
        if (root.TryGetProperty("objects", out var objectsElement))
        {
            error = TryReadObjects(objectsElement, out objects);
            if (error.IsError)
            {
                return error;
            }
        }

        string? sms = null;
        if (root.TryGetProperty("sms", out var smsElement))
        {
            if (smsElement.ValueKind != JsonValueKind.String || smsElement.GetString() is not { } number || !RegisterRequest.IsMsisdn(number))
            {
                return WrongType("sms", RegisterRequest.MsisdnForm);
            }
            sms = number;
        }

        request = new RegisterRequest(endpoint, lifetime, version, binding, objects) { QueueMode = queueMode, Sms = sms };
        return Lwm2mParseError.None;
    }

    /// <summary>Parses an Update; an empty payload is a parameter-less Update that only refreshes the lifetime.</summary>
    public static Lwm2mParseError TryParseUpdate(ReadOnlySequence<byte> payload, out UpdateRequest request)
    {
        request = UpdateRequest.Empty;
        if (payload.IsEmpty)
        {
            return Lwm2mParseError.None;
        }
        var error = TryParseObject(payload, out var root);
        if (error.IsError)
        {
            return error;
        }
        TimeSpan? lifetime = null;
        if (root.TryGetProperty("lifetime", out var lifetimeElement))
        {
            error = TryReadLifetime(lifetimeElement, out var value);
            if (error.IsError)
            {
                return error;
            }
            lifetime = value;
        }
        string? binding = null;
        if (root.TryGetProperty("bindingMode", out var bindingElement))
        {
            error = TryReadBindingMode(bindingElement, out var value);
            if (error.IsError)
            {
                return error;
            }
            binding = value;
        }
        Lwm2mObjectList? objects = null;
        if (root.TryGetProperty("objects", out var objectsElement))
        {
            error = TryReadObjects(objectsElement, out var value);
            if (error.IsError)
            {
                return error;
            }
            objects = value;
        }
        request = new UpdateRequest(lifetime, binding, objects);
        return Lwm2mParseError.None;
    }

    /// <summary>
    /// Checks a De-register: an empty payload or an empty JSON object (LwM2M 1.2 Core §6.2.3: it has no parameters).
    /// Anything else is not a De-register, so a stray or garbled message cannot end a registration.
    /// </summary>
    public static Lwm2mParseError TryParseDeregister(ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return Lwm2mParseError.None;
        }
        var error = TryParseObject(payload, out var root);
        if (error.IsError)
        {
            return error;
        }
        foreach (var property in root.EnumerateObject())
        {
            return new(Lwm2mMessageError.UnexpectedField, $"a De-register has no fields; '{property.Name}' is not one (send an empty payload or {{}}).");
        }
        return Lwm2mParseError.None;
    }

    /// <summary>Parses a JSON object whose strings are all text; the returned element stays valid after the call.</summary>
    public static Lwm2mParseError TryParseObject(ReadOnlySequence<byte> payload, out JsonElement root)
    {
        root = default;
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(Lwm2mMessageError.NotAnObject, $"the payload is a JSON {document.RootElement.ValueKind}, not an object.");
            }
            if (JsonText.FindInvalid(document.RootElement, string.Empty) is { } invalid)
            {
                return new(Lwm2mMessageError.InvalidUtf8, invalid);
            }
            root = document.RootElement.Clone();
            return Lwm2mParseError.None;
        }
        catch (JsonException exception)
        {
            return new(Lwm2mMessageError.MalformedJson, $"the payload is not valid JSON ({exception.Message}).");
        }
    }

    static Lwm2mParseError TryReadLifetime(JsonElement element, out TimeSpan lifetime)
    {
        lifetime = default;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetUInt32(out var seconds) || seconds == 0)
        {
            return new(Lwm2mMessageError.InvalidLifetime, $"'lifetime' must be a whole number of seconds from 1 to {uint.MaxValue}; got {element.GetRawText()}.");
        }
        lifetime = TimeSpan.FromSeconds(seconds);
        return Lwm2mParseError.None;
    }

    static Lwm2mParseError TryReadBindingMode(JsonElement element, out string binding)
    {
        binding = string.Empty;
        if (element.ValueKind != JsonValueKind.String)
        {
            return WrongType("bindingMode", "a string such as \"U\" or \"M\"");
        }
        return TryParseBindingMode(element.GetString()!, "'bindingMode'", out binding);
    }

    /// <summary>Checks binding letters such as <c>U</c>, <c>M</c> or <c>UQ</c>; <paramref name="field"/> names where they came from in the error.</summary>
    public static Lwm2mParseError TryParseBindingMode(string value, string field, out string binding)
    {
        ArgumentNullException.ThrowIfNull(value);
        binding = string.Empty;
        if (value.Length == 0 || value.AsSpan().IndexOfAnyExcept(BindingLetterValues) >= 0)
        {
            return new(Lwm2mMessageError.InvalidBindingMode, $"{field} '{value}' must be made of the binding letters {BindingLetters}.");
        }
        binding = value;
        return Lwm2mParseError.None;
    }

    /// <summary>
    /// Reads a CoRE link-format object list (<c>&lt;/1/0&gt;,&lt;/3303&gt;;ver=1.1,&lt;/3303/0&gt;</c>): the object and instance
    /// links, each object's <c>ver</c> and the root link's <c>ct</c>. Used by both dialects' Register and Update;
    /// <paramref name="field"/> names where the list came from in errors.
    /// </summary>
    public static Lwm2mParseError TryParseObjectLinks(string text, string field, out Lwm2mObjectList objects)
    {
        ArgumentNullException.ThrowIfNull(text);
        objects = Lwm2mObjectList.Empty;
        if (!CoreLinkFormat.TryParse(text, out var links, out var linkError))
        {
            return new(Lwm2mMessageError.InvalidObjects, $"{field} is not a CoRE link-format list: {linkError}.");
        }
        var paths = links.Select(l => l.Path).Where(p => p.Depth is 1 or 2).ToList();
        if (paths.Count != links.Count(l => !l.Path.IsRoot))
        {
            return new(Lwm2mMessageError.InvalidObjects, $"{field}: links must name objects or object instances, e.g. </3/0>.");
        }
        var versions = new Dictionary<ushort, string>();
        foreach (var link in links.Where(l => l.Path.IsObject && l.Attributes.ContainsKey("ver")))
        {
            if (link.Attributes["ver"] is not { } ver || !Lwm2mRegistryTerms.IsVersion(ver))
            {
                return new(Lwm2mMessageError.InvalidObjects, $"{field}: {link} has a 'ver' that is not an object version such as 1.1.");
            }
            versions[link.Path.ObjectId!.Value] = ver;
        }
        var contentFormats = new List<ushort>();
        if (links.FirstOrDefault(l => l.Path.IsRoot) is { } root && root.Attributes.TryGetValue("ct", out var ct))
        {
            foreach (var format in (ct ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!ushort.TryParse(format, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    return new(Lwm2mMessageError.InvalidObjects, $"{field}: the root link's ct '{ct}' must be content-format numbers such as 110 or \"60 110\".");
                }
                contentFormats.Add(number);
            }
        }
        objects = new Lwm2mObjectList(paths, new Dictionary<Lwm2mPath, JsonElement>()) { Versions = versions, ContentFormats = contentFormats };
        return Lwm2mParseError.None;
    }

    /// <summary>
    /// Reads <c>objects</c>: a CoRE link-format string (<c>"&lt;/1/0&gt;,&lt;/3/0&gt;"</c>) or the original
    /// nested form <c>{"3":{"0":{"0":"IoT Testing Corp"}}}</c> (object → instance → resource → value). The object
    /// version is the link attribute <c>ver</c> (<c>&lt;/3303/0&gt;,&lt;/3303&gt;;ver=1.1</c>) or, in the nested form, a
    /// <c>"ver"</c> beside the instances (<c>{"3303":{"ver":"1.1","0":{}}}</c>).
    /// </summary>
    static Lwm2mParseError TryReadObjects(JsonElement element, out Lwm2mObjectList objects)
    {
        objects = Lwm2mObjectList.Empty;
        if (element.ValueKind == JsonValueKind.String)
        {
            return TryParseObjectLinks(element.GetString()!, "'objects'", out objects);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return WrongType("objects", "an object or a CoRE link-format string");
        }

        var instances = new List<Lwm2mPath>();
        var values = new Dictionary<Lwm2mPath, JsonElement>();
        var objectVersions = new Dictionary<ushort, string>();
        foreach (var obj in element.EnumerateObject())
        {
            if (!TryParseId(obj.Name, out var objectId) || obj.Value.ValueKind != JsonValueKind.Object)
            {
                return InvalidObjects($"objects/{obj.Name}", "an object id (0..65534) mapped to its instances");
            }
            var objectPath = Lwm2mPath.Create(objectId);
            var hasInstance = false;
            foreach (var instance in obj.Value.EnumerateObject())
            {
                // "ver" beside the instances is the object version, as the link-format attribute of the same name.
                if (instance.Name == "ver")
                {
                    if (instance.Value.ValueKind != JsonValueKind.String || !Lwm2mRegistryTerms.IsVersion(instance.Value.GetString()!))
                    {
                        return InvalidObjects($"objects/{obj.Name}/ver", "an object version such as \"1.1\"");
                    }
                    objectVersions[objectId] = instance.Value.GetString()!;
                    continue;
                }
                if (!TryParseId(instance.Name, out var instanceId) || instance.Value.ValueKind != JsonValueKind.Object)
                {
                    return InvalidObjects($"objects/{obj.Name}/{instance.Name}", "an instance id mapped to its resources");
                }
                var instancePath = objectPath.Append(instanceId);
                instances.Add(instancePath);
                hasInstance = true;
                foreach (var resource in instance.Value.EnumerateObject())
                {
                    if (!TryParseId(resource.Name, out var resourceId))
                    {
                        return InvalidObjects($"objects/{obj.Name}/{instance.Name}/{resource.Name}", "a resource id");
                    }
                    var resourcePath = instancePath.Append(resourceId);
                    if (resource.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var resourceInstance in resource.Value.EnumerateObject())
                        {
                            if (!TryParseId(resourceInstance.Name, out var resourceInstanceId) || !IsScalar(resourceInstance.Value))
                            {
                                return InvalidObjects($"objects/{obj.Name}/{instance.Name}/{resource.Name}/{resourceInstance.Name}", "a resource instance id mapped to a string, number or boolean");
                            }
                            values[resourcePath.Append(resourceInstanceId)] = resourceInstance.Value;
                        }
                    }
                    else if (IsScalar(resource.Value))
                    {
                        values[resourcePath] = resource.Value;
                    }
                    else
                    {
                        return InvalidObjects($"objects/{obj.Name}/{instance.Name}/{resource.Name}", "a string, number, boolean or map of resource instances");
                    }
                }
            }
            if (!hasInstance)
            {
                instances.Add(objectPath);
            }
        }
        objects = new Lwm2mObjectList(instances, values) { Versions = objectVersions };
        return Lwm2mParseError.None;
    }

    static bool IsScalar(JsonElement element) =>
        element.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    static bool TryParseId(string text, out ushort id) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id <= Lwm2mPath.MaxId
        && (text.Length == 1 || text[0] != '0');

    static Lwm2mParseError WrongType(string field, string expected) =>
        new(Lwm2mMessageError.WrongFieldType, $"'{field}' must be {expected}.");

    static Lwm2mParseError InvalidObjects(string at, string expected) =>
        new(Lwm2mMessageError.InvalidObjects, $"'{at}' must be {expected}.");
}
