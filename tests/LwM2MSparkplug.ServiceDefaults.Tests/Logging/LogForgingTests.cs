using Microsoft.Extensions.Configuration;
using Serilog;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Logging;

public sealed class LogForgingTests
{
    const string ForgedTopic = "lwm2m/dev\r\n[00:00:00 FTL] forged\u001b[31m/reg";

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void ALoggedValueFromOutside_CannotStartALineOfItsOwn(string format)
    {
        var output = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Format"] = format }).Build();
        var loggerConfiguration = new LoggerConfiguration();
        ServiceDefaultsExtensions.ConfigureLogger(loggerConfiguration, configuration, "test", output: output);

        using (var logger = loggerConfiguration.CreateLogger())
        {
            logger.Warning("Rejected LwM2M message on {Topic}: {Reason}", ForgedTopic, "bad_json");
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain('\r', lines[0]);
        Assert.DoesNotContain('\u001b', lines[0]);
        Assert.Contains("forged", lines[0], StringComparison.Ordinal);
        // The value itself was escaped, not only the line: in JSON the backslash of "\r" is escaped in turn.
        Assert.Contains(format == "json" ? @"dev\\r\\n[00:00:00 FTL]" : @"dev\r\n[00:00:00 FTL]", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedValues_SayWhatTheControlCharactersWere()
    {
        Assert.Equal(@"a\r\n[x]\u001B\t\u2028b", ServiceDefaults.Logging.ControlCharacters.Escape("a\r\n[x]\u001b\t\u2028b"));
        const string clean = "lwm2m/dev-1/reg";
        Assert.Same(clean, ServiceDefaults.Logging.ControlCharacters.Escape(clean));
    }
}
