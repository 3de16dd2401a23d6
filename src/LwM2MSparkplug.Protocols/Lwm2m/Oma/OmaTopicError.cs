namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>Why a topic is not one of the OMA binding's. Used as a metric label.</summary>
public enum OmaTopicError
{
    None,
    /// <summary>Not under <c>[prefix/]lwm2m/rd/</c> or <c>[prefix/]lwm2m/bs/</c>.</summary>
    NotOma,
    /// <summary>The endpoint level is empty, too long, holds a wildcard, or has levels below it.</summary>
    InvalidEndpoint,
    /// <summary>A configured prefix with a wildcard or an empty level.</summary>
    InvalidPrefix,
}
