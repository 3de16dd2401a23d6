namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>
/// What one server of <see cref="MqttConnectionOptions.Servers"/> sets differently from the common <c>Mqtt</c> settings:
/// <c>Mqtt:PerServer:{position}:{Property}</c>, the position counted from 0 in the list (in the environment
/// <c>Mqtt__PerServer__1__Password</c>). Unset properties are taken from the common settings.
/// </summary>
public sealed class MqttServerSettings
{
    public string? CaCertificate { get; set; }
    public string? ClientCertificate { get; set; }
    public string? ClientKey { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
}
