using System.Text.Json;
using LwM2MSparkplug.DeviceSimulator.Apis;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.ServiceDefaults;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Apis;

public sealed class SimulatedDeviceViewTests
{
    [Fact]
    public void NonFiniteReadings_AreWrittenAsStrings_SoNoDeviceCanFailTheFleetList()
    {
        // The options GET /api/devices writes with: ASP.NET's web defaults plus the services' conventions.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.ConfigureJson(options);
        var odd = View("dev-odd", new SensorReadings(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 5, float.NaN));
        var plain = View("dev-plain", new SensorReadings(21.5, 40, 80, 5, 21));

        using var fleet = JsonDocument.Parse(JsonSerializer.Serialize(new[] { odd, plain }, options));

        var readings = fleet.RootElement[0].GetProperty("readings");
        Assert.Equal("NaN", readings.GetProperty("temperature").GetString());
        Assert.Equal("Infinity", readings.GetProperty("humidity").GetString());
        Assert.Equal("-Infinity", readings.GetProperty("battery_level").GetString());
        Assert.Equal("NaN", readings.GetProperty("setpoint").GetString());
        Assert.Equal(21.5, fleet.RootElement[1].GetProperty("readings").GetProperty("temperature").GetDouble());
    }

    static SimulatedDeviceView View(string deviceId, SensorReadings readings) =>
        new(deviceId, true, 1, "mqtt://localhost:1883", true, "registered", true, "born", 3, 10, 0, readings);
}
