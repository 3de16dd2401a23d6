namespace LwM2MSparkplug.Protocols.Lwm2m.Observe;

/// <summary>
/// Decides when an observation notifies (LwM2M 1.2 Core §5.1.2 and §6.4.1): never sooner than <c>pmin</c> after the
/// last notification; at the latest <c>pmax</c> after it; in between on a change that matters: for numeric values a
/// crossing of <c>gt</c> or <c>lt</c>, or a move of at least <c>st</c>, or any change when neither is set; for other
/// values any change, and for a Boolean with <c>edge</c> only the change to <c>edge</c> (1: false to true, 0: true to
/// false). Pure: values and times are passed in.
/// </summary>
public static class NotificationPolicy
{
    public static bool ShouldNotify(NotificationAttributes attributes, object? lastValue, DateTimeOffset lastNotifiedAt, object? currentValue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var elapsed = (now - lastNotifiedAt).TotalSeconds;
        if (attributes.Pmin is { } pmin && elapsed < pmin)
        {
            return false;
        }
        // pmax less than pmin is ignored (Core §5.1.2); 0 or unset means no periodic notification.
        if (attributes.Pmax is > 0 and var pmax && (attributes.Pmin is null || pmax >= attributes.Pmin) && elapsed >= pmax)
        {
            return true;
        }
        if (Equals(lastValue, currentValue))
        {
            return false;
        }
        if (attributes.Edge is { } edge && lastValue is bool && currentValue is bool risen)
        {
            return risen == (edge == 1);
        }
        if (ToNumber(lastValue) is { } previous && ToNumber(currentValue) is { } current
            && (attributes.Gt is not null || attributes.Lt is not null || attributes.St is not null))
        {
            return Crossed(previous, current, attributes.Gt)
                || Crossed(previous, current, attributes.Lt)
                || (attributes.St is { } st && Math.Abs(current - previous) >= st);
        }
        return true;
    }

    static bool Crossed(double previous, double current, double? threshold) =>
        threshold is { } t && (previous <= t) != (current <= t);

    static double? ToNumber(object? value) => value switch
    {
        long l => l,
        ulong u => u,
        double d => d,
        int i => i,
        _ => null,
    };
}
