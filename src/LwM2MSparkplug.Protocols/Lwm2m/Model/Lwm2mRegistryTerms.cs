namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>
/// The words the OMA registry's DDF files use for operations, types, multiplicity and presence (LwM2M 1.2 Core
/// Appendix D), read the same way for the built-in model and for a user's DDF files.
/// </summary>
public static class Lwm2mRegistryTerms
{
    /// <summary><c>R</c>, <c>W</c>, <c>RW</c>, <c>E</c>, or empty (no operation, as in the Security object).</summary>
    public static bool TryParseOperations(string text, out Lwm2mOperations operations)
    {
        ArgumentNullException.ThrowIfNull(text);
        operations = text.Trim() switch
        {
            "" => Lwm2mOperations.None,
            "R" => Lwm2mOperations.Read,
            "W" => Lwm2mOperations.Write,
            "RW" => Lwm2mOperations.ReadWrite,
            "E" => Lwm2mOperations.Execute,
            _ => (Lwm2mOperations)(-1),
        };
        return operations != (Lwm2mOperations)(-1);
    }

    public static string FormatOperations(Lwm2mOperations operations) => operations switch
    {
        Lwm2mOperations.Read => "R",
        Lwm2mOperations.Write => "W",
        Lwm2mOperations.ReadWrite => "RW",
        Lwm2mOperations.Execute => "E",
        _ => string.Empty,
    };

    /// <summary>The DDF type names; empty is an executable's "no type".</summary>
    public static bool TryParseType(string text, out Lwm2mResourceType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        type = text.Trim() switch
        {
            "" => Lwm2mResourceType.None,
            "String" => Lwm2mResourceType.String,
            "Integer" => Lwm2mResourceType.Integer,
            "Unsigned Integer" => Lwm2mResourceType.UnsignedInteger,
            "Float" => Lwm2mResourceType.Float,
            "Boolean" => Lwm2mResourceType.Boolean,
            "Opaque" => Lwm2mResourceType.Opaque,
            "Time" => Lwm2mResourceType.Time,
            "Objlnk" => Lwm2mResourceType.ObjectLink,
            "Corelnk" => Lwm2mResourceType.CoreLink,
            _ => (Lwm2mResourceType)(-1),
        };
        return type != (Lwm2mResourceType)(-1);
    }

    /// <summary><c>Multiple</c> or <c>Single</c>.</summary>
    public static bool TryParseMultiple(string text, out bool multiple)
    {
        ArgumentNullException.ThrowIfNull(text);
        multiple = text.Trim() == "Multiple";
        return multiple || text.Trim() == "Single";
    }

    /// <summary><c>Mandatory</c> or <c>Optional</c>.</summary>
    public static bool TryParseMandatory(string text, out bool mandatory)
    {
        ArgumentNullException.ThrowIfNull(text);
        mandatory = text.Trim() == "Mandatory";
        return mandatory || text.Trim() == "Optional";
    }

    /// <summary>An object version as the registry writes it: <c>major.minor</c>, e.g. <c>1.1</c>.</summary>
    public static bool IsVersion(string text) =>
        text.Split('.') is [var major, var minor]
        && major.Length > 0 && minor.Length > 0 && major.All(char.IsAsciiDigit) && minor.All(char.IsAsciiDigit);
}
