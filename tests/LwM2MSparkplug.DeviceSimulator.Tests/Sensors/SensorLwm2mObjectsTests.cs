using System.Buffers;
using LwM2MSparkplug.DeviceSimulator.Sensors;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Sensors;

/// <summary>The simulated sensor's LwM2M objects, through the client core that serves them.</summary>
public sealed class SensorLwm2mObjectsTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly Outbox _outbox = new();
    readonly SensorModel _sensor = new(new Random(3), T0, 30);

    [Fact]
    public void TheRegister_AnnouncesTheObjects_AndCarriesTheOriginalStacksValues()
    {
        var client = SensorLwm2mObjects.CreateClient("sensor-1", _sensor, new SimulatorOptions { Lwm2mLifetimeSeconds = 600 });

        client.Connected(T0, _outbox);

        Assert.Equal(Lwm2mParseError.None, Lwm2mMessageParser.TryParseRegister("sensor-1", new ReadOnlySequence<byte>(_outbox.Messages[0].Payload), out var register));
        Assert.Equal(["/1/0", "/3/0", "/4/0", "/3303/0"], register.Objects.Links.Select(p => p.ToString()));
        Assert.Equal(SensorLwm2mObjects.RegisterValuePaths.Order(), register.Objects.Values.Keys.Order());
        Assert.Equal(600, register.Objects.Values[Lwm2mPath.Parse("/1/0/1")].GetInt64());
        Assert.Equal(DeviceObjectEnabler.Manufacturer, register.Objects.Values[Lwm2mPath.Parse("/3/0/0")].GetString());
        Assert.Equal("sensor-1", register.Objects.Values[Lwm2mPath.Parse("/3/0/2")].GetString());
        Assert.Equal(TimeSpan.FromSeconds(600), register.Lifetime);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheRegister_DeclaresQueueMode_AsTheSimulatorIsSet(bool queueMode)
    {
        var client = SensorLwm2mObjects.CreateClient("sensor-1", _sensor, new SimulatorOptions { Lwm2mQueueMode = queueMode });

        client.Connected(T0, _outbox);

        Lwm2mMessageParser.TryParseRegister("sensor-1", new ReadOnlySequence<byte>(_outbox.Messages[0].Payload), out var register);
        Assert.Equal(queueMode, register.QueueMode);
    }

    [Fact]
    public void OverTheOmaBinding_TheDeviceRegistersOnItsPrefixedTopic_WithBindingM()
    {
        var client = SensorLwm2mObjects.CreateClient("sensor-1", _sensor, new SimulatorOptions { Lwm2mOmaPrefix = "tenant-a" }, OmaClientDialect.DialectName);

        client.Connected(T0, _outbox);

        var register = Assert.Single(_outbox.Messages);
        Assert.Equal("tenant-a/lwm2m/rd/sensor-1", register.Topic);
        Assert.Equal(["tenant-a/lwm2m/rd/sensor-1"], client.Subscriptions.Select(s => s.Filter));
        Assert.True(OmaEnvelopeCodec.TryRead(register.Payload, OmaInterface.Registration, out var message, out _));
        Assert.Equal((OmaOperation.Register, "M", "1.2"), (message!.Operation!.Value, message.Binding, message.Version));
        Assert.Equal("M", client.Objects.Read(Lwm2mPath.Parse("/3/0/16"), T0)!.Single().Value);
    }

    [Fact]
    public void TheDeviceClock_CanBeSet_AndFactoryResetPutsItBack()
    {
        var device = new DeviceObjectEnabler("sensor-1", _sensor);
        var time = new Protocols.Lwm2m.Nodes.Lwm2mResourceValue(Lwm2mPath.Parse("/3/0/13"), Protocols.Lwm2m.Model.Lwm2mResourceType.Time, T0.AddHours(1).ToUnixTimeSeconds());

        Assert.Equal(Lwm2mResultCode.Changed, device.CheckWrite(0, time, out _));
        device.Write(0, time, T0);
        Assert.Equal(T0.AddHours(1).AddSeconds(10).ToUnixTimeSeconds(), ClockAt(device, T0.AddSeconds(10)));
        device.Reset();
        Assert.Equal(T0.AddSeconds(10).ToUnixTimeSeconds(), ClockAt(device, T0.AddSeconds(10)));
    }

    [Fact]
    public void TheDeviceClock_TakesAnyTime_WithoutBreaking()
    {
        var device = new DeviceObjectEnabler("sensor-1", _sensor);
        var far = new Protocols.Lwm2m.Nodes.Lwm2mResourceValue(Lwm2mPath.Parse("/3/0/13"), Protocols.Lwm2m.Model.Lwm2mResourceType.Time, long.MaxValue);

        device.Write(0, far, T0);

        Assert.True(ClockAt(device, T0) > T0.AddYears(7000).ToUnixTimeSeconds());
    }

    [Fact]
    public void Temperature_CreatedInstances_AreDeletable_AndFactoryResetLeavesOnlyTheSensor()
    {
        var temperature = new TemperatureObjectEnabler(_sensor, new Random(1));

        Assert.Equal(Lwm2mResultCode.Created, temperature.Create(null, [], out var created, out _));
        Assert.Equal(1, created);
        Assert.Equal(Lwm2mResultCode.MethodNotAllowed, temperature.Delete(0, out _));
        temperature.Create(7, [], out _, out _);
        Assert.Equal([(ushort)0, 1, 7], temperature.InstanceIds);
        Assert.Equal(Lwm2mResultCode.Deleted, temperature.Delete(1, out _));

        temperature.Reset();

        Assert.Equal([(ushort)0], temperature.InstanceIds);
    }

    [Fact]
    public void Temperature_MinAndMax_FollowWhatWasRead_AndResetOnExecute()
    {
        var temperature = new TemperatureObjectEnabler(_sensor, new Random(1));
        var values = new List<Protocols.Lwm2m.Nodes.Lwm2mResourceValue>();

        for (var minute = 0; minute < 30; minute++)
        {
            values.Clear();
            temperature.Read(0, T0.AddMinutes(minute), values);
        }
        var min = (double)values.Single(v => v.Path.ResourceId == 5601).Value;
        var max = (double)values.Single(v => v.Path.ResourceId == 5602).Value;
        Assert.True(min < max);
        Assert.Equal(Lwm2mResultCode.Changed, temperature.Execute(0, 5605, null, out _, out _));
        values.Clear();
        temperature.Read(0, T0.AddMinutes(31), values);
        Assert.Equal(values.Single(v => v.Path.ResourceId == 5700).Value, values.Single(v => v.Path.ResourceId == 5601).Value);
    }

    static long ClockAt(DeviceObjectEnabler device, DateTimeOffset now)
    {
        var values = new List<Protocols.Lwm2m.Nodes.Lwm2mResourceValue>();
        device.Read(0, now, values);
        return (long)values.Single(v => v.Path.ResourceId == 13).Value;
    }
}
