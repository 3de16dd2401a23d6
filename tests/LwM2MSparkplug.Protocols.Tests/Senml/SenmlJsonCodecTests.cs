using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Tests.Senml;

public sealed class SenmlJsonCodecTests
{
    [Fact]
    public void Resolve_AppliesBaseNamesAndBaseTimes_AsRfc8428Says()
    {
        using var json = JsonDocument.Parse("""[{"bn":"/3/0/","bt":100,"n":"9","v":87},{"n":"0","vs":"ACME","t":5},{"bn":"/3303/0/","n":"5700","v":21.5}]""");

        Assert.True(SenmlJsonCodec.TryRead(json.RootElement, out var records, out _));
        var resolved = SenmlJsonCodec.Resolve(records);

        Assert.Equal(["/3/0/9", "/3/0/0", "/3303/0/5700"], resolved.Select(r => r.Name));
        Assert.Equal([100, 105, 100], resolved.Select(r => r.Time!.Value));
    }

    [Fact]
    public void Write_ThenRead_RoundTripsEveryValueKind()
    {
        SenmlRecord[] records =
        [
            new() { BaseName = "/x/", Name = "a", Value = 1.5 },
            new() { Name = "b", StringValue = "s" },
            new() { Name = "c", BooleanValue = true },
            new() { Name = "d", DataValue = "AQI" },
            new() { Name = "e", ObjectLinkValue = "3:0", Time = 7 },
        ];
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SenmlJsonCodec.Write(writer, records);
        }
        using var json = JsonDocument.Parse(buffer.WrittenMemory);

        Assert.True(SenmlJsonCodec.TryRead(json.RootElement, out var read, out _));
        Assert.Equal(records, read);
    }

    [Theory]
    [InlineData("""{"n":"a"}""", "array")]
    [InlineData("""[1]""", "record 0")]
    [InlineData("""[{"v":"1"}]""", "'v'")]
    [InlineData("""[{"n":"a","v":1,"x_":2}]""", "'x_'")]
    [InlineData("""[{"n":"a","v":1e400}]""", "'v'")]
    [InlineData("""[{"n":"a","v":1,"t":-1e999}]""", "'t'")]
    public void TryRead_Invalid_SaysWhy(string text, string expected)
    {
        using var json = JsonDocument.Parse(text);

        Assert.False(SenmlJsonCodec.TryRead(json.RootElement, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
