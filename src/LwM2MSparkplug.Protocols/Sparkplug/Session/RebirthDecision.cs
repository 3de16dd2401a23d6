namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>What <see cref="RebirthThrottle.Request"/> decided for one rebirth request.</summary>
public enum RebirthDecision
{
    /// <summary>Send it now.</summary>
    Send,
    /// <summary>The global rate is used up: it waits its turn and comes out of <see cref="RebirthThrottle.Release"/>.</summary>
    Delayed,
    /// <summary>A request for this edge node is already waiting; the two are one.</summary>
    AlreadyPending,
    /// <summary>One went to this edge node within the debounce interval; its rebirth is under way.</summary>
    Debounced,
}
