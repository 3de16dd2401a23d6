using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

public sealed class ObjectSpecsApiTests(Lwm2mServerFixture server) : IClassFixture<Lwm2mServerFixture>
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ObjectSpecs_ListEveryObjectAndVersion_WithTheirResources()
    {
        var specs = await server.Http.GetFromJsonAsync<JsonElement>("/api/objectspecs", Cancel);

        var temperature = specs.EnumerateArray().Where(o => o.GetProperty("id").GetInt32() == 3303).ToList();
        Assert.Equal(["1.0", "1.1"], temperature.Select(o => o.GetProperty("version").GetString()));
        var lifetime = specs.EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == 1)
            .GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == 1);
        Assert.Equal("Lifetime", lifetime.GetProperty("name").GetString());
        Assert.Equal("RW", lifetime.GetProperty("operations").GetString());
        Assert.Equal("unsigned_integer", lifetime.GetProperty("type").GetString());
        Assert.Equal("s", lifetime.GetProperty("units").GetString());
        Assert.False(lifetime.GetProperty("multiple").GetBoolean());
        Assert.True(lifetime.GetProperty("mandatory").GetBoolean());
    }

    [Fact]
    public async Task DeviceObjectSpecs_AreTheRegisteredObjects_AtTheirRegisteredVersions()
    {
        var specs = await server.Http.GetFromJsonAsync<JsonElement>($"/api/devices/{Lwm2mServerFixture.Endpoint}/objectspecs", Cancel);

        Assert.Equal(
            ["1 1.2 True", "3 1.2 True", "3303 1.1 True"],
            specs.EnumerateArray().Select(o => $"{o.GetProperty("id").GetInt32()} {o.GetProperty("version").GetString()} {o.GetProperty("known").GetBoolean()}"));
        var temperature = specs.EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == 3303).GetProperty("spec");
        Assert.Contains(temperature.GetProperty("resources").EnumerateArray(), r => r.GetProperty("id").GetInt32() == 6050);
    }

    [Fact]
    public async Task DeviceObjectSpecs_OfAnUnknownDevice_IsNotFound()
    {
        var response = await server.Http.GetAsync("/api/devices/nobody/objectspecs", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
