using System.Text.Json.Nodes;

namespace LwM2MSparkplug.Stack.Tests;

public sealed class RedpandaConnectConfigTests
{
    static readonly JsonNode Config = YamlFile.Load("redpanda-connect-config.yaml");

    [Fact]
    public void Input_PollsTheLwm2mServerEvents_RateLimited()
    {
        var input = Config["input"]!["http_client"]!;
        var rateLimit = input["rate_limit"]!.GetValue<string>();

        Assert.Matches(@"^\$\{LWM2M_EVENTS_URL:http://lwm2m-server:8080/api/events\?consumer=redpanda-connect&ack=true\}$", input["url"]!.GetValue<string>());
        Assert.Equal("GET", input["verb"]!.GetValue<string>());
        var limit = Assert.Single(Config["rate_limit_resources"]!.AsArray(), resource => resource!["label"]!.GetValue<string>() == rateLimit)!;
        Assert.Equal("1", limit["local"]!["count"]!.GetValue<string>());
    }

    [Fact]
    public void Pipeline_SplitsTheJsonArrayIntoOneMessagePerEvent()
    {
        var processors = Config["pipeline"]!["processors"]!.AsArray();

        Assert.Equal("json_array", processors[0]!["unarchive"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void Output_WritesToKafkaFirst_KeyedByEndpoint_ThenAcknowledgesToTheServer_OnePageAtATime()
    {
        var broker = Config["output"]!["broker"]!;
        var outputs = broker["outputs"]!.AsArray();
        var kafka = outputs[0]!["redpanda"]!;
        var acknowledge = outputs[1]!["http_client"]!;

        // Sequential: the acknowledgement only after Kafka took the events; cumulative, so no page overtakes another.
        Assert.Equal("fan_out_sequential", broker["pattern"]!.GetValue<string>());
        Assert.Equal(2, outputs.Count);
        Assert.Equal("iot.telemetry.lwm2m.http", kafka["topic"]!.GetValue<string>());
        Assert.Equal("${! json(\"endpoint\") }", kafka["key"]!.GetValue<string>());
        Assert.Equal("${KAFKA_BROKERS:redpanda:9092}", Assert.Single(kafka["seed_brokers"]!.AsArray())!.GetValue<string>());
        Assert.Equal("1", kafka["max_in_flight"]!.GetValue<string>());
        Assert.Equal("${LWM2M_EVENTS_ACK_URL:http://lwm2m-server:8080/api/events/ack?consumer=redpanda-connect}", acknowledge["url"]!.GetValue<string>());
        Assert.Equal("POST", acknowledge["verb"]!.GetValue<string>());
        Assert.Equal("1", acknowledge["max_in_flight"]!.GetValue<string>());
        Assert.Equal("Bearer ${API_KEY:}", acknowledge["headers"]!["Authorization"]!.GetValue<string>());
        var compose = File.ReadAllText(LwM2MSparkplug.Testing.RepositoryPaths.Combine("docker-compose.yml"));
        Assert.Contains("LWM2M_EVENTS_URL: http://lwm2m-server:8080/api/events?consumer=redpanda-connect&ack=true", compose, StringComparison.Ordinal);
        Assert.Contains("LWM2M_EVENTS_ACK_URL: http://lwm2m-server:8080/api/events/ack?consumer=redpanda-connect", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpServerAndPrometheusMetrics_AreOnThePortComposePublishes()
    {
        Assert.Equal("0.0.0.0:4195", Config["http"]!["address"]!.GetValue<string>());
        Assert.Equal("true", Config["http"]!["enabled"]!.GetValue<string>());
        Assert.NotNull(Config["metrics"]!["prometheus"]);
        var compose = File.ReadAllText(LwM2MSparkplug.Testing.RepositoryPaths.Combine("docker-compose.yml"));
        Assert.Contains("\"${ADMIN_BIND_ADDRESS:-127.0.0.1}:8087:4195\"", compose, StringComparison.Ordinal);
        Assert.Contains("./redpanda-connect-config.yaml:/etc/redpanda-connect/config.yaml:ro", compose, StringComparison.Ordinal);
    }
}
