using LwM2MSparkplug.Protocols.Lwm2m.Links;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Links;

public class CoreLinkFormatTests
{
    [Fact]
    public void TryParse_ObjectList_WithAttributes()
    {
        Assert.True(CoreLinkFormat.TryParse("""</>;rt="oma.lwm2m";ct=110,</1/0>,</3/0>;ver=1.2,</3303/0>""", out var links, out _));

        Assert.Equal(["/", "/1/0", "/3/0", "/3303/0"], links.Select(l => l.Path.ToString()));
        Assert.Equal("oma.lwm2m", links[0].Attributes["rt"]);
        Assert.Equal("1.2", links[2].Attributes["ver"]);
    }

    [Fact]
    public void Format_RoundTripsParse()
    {
        const string text = "</1/0>,</3/0>;ver=1.2,</3303/0>";

        Assert.True(CoreLinkFormat.TryParse(text, out var links, out _));
        Assert.Equal(text, CoreLinkFormat.Format(links));
    }

    [Theory]
    [InlineData("/1/0")]
    [InlineData("</1/0")]
    [InlineData("</x/0>")]
    [InlineData("</1/0>;")]
    [InlineData("</1/0></3/0>")]
    public void TryParse_Malformed_ExplainsWhere(string text)
    {
        Assert.False(CoreLinkFormat.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
