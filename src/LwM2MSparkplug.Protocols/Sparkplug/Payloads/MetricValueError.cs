namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>Why a metric value could not be read. Used as the <c>reason</c> metric label.</summary>
public enum MetricValueError
{
    None,
    /// <summary>Datatype 0, or a number outside the DataType enum.</summary>
    UnknownDataType,
    /// <summary>A datatype that is valid on the wire but not for this value position (e.g. PropertySet as a metric datatype).</summary>
    UnsupportedDataType,
    /// <summary>Neither a value nor <c>is_null</c>.</summary>
    MissingValue,
    /// <summary>The value is in a oneof field that does not belong to the datatype.</summary>
    WrongValueField,
    /// <summary>The number does not fit the declared width.</summary>
    OutOfRange,
    MalformedArray,
    MalformedDataSet,
    MalformedTemplate,
    /// <summary>A template instance in DATA names a member or parameter its birth did not declare (tck-id-payloads-template-instance-members).</summary>
    UnknownTemplateMember,
    MalformedPropertySet,
    InvalidUtf8,
    /// <summary>A birth certificate metric without a name.</summary>
    MissingName,
}
