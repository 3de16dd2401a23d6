using LwM2MSparkplug.Standalone.Broker.Access;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Access;

public sealed class TopicAccessPolicyTests
{
    static readonly ClientIdentity DeviceA = new("dev-a", ClientRole.Device);
    static readonly ClientIdentity Lwm2mServer = new(BrokerAccounts.Lwm2mServer, ClientRole.Lwm2mServer);
    static readonly ClientIdentity SparkplugHost = new(BrokerAccounts.SparkplugHost, ClientRole.SparkplugHost);
    static readonly ClientIdentity Bridge = new(BrokerAccounts.KafkaBridge, ClientRole.KafkaBridge);
    static readonly ClientIdentity Monitor = new("monitor", ClientRole.Monitor);

    [Theory]
    [InlineData("lwm2m/dev-a/reg")]
    [InlineData("lwm2m/dev-a/update")]
    [InlineData("lwm2m/dev-a/dereg")]
    [InlineData("lwm2m/dev-a/resp/17")]
    [InlineData("lwm2m/dev-a/notify/3")]
    [InlineData("lwm2m/dev-a/send")]
    [InlineData("spBv1.0/G/NBIRTH/dev-a")]
    [InlineData("spBv1.0/G/NDATA/dev-a")]
    [InlineData("spBv1.0/G/NDEATH/dev-a")]
    [InlineData("spBv1.0/G/DBIRTH/dev-a/sensor")]
    [InlineData("spBv1.0/G/DDATA/dev-a/sensor")]
    [InlineData("spBv1.0/G/DDEATH/dev-a/sensor")]
    public void A_device_publishes_its_own_uplinks(string topic) =>
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MayPublish(DeviceA, topic));

    [Theory]
    [InlineData("lwm2m/dev-b/reg")]
    [InlineData("lwm2m/dev-b/resp/17")]
    [InlineData("spBv1.0/G/NDATA/dev-b")]
    [InlineData("spBv1.0/G/DDATA/dev-b/sensor")]
    public void A_device_may_not_publish_as_another_device(string topic) =>
        Assert.Equal(TopicAccess.NotOwnTopic, TopicAccessPolicy.MayPublish(DeviceA, topic));

    [Theory]
    [InlineData("lwm2m/dev-a/cmd/1")]
    [InlineData("lwm2m/dev-a/reg/ack")]
    [InlineData("spBv1.0/G/NCMD/dev-a")]
    [InlineData("spBv1.0/G/DDATA/dev-a")]
    [InlineData("spBv1.0/G/NDATA/dev-a/extra")]
    [InlineData("other/topic")]
    [InlineData("$SYS/broker/uptime")]
    public void A_device_may_not_publish_downlinks_or_anything_else(string topic) =>
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MayPublish(DeviceA, topic));

    [Theory]
    [InlineData("lwm2m/dev-a/cmd/+")]
    [InlineData("lwm2m/dev-a/cmd/7")]
    [InlineData("lwm2m/dev-a/reg/ack")]
    [InlineData("lwm2m/dev-a/update/ack")]
    [InlineData("spBv1.0/+/NCMD/dev-a")]
    [InlineData("spBv1.0/G/DCMD/dev-a/+")]
    [InlineData("spBv1.0/STATE/+")]
    [InlineData("spBv1.0/STATE/host-1")]
    public void A_device_subscribes_to_its_own_downlinks_and_host_state(string filter) =>
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(DeviceA, filter));

    [Theory]
    [InlineData("lwm2m/dev-b/cmd/+", TopicAccess.NotOwnTopic)]
    [InlineData("lwm2m/+/cmd/+", TopicAccess.NotOwnTopic)]
    [InlineData("spBv1.0/+/NCMD/dev-b", TopicAccess.NotOwnTopic)]
    [InlineData("lwm2m/dev-a/cmd/#", TopicAccess.NotPermitted)]
    [InlineData("lwm2m/dev-a/#", TopicAccess.NotPermitted)]
    [InlineData("#", TopicAccess.NotPermitted)]
    [InlineData("spBv1.0/#", TopicAccess.NotPermitted)]
    public void A_device_may_not_read_beyond_its_own_downlinks(string filter, TopicAccess expected) =>
        Assert.Equal(expected, TopicAccessPolicy.MaySubscribe(DeviceA, filter));

    [Theory]
    [InlineData("lwm2m-server")]
    [InlineData("mqtt-kafka-bridge")]
    [InlineData("monitor")]
    [InlineData("dev-a")]
    public void Only_the_host_account_publishes_state(string name)
    {
        var identity = name switch
        {
            BrokerAccounts.Lwm2mServer => Lwm2mServer,
            BrokerAccounts.KafkaBridge => Bridge,
            "monitor" => Monitor,
            _ => DeviceA,
        };

        Assert.Equal(TopicAccess.StateReservedForHost, TopicAccessPolicy.MayPublish(identity, "spBv1.0/STATE/host-1"));
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MayPublish(SparkplugHost, "spBv1.0/STATE/host-1"));
    }

    [Fact]
    public void The_host_reads_all_sparkplug_and_sends_commands_but_no_data()
    {
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(SparkplugHost, "spBv1.0/#"));
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MayPublish(SparkplugHost, "spBv1.0/G/NCMD/dev-a"));
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MayPublish(SparkplugHost, "spBv1.0/G/DCMD/dev-a/sensor"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MayPublish(SparkplugHost, "spBv1.0/G/NDATA/dev-a"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MaySubscribe(SparkplugHost, "lwm2m/#"));
    }

    [Fact]
    public void The_lwm2m_server_reads_uplinks_and_births_and_writes_downlinks()
    {
        foreach (var filter in new[] { "lwm2m/+/reg", "lwm2m/+/update", "lwm2m/+/dereg", "lwm2m/+/resp/#", "lwm2m/+/notify/#", "lwm2m/+/send", "spBv1.0/+/NBIRTH/+", "spBv1.0/+/NDEATH/+" })
        {
            Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(Lwm2mServer, filter));
        }
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MaySubscribe(Lwm2mServer, "lwm2m/#"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MaySubscribe(Lwm2mServer, "spBv1.0/+/NDATA/+"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MaySubscribe(Lwm2mServer, "spBv1.0/STATE/+"));
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MayPublish(Lwm2mServer, "lwm2m/dev-a/cmd/5"));
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MayPublish(Lwm2mServer, "lwm2m/dev-a/reg/ack"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MayPublish(Lwm2mServer, "lwm2m/dev-a/reg"));
    }

    [Fact]
    public void The_bridge_and_people_read_and_never_publish()
    {
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(Bridge, "spBv1.0/#"));
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(Bridge, "$share/bridge/lwm2m/#"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MaySubscribe(Bridge, "#"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MayPublish(Bridge, "lwm2m/dev-a/cmd/1"));

        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(Monitor, "#"));
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(Monitor, "$SYS/#"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MayPublish(Monitor, "lwm2m/hand-1/reg"));
        Assert.Equal(TopicAccess.NotPermitted, TopicAccessPolicy.MayPublish(Monitor, "spBv1.0/G/NBIRTH/monitor"));
    }

    [Theory]
    [InlineData("lwm2m/rd/+", null)]
    [InlineData("tenant-a/lwm2m/rd/+", "tenant-a")]
    [InlineData("$share/kafka-bridge/tenant-a/lwm2m/rd/+", "tenant-a")]
    public void The_bridge_reads_the_oma_topics_under_the_prefix(string filter, string? omaPrefix) =>
        Assert.Equal(TopicAccess.Allowed, TopicAccessPolicy.MaySubscribe(Bridge, filter, omaPrefix));

    [Theory]
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("+/broker/uptime", "$SYS/broker/uptime", false)]
    [InlineData("$SYS/#", "$SYS/broker/uptime", true)]
    [InlineData("lwm2m/#", "lwm2m", true)]
    [InlineData("lwm2m/+/reg", "lwm2m/+/reg", true)]
    [InlineData("lwm2m/+/reg", "lwm2m/#", false)]
    [InlineData("lwm2m/x/reg", "lwm2m/+/reg", false)]
    [InlineData("lwm2m/+/resp/#", "lwm2m/a/resp/1/2", true)]
    [InlineData("lwm2m/+/reg", "lwm2m/a/reg/ack", false)]
    public void A_pattern_covers_a_filter_only_when_it_matches_everything_the_filter_can(string pattern, string filter, bool covers) =>
        Assert.Equal(covers, new TopicPattern(pattern).Covers(filter.Split('/'), clientId: null));
}

/// <summary>Every rule of the Compose stack's Mosquitto ACL files is one the embedded broker's policy grants as well.</summary>
public sealed class TopicAccessPolicyMatchesTheMosquittoAclTests
{
    static readonly Dictionary<string, ClientRole> Accounts = new()
    {
        [BrokerAccounts.Lwm2mServer] = ClientRole.Lwm2mServer,
        [BrokerAccounts.SparkplugHost] = ClientRole.SparkplugHost,
        [BrokerAccounts.KafkaBridge] = ClientRole.KafkaBridge,
        ["mqtt-kafka-bridge-2"] = ClientRole.KafkaBridge,
        ["monitor"] = ClientRole.Monitor,
    };

    [Fact]
    public void EveryDeviceRule_IsGrantedToADevice()
    {
        var rules = Rules("acl-devices").ToList();
        Assert.NotEmpty(rules);
        var device = new ClientIdentity("dev-a", ClientRole.Device);
        foreach (var (access, pattern) in rules)
        {
            Check(device, access, pattern.Replace("%u", "dev-a", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveryAccountRule_IsGrantedToThatAccount()
    {
        string? user = null;
        var checkedRules = 0;
        foreach (var line in File.ReadLines(LwM2MSparkplug.Testing.RepositoryPaths.Combine("mosquitto", "acl")).Select(l => l.Trim()))
        {
            if (line.StartsWith("user ", StringComparison.Ordinal))
            {
                user = line[5..];
            }
            else if (line.StartsWith("topic ", StringComparison.Ordinal) && user is not null && Accounts.TryGetValue(user, out var role))
            {
                var words = line.Split(' ', 3);
                Check(new ClientIdentity(user, role), words[1], words[2]);
                checkedRules++;
            }
        }
        Assert.True(checkedRules > 10, $"only {checkedRules} rules read from mosquitto/acl");
    }

    static IEnumerable<(string Access, string Pattern)> Rules(string file) =>
        File.ReadLines(LwM2MSparkplug.Testing.RepositoryPaths.Combine("mosquitto", file))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("pattern ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 3))
            .Select(words => (words[1], words[2]));

    static void Check(ClientIdentity identity, string access, string filter)
    {
        // A concrete topic the filter matches, for the publish check.
        var topic = string.Join('/', filter.Split('/').Select(level => level switch { "+" => "x", "#" => "x/y", _ => level }));
        if (access is "write" or "readwrite")
        {
            Assert.True(TopicAccessPolicy.MayPublish(identity, topic) == TopicAccess.Allowed, $"{identity.Name} may publish to {topic} in Mosquitto");
        }
        if (access is "read" or "readwrite")
        {
            Assert.True(TopicAccessPolicy.MaySubscribe(identity, filter) == TopicAccess.Allowed, $"{identity.Name} may subscribe to {filter} in Mosquitto");
        }
    }
}
