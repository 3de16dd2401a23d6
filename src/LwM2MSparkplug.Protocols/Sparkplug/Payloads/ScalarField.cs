using LwM2MSparkplug.Protocols.Sparkplug.Proto;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>Which oneof field of a protobuf value carries a scalar.</summary>
enum ScalarFieldKind
{
    None,
    Int,
    Long,
    Float,
    Double,
    Boolean,
    String,
}

/// <summary>
/// The scalar part of the four protobuf "value" oneofs (Metric, PropertyValue, DataSetValue, Template.Parameter),
/// so that datatype dispatch is written once.
/// </summary>
readonly record struct ScalarField(ScalarFieldKind Kind, ulong Integer = 0, float Float = 0, double Double = 0, bool Boolean = false, string? Text = null)
{
    public static ScalarField From(Payload.Types.Metric metric) => metric.ValueCase switch
    {
        Payload.Types.Metric.ValueOneofCase.IntValue => new(ScalarFieldKind.Int, metric.IntValue),
        Payload.Types.Metric.ValueOneofCase.LongValue => new(ScalarFieldKind.Long, metric.LongValue),
        Payload.Types.Metric.ValueOneofCase.FloatValue => new(ScalarFieldKind.Float, Float: metric.FloatValue),
        Payload.Types.Metric.ValueOneofCase.DoubleValue => new(ScalarFieldKind.Double, Double: metric.DoubleValue),
        Payload.Types.Metric.ValueOneofCase.BooleanValue => new(ScalarFieldKind.Boolean, Boolean: metric.BooleanValue),
        Payload.Types.Metric.ValueOneofCase.StringValue => new(ScalarFieldKind.String, Text: metric.StringValue),
        _ => default,
    };

    public static ScalarField From(Payload.Types.PropertyValue value) => value.ValueCase switch
    {
        Payload.Types.PropertyValue.ValueOneofCase.IntValue => new(ScalarFieldKind.Int, value.IntValue),
        Payload.Types.PropertyValue.ValueOneofCase.LongValue => new(ScalarFieldKind.Long, value.LongValue),
        Payload.Types.PropertyValue.ValueOneofCase.FloatValue => new(ScalarFieldKind.Float, Float: value.FloatValue),
        Payload.Types.PropertyValue.ValueOneofCase.DoubleValue => new(ScalarFieldKind.Double, Double: value.DoubleValue),
        Payload.Types.PropertyValue.ValueOneofCase.BooleanValue => new(ScalarFieldKind.Boolean, Boolean: value.BooleanValue),
        Payload.Types.PropertyValue.ValueOneofCase.StringValue => new(ScalarFieldKind.String, Text: value.StringValue),
        _ => default,
    };

    public static ScalarField From(Payload.Types.DataSet.Types.DataSetValue value) => value.ValueCase switch
    {
        Payload.Types.DataSet.Types.DataSetValue.ValueOneofCase.IntValue => new(ScalarFieldKind.Int, value.IntValue),
        Payload.Types.DataSet.Types.DataSetValue.ValueOneofCase.LongValue => new(ScalarFieldKind.Long, value.LongValue),
        Payload.Types.DataSet.Types.DataSetValue.ValueOneofCase.FloatValue => new(ScalarFieldKind.Float, Float: value.FloatValue),
        Payload.Types.DataSet.Types.DataSetValue.ValueOneofCase.DoubleValue => new(ScalarFieldKind.Double, Double: value.DoubleValue),
        Payload.Types.DataSet.Types.DataSetValue.ValueOneofCase.BooleanValue => new(ScalarFieldKind.Boolean, Boolean: value.BooleanValue),
        Payload.Types.DataSet.Types.DataSetValue.ValueOneofCase.StringValue => new(ScalarFieldKind.String, Text: value.StringValue),
        _ => default,
    };

    public static ScalarField From(Payload.Types.Template.Types.Parameter value) => value.ValueCase switch
    {
        Payload.Types.Template.Types.Parameter.ValueOneofCase.IntValue => new(ScalarFieldKind.Int, value.IntValue),
        Payload.Types.Template.Types.Parameter.ValueOneofCase.LongValue => new(ScalarFieldKind.Long, value.LongValue),
        Payload.Types.Template.Types.Parameter.ValueOneofCase.FloatValue => new(ScalarFieldKind.Float, Float: value.FloatValue),
        Payload.Types.Template.Types.Parameter.ValueOneofCase.DoubleValue => new(ScalarFieldKind.Double, Double: value.DoubleValue),
        Payload.Types.Template.Types.Parameter.ValueOneofCase.BooleanValue => new(ScalarFieldKind.Boolean, Boolean: value.BooleanValue),
        Payload.Types.Template.Types.Parameter.ValueOneofCase.StringValue => new(ScalarFieldKind.String, Text: value.StringValue),
        _ => default,
    };

    public void WriteTo(Payload.Types.Metric metric)
    {
        switch (Kind)
        {
            case ScalarFieldKind.Int: metric.IntValue = (uint)Integer; break;
            case ScalarFieldKind.Long: metric.LongValue = Integer; break;
            case ScalarFieldKind.Float: metric.FloatValue = Float; break;
            case ScalarFieldKind.Double: metric.DoubleValue = Double; break;
            case ScalarFieldKind.Boolean: metric.BooleanValue = Boolean; break;
            case ScalarFieldKind.String: metric.StringValue = Text; break;
        }
    }

    public void WriteTo(Payload.Types.PropertyValue value)
    {
        switch (Kind)
        {
            case ScalarFieldKind.Int: value.IntValue = (uint)Integer; break;
            case ScalarFieldKind.Long: value.LongValue = Integer; break;
            case ScalarFieldKind.Float: value.FloatValue = Float; break;
            case ScalarFieldKind.Double: value.DoubleValue = Double; break;
            case ScalarFieldKind.Boolean: value.BooleanValue = Boolean; break;
            case ScalarFieldKind.String: value.StringValue = Text; break;
        }
    }

    public void WriteTo(Payload.Types.DataSet.Types.DataSetValue value)
    {
        switch (Kind)
        {
            case ScalarFieldKind.Int: value.IntValue = (uint)Integer; break;
            case ScalarFieldKind.Long: value.LongValue = Integer; break;
            case ScalarFieldKind.Float: value.FloatValue = Float; break;
            case ScalarFieldKind.Double: value.DoubleValue = Double; break;
            case ScalarFieldKind.Boolean: value.BooleanValue = Boolean; break;
            case ScalarFieldKind.String: value.StringValue = Text; break;
        }
    }

    public void WriteTo(Payload.Types.Template.Types.Parameter value)
    {
        switch (Kind)
        {
            case ScalarFieldKind.Int: value.IntValue = (uint)Integer; break;
            case ScalarFieldKind.Long: value.LongValue = Integer; break;
            case ScalarFieldKind.Float: value.FloatValue = Float; break;
            case ScalarFieldKind.Double: value.DoubleValue = Double; break;
            case ScalarFieldKind.Boolean: value.BooleanValue = Boolean; break;
            case ScalarFieldKind.String: value.StringValue = Text; break;
        }
    }
}
