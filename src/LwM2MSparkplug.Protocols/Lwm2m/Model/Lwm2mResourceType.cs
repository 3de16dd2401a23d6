namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>Resource data types (LwM2M 1.2 Core Appendix C). <see cref="None"/> is an executable resource.</summary>
public enum Lwm2mResourceType
{
    None,
    String,
    Integer,
    UnsignedInteger,
    Float,
    Boolean,
    Opaque,
    Time,
    ObjectLink,
    CoreLink,
}
