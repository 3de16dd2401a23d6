namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>
/// Which of the configured MQTT servers (its position in <see cref="MqttConnectionOptions.ServerList"/>) delivered the
/// message being handled. Set by <see cref="MqttConnection"/> around its message handler and flowing with the handler's
/// async calls, like <c>Activity.Current</c>, so answers queued while handling a message go back to the server it came
/// from without every handler passing the server along. Null outside a message handler.
/// </summary>
public static class MqttReceivingServer
{
    static readonly AsyncLocal<int?> CurrentServer = new();

    public static int? Current
    {
        get => CurrentServer.Value;
        internal set => CurrentServer.Value = value;
    }
}
