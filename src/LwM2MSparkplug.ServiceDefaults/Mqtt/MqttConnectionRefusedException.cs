namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>The broker answered but refused the connection or a subscription.</summary>
public sealed class MqttConnectionRefusedException : Exception
{
    public MqttConnectionRefusedException()
    {
    }

    public MqttConnectionRefusedException(string message) : base(message)
    {
    }

    public MqttConnectionRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
