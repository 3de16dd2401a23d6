using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Client;

/// <summary>The LwM2M client's lifecycle and request handling, on the core alone with plain time values and the JSON dialect.</summary>
public sealed class Lwm2mClientTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly Outbox _outbox = new();
    readonly TestDeviceObject _device = new();
    readonly TestTemperatureObject _temperature = new();

    [Fact]
    public void Connected_Registers_WithLifetimeVersionBindingObjectsAndValues()
    {
        var client = Create();

        client.Connected(T0, _outbox);

        var register = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/reg", register.Topic);
        Assert.Equal(QualityOfService.AtLeastOnce, register.QualityOfService);
        Assert.Equal(Lwm2mParseError.None, Lwm2mMessageParser.TryParseRegister("dev-1", new ReadOnlySequence<byte>(register.Payload), out var parsed));
        Assert.Equal(TimeSpan.FromSeconds(100), parsed.Lifetime);
        Assert.Equal("1.2", parsed.Version);
        Assert.Equal("UQ", parsed.BindingMode);
        Assert.False(parsed.QueueMode);
        Assert.Equal(["/1/0", "/3/0", "/3303/0"], parsed.Objects.Links.Select(p => p.ToString()));
        Assert.Equal("ACME", parsed.Objects.Values[Lwm2mPath.Parse("/3/0/0")].GetString());
        Assert.Equal(Lwm2mRegistrationState.Registering, client.State);
    }

    [Fact]
    public void Connected_WithQueueMode_RegistersInQueueMode()
    {
        var client = Create(queueMode: true);

        client.Connected(T0, _outbox);

        Lwm2mMessageParser.TryParseRegister("dev-1", new ReadOnlySequence<byte>(Assert.Single(_outbox.Messages).Payload), out var parsed);
        Assert.True(parsed.QueueMode);
    }

    [Fact]
    public void RegisterAcknowledged_Registers_WithTheServersRegistrationId()
    {
        var client = Create();
        client.Connected(T0, _outbox);

        var receipt = Acknowledge(client, "reg", """{"code":"2.01","registrationId":"r-9"}""");

        Assert.Equal(new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Acknowledgement, Code: Lwm2mResultCode.Created), receipt);
        Assert.Equal(Lwm2mRegistrationState.Registered, client.State);
        Assert.Equal("r-9", client.RegistrationId);
    }

    [Fact]
    public void UnansweredOrRefusedRegister_IsRetried_AfterADelayThatDoublesUpToTheMaximum()
    {
        var client = Create();
        client.Connected(T0, _outbox);
        _outbox.Clear();
        var sentAt = new List<double>();

        Acknowledge(client, "reg", """{"code":"4.00","error":"no"}""");
        Assert.Equal(Lwm2mRegistrationState.Registering, client.State);
        for (var second = 1; second <= 400; second++)
        {
            client.Run(T0.AddSeconds(second), _outbox);
            if (_outbox.Messages.Count > 0)
            {
                Assert.Equal("lwm2m/dev-1/reg", Assert.Single(_outbox.Messages).Topic);
                sentAt.Add(second);
                _outbox.Clear();
            }
        }

        Assert.Equal([10, 30, 70, 150, 230, 310, 390], sentAt);
    }

    [Fact]
    public void AcknowledgementsNotAskedFor_AreIgnored()
    {
        var client = Create();

        Assert.Equal(Lwm2mClientReason.UnexpectedAcknowledgement, Acknowledge(client, "reg", """{"code":"2.01"}""").Reason);
        Assert.Equal(Lwm2mRegistrationState.Disconnected, client.State);
        Register(client);
        Assert.Equal(Lwm2mClientReason.UnexpectedAcknowledgement, Acknowledge(client, "update", """{"code":"4.04"}""").Reason);
        Assert.Equal(Lwm2mClientReason.UnexpectedAcknowledgement, Acknowledge(client, "reg", """{"code":"2.01"}""").Reason);
        Assert.Equal(Lwm2mRegistrationState.Registered, client.State);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void Update_GoesOutAt80PercentOfTheLifetime_AndAgain80PercentAfterItsAcknowledgement()
    {
        var client = Create(sendInterval: null);
        Register(client);

        Assert.Equal(T0.AddSeconds(80), client.NextDueAt);
        client.Run(T0.AddSeconds(79), _outbox);
        Assert.Empty(_outbox.Messages);
        client.Run(T0.AddSeconds(80), _outbox);
        var update = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/update", update.Topic);
        Assert.Equal("{}", Encoding.UTF8.GetString(update.Payload.Span));
        Assert.Equal(Lwm2mRegistrationState.Updating, client.State);

        Acknowledge(client, "update", """{"code":"2.04"}""", T0.AddSeconds(81));

        Assert.Equal(Lwm2mRegistrationState.Registered, client.State);
        Assert.Equal(T0.AddSeconds(160), client.NextDueAt);
    }

    [Theory]
    [InlineData("4.04")]
    [InlineData("4.00")]
    public void UpdateRefused_RegistersAgainAtOnce(string code)
    {
        var client = Create();
        Register(client);
        client.Run(T0.AddSeconds(80), _outbox);
        _outbox.Clear();

        Acknowledge(client, "update", $$"""{"code":"{{code}}","error":"unknown"}""", T0.AddSeconds(81));

        Assert.Equal("lwm2m/dev-1/reg", Assert.Single(_outbox.Messages).Topic);
        Assert.Equal(Lwm2mRegistrationState.Registering, client.State);
    }

    [Fact]
    public void UnansweredUpdate_RegistersAgain_AfterTheRetryInterval()
    {
        var client = Create(sendInterval: null);
        Register(client);
        client.Run(T0.AddSeconds(80), _outbox);
        _outbox.Clear();

        client.Run(T0.AddSeconds(89), _outbox);
        Assert.Empty(_outbox.Messages);
        client.Run(T0.AddSeconds(90), _outbox);

        Assert.Equal("lwm2m/dev-1/reg", Assert.Single(_outbox.Messages).Topic);
    }

    [Fact]
    public void Deregister_PublishesTheDeregistration_ThenNothingMoreIsDue()
    {
        var client = Create();
        Register(client);

        client.Deregister(T0.AddSeconds(1), _outbox);
        client.Run(T0.AddSeconds(500), _outbox);

        var deregister = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/dereg", deregister.Topic);
        Assert.True(deregister.Payload.IsEmpty);
        Assert.Null(client.NextDueAt);
    }

    [Fact]
    public void AfterAConnectionLoss_TheClientRegistersAgain_WithoutItsOldObservations()
    {
        var client = Create();
        Register(client);
        Command(client, "r-1", """{"op":"observe","path":"/3/0/9","observationId":"o-1"}""");
        Assert.Equal(1, client.ObservationCount);

        client.ConnectionLost();
        Assert.Null(client.NextDueAt);
        _outbox.Clear();
        client.Connected(T0.AddSeconds(5), _outbox);

        Assert.Equal("lwm2m/dev-1/reg", Assert.Single(_outbox.Messages).Topic);
        Assert.Equal(0, client.ObservationCount);
    }

    [Fact]
    public void Read_AnswersWithTheValue_UnderTheRequestsId()
    {
        var client = Create();
        Register(client);

        var receipt = Command(client, "r-7", """{"op":"read","path":"/3/0/9"}""");

        Assert.Equal(new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Request, Lwm2mOperation.Read, Lwm2mResultCode.Content), receipt);
        var response = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/resp/r-7", response.Topic);
        Assert.Equal("""{"code":"2.05","format":"senml+json","payload":[{"bn":"/3/0/","n":"9","v":80}]}""", Encoding.UTF8.GetString(response.Payload.Span));
    }

    [Theory]
    [InlineData("""{"op":"read","path":"/3/0/0","accept":"text"}""", "2.05")]
    [InlineData("""{"op":"read","path":"/3/0","accept":"text"}""", "4.06")]
    [InlineData("""{"op":"read","path":"/3/0/0","accept":"opaque"}""", "4.06")]
    [InlineData("""{"op":"read","path":"/3/0/0","accept":"link"}""", "4.06")]
    [InlineData("""{"op":"read","path":"/3/0/4"}""", "4.05")]
    [InlineData("""{"op":"read","path":"/3/0/99"}""", "4.04")]
    [InlineData("""{"op":"read","path":"/3303/9"}""", "4.04")]
    [InlineData("""{"op":"read","path":"/5/0"}""", "4.04")]
    [InlineData("""{"op":"read-composite","paths":["/3/0/9","/3303/0/5700"]}""", "2.05")]
    [InlineData("""{"op":"read-composite","paths":["/3/0/9","/3303/7/5700"]}""", "4.04")]
    [InlineData("""{"op":"write","path":"/3/0/9","mode":"replace","payload":[{"bn":"/3/0/9","v":5}]}""", "4.05")]
    [InlineData("""{"op":"write","path":"/1/0/1","mode":"replace","payload":[{"bn":"/1/0/1","v":0}]}""", "4.00")]
    [InlineData("""{"op":"write","path":"/1/0/7","mode":"replace","payload":[{"bn":"/1/0/7","vs":"XYZ"}]}""", "4.00")]
    [InlineData("""{"op":"write","path":"/1/0/2","mode":"replace","payload":[{"bn":"/1/0/2","v":-1}]}""", "4.00")]
    [InlineData("""{"op":"write","path":"/1/0/3","mode":"replace","payload":[{"bn":"/1/0/3","v":-5}]}""", "4.00")]
    [InlineData("""{"op":"write-attributes","path":"/3303/0/5700","attributes":{"pmin":1e12}}""", "4.00")]
    [InlineData("""{"op":"write-attributes","path":"/3303/0/5700","attributes":{"pmax":1e400}}""", "4.00")]
    [InlineData("""{"op":"write","path":"/3/0","mode":"partial","payload":[{"bn":"/3303/0/","n":"5700","v":5}]}""", "4.00")]
    [InlineData("""{"op":"execute","path":"/3/0/9"}""", "4.05")]
    [InlineData("""{"op":"execute","path":"/1/0/4"}""", "4.04")]
    [InlineData("""{"op":"execute","path":"/3303/0/5605"}""", "4.04")]
    [InlineData("""{"op":"delete","path":"/3303/0"}""", "4.05")]
    [InlineData("""{"op":"delete","path":"/3"}""", "4.05")]
    [InlineData("""{"op":"create","path":"/3","payload":[]}""", "4.05")]
    [InlineData("""{"op":"write-attributes","path":"/3303/0/5700","attributes":{"lt":30,"gt":20}}""", "4.00")]
    [InlineData("""{"op":"write-attributes","path":"/3303/0/5700","attributes":{"speed":1}}""", "4.00")]
    [InlineData("""{"op":"cancel-observe","observationId":"never"}""", "4.04")]
    [InlineData("""{"op":"write","path":"/3303/0/5700","mode":"replace","payload":[{"bn":"/3303/0/5700","v":1e400}]}""", "4.00")]
    [InlineData("""{"op":"write","path":"/3303/0/5700","mode":"replace","format":"text","payload":"Infinity"}""", "4.00")]
    [InlineData("""{"op":"write","path":"/3303/0/5700","mode":"replace","format":"text","payload":"NaN"}""", "4.00")]
    [InlineData("""{"op":"write","path":"/1/0/1","mode":1,"payload":[{"bn":"/1/0/1","v":60}]}""", "4.00")]
    [InlineData("""{"op":"write-composite","format":"senml+json","payload":[{"n":"/1/0/2","v":1},{"n":"/3/0/13","v":1767225600}]}""", "2.04")]
    [InlineData("""{"op":"write-composite","payload":[{"n":"/1/0/1","v":120},{"n":"/3303/7/5701","vs":"K"}]}""", "4.04")]
    [InlineData("""{"op":"write-composite","payload":[{"n":"/3/0","vs":"x"}]}""", "4.00")]
    [InlineData("""{"op":"write-composite","payload":[]}""", "4.00")]
    [InlineData("""{"op":"write-composite"}""", "4.00")]
    [InlineData("""{"op":"observe-composite","paths":["/3/0/9","/3303/0/5700"],"observationId":"o-9"}""", "2.05")]
    [InlineData("""{"op":"observe-composite","paths":["/3/0/9","/3303/7/5700"],"observationId":"o-9"}""", "4.04")]
    [InlineData("""{"op":"observe-composite","paths":["/3/0/9"]}""", "4.00")]
    [InlineData("""{"op":"observe-composite","observationId":"o-9"}""", "4.00")]
    [InlineData("""{"op":"observe","path":"/3/0/9","observationId":"a/b"}""", "4.00")]
    [InlineData("""{"op":"observe","path":"/3/0/9","observationId":"+"}""", "4.00")]
    public void Requests_AreAnsweredWithTheirResultCode(string request, string code)
    {
        var client = Create();
        Register(client);

        Command(client, "r-1", request);

        Assert.Equal(code, Json(Assert.Single(_outbox.Messages)).GetProperty("code").GetString());
    }

    [Fact]
    public void MalformedRequest_IsAnswered400_UnderItsId_AndCounted()
    {
        var client = Create();
        Register(client);

        var receipt = Command(client, "r-3", """{"op":"dance"}""");

        Assert.Equal(Lwm2mClientReason.MalformedRequest, receipt.Reason);
        var response = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/resp/r-3", response.Topic);
        Assert.Equal("4.00", Json(response).GetProperty("code").GetString());
    }

    [Fact]
    public void RequestOfInvalidUtf8_IsAnswered400_UnderItsId_AndAnAcknowledgementOfInvalidUtf8ChangesNothing()
    {
        var client = Create();
        client.Connected(T0, _outbox);
        _outbox.Clear();

        var request = client.Receive("lwm2m/dev-1/cmd/r-5", new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes("{\"op\":\"read\",\"path\":\"/3/0/9\",\"observationId\":\"\xff\"}")), T0, _outbox);
        var ack = client.Receive("lwm2m/dev-1/reg/ack", new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes("{\"code\":\"2.01\",\"registrationId\":\"\xff\"}")), T0, _outbox);

        Assert.Equal(new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Invalid, Code: Lwm2mResultCode.BadRequest, Reason: Lwm2mClientReason.MalformedRequest), request);
        var response = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/resp/r-5", response.Topic);
        Assert.Contains("UTF-8", Json(response).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Invalid, Reason: Lwm2mClientReason.MalformedAcknowledgement), ack);
        Assert.Equal(Lwm2mRegistrationState.Registering, client.State);
    }

    [Fact]
    public void AcknowledgementsWithACodeThatDoesNotAnswerTheRequest_AreIgnored()
    {
        var client = Create();
        client.Connected(T0, _outbox);

        Assert.Equal(Lwm2mClientReason.UnexpectedResultCode, Acknowledge(client, "reg", """{"code":"2.04"}""").Reason);
        Assert.Equal(Lwm2mClientReason.UnexpectedResultCode, Acknowledge(client, "reg", """{"code":"2.05"}""").Reason);
        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, Acknowledge(client, "reg", """{"code":"2.01"}""").Kind);
        Command(client, "r-1", """{"op":"execute","path":"/1/0/8"}""");
        _outbox.Clear();
        Assert.Equal(Lwm2mRegistrationState.Updating, client.State);

        var receipt = Acknowledge(client, "update", """{"code":"2.01"}""");

        Assert.Equal(new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: Lwm2mResultCode.Created, Reason: Lwm2mClientReason.UnexpectedResultCode), receipt);
        Assert.Equal(Lwm2mRegistrationState.Updating, client.State);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void OversizeRequest_IsAnswered400WithoutBeingParsed_AndAnOversizeAcknowledgementIsInvalid()
    {
        var client = Create();
        Register(client);
        var huge = $$"""{"op":"write","path":"/3/0/13","mode":"replace","payload":[{"bn":"/3/0/13","v":1,"x":"{{new string('x', 70_000)}}"}]}""";

        var receipt = Command(client, "r-4", huge);

        Assert.Equal(Lwm2mClientReason.PayloadTooLarge, receipt.Reason);
        var response = Json(Assert.Single(_outbox.Messages));
        Assert.Equal("4.00", response.GetProperty("code").GetString());
        Assert.Contains("at most 65536", response.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(Lwm2mClientReason.PayloadTooLarge, Acknowledge(client, "update", huge).Reason);
    }

    [Fact]
    public void WriteLifetime_IsAnswered204_ThenRegisteredWithAnUpdate_AndPacesTheNextUpdate()
    {
        var client = Create();
        Register(client);

        Command(client, "r-1", """{"op":"write","path":"/1/0/1","mode":"replace","payload":[{"bn":"/1/0/1","v":1000}]}""", T0.AddSeconds(10));

        Assert.Equal(["lwm2m/dev-1/resp/r-1", "lwm2m/dev-1/update"], _outbox.Messages.Select(m => m.Topic));
        Assert.Equal("""{"lifetime":1000}""", Encoding.UTF8.GetString(_outbox.Messages[1].Payload.Span));
        Acknowledge(client, "update", """{"code":"2.04"}""", T0.AddSeconds(11));
        Assert.Equal(T0.AddSeconds(810), client.NextDueAt);
    }

    [Fact]
    public void ChangeWhileRegistering_SendsANewRegister_WithTheNewValue()
    {
        var client = Create();
        client.Connected(T0, _outbox);
        _outbox.Clear();

        Command(client, "r-1", """{"op":"write","path":"/1/0/1","mode":"replace","payload":[{"bn":"/1/0/1","v":600}]}""");

        Assert.Equal(["lwm2m/dev-1/resp/r-1", "lwm2m/dev-1/reg"], _outbox.Messages.Select(m => m.Topic));
        Lwm2mMessageParser.TryParseRegister("dev-1", new ReadOnlySequence<byte>(_outbox.Messages[1].Payload), out var register);
        Assert.Equal(TimeSpan.FromSeconds(600), register.Lifetime);
    }

    [Fact]
    public void ExecuteReboot_AnswersFirst_ThenAsksForARestart()
    {
        var client = Create();
        Register(client);
        Command(client, "r-0", """{"op":"observe","path":"/3/0/9","observationId":"o-1"}""");
        _outbox.Clear();

        Command(client, "r-1", """{"op":"execute","path":"/3/0/4"}""");

        Assert.Equal("2.04", Json(Assert.Single(_outbox.Messages)).GetProperty("code").GetString());
        Assert.Equal(RestartReason.Reboot, _outbox.Restart);
        Assert.Equal(0, client.ObservationCount);
    }

    [Fact]
    public void RegistrationUpdateTrigger_SendsAnUpdate()
    {
        var client = Create();
        Register(client);

        Command(client, "r-1", """{"op":"execute","path":"/1/0/8"}""");

        Assert.Equal(["lwm2m/dev-1/resp/r-1", "lwm2m/dev-1/update"], _outbox.Messages.Select(m => m.Topic));
        Assert.Equal("{}", Encoding.UTF8.GetString(_outbox.Messages[1].Payload.Span));
    }

    [Fact]
    public void CreateAndDelete_ChangeTheObjectList_AndEachIsRegisteredWithAnUpdate()
    {
        var client = Create();
        Register(client);

        Command(client, "r-1", """{"op":"create","path":"/3303","payload":[{"bn":"/3303/4/","n":"5701","vs":"Far"}]}""");

        Assert.Equal("/3303/4", Json(_outbox.Messages[0]).GetProperty("location").GetString());
        Assert.Equal("""{"objects":{"1":{"ver":"1.2","0":{}},"3":{"ver":"1.2","0":{}},"3303":{"ver":"1.1","0":{},"4":{}}}}""", Encoding.UTF8.GetString(_outbox.Messages[1].Payload.Span));
        Acknowledge(client, "update", """{"code":"2.04"}""");
        _outbox.Clear();

        Command(client, "r-2", """{"op":"delete","path":"/3303/4"}""");

        Assert.Equal("2.02", Json(_outbox.Messages[0]).GetProperty("code").GetString());
        Assert.Equal("""{"objects":{"1":{"ver":"1.2","0":{}},"3":{"ver":"1.2","0":{}},"3303":{"ver":"1.1","0":{}}}}""", Encoding.UTF8.GetString(_outbox.Messages[1].Payload.Span));
    }

    [Fact]
    public void Discover_ListsTheInstanceAndItsResources_WithWrittenAttributes()
    {
        var client = Create();
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"pmin":1,"pmax":10}}""");
        _outbox.Clear();

        Command(client, "r-2", """{"op":"discover","path":"/3303/0"}""");

        var response = Json(Assert.Single(_outbox.Messages));
        Assert.Equal("link", response.GetProperty("format").GetString());
        Assert.Equal("</3303/0>,</3303/0/5700>;pmin=1;pmax=10,</3303/0/5701>", response.GetProperty("payload").GetString());
    }

    [Theory]
    [InlineData("/3303", null, "</3303>;ver=1.1,</3303/0>,</3303/0/5700>;pmin=1,</3303/0/5701>")]
    [InlineData("/3303", 0, "</3303>;ver=1.1")]
    [InlineData("/3303", 1, "</3303>;ver=1.1,</3303/0>")]
    [InlineData("/3303/0", 0, "</3303/0>")]
    [InlineData("/3303/0/5700", null, "</3303/0/5700>;pmin=1")]
    public void Discover_ListsLevelsDownToTheDepth_WithVersionsAndAttributes(string path, int? depth, string expected)
    {
        var client = Create();
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"pmin":1}}""");
        _outbox.Clear();

        var depthField = depth is { } d ? $",\"depth\":{d}" : "";
        Command(client, "r-2", $$"""{"op":"discover","path":"{{path}}"{{depthField}}}""");

        Assert.Equal(expected, Json(Assert.Single(_outbox.Messages)).GetProperty("payload").GetString());
    }

    [Fact]
    public void Discover_OfAMultipleResource_ListsItsInstances_WithDim()
    {
        var client = new Lwm2mClient(new Lwm2mClientOptions { Endpoint = "dev-1" }, new JsonContractDialect("dev-1"),
            new ServerObjectEnabler(1, TimeSpan.FromSeconds(100), "U"), [new TestPowerSourcesObject()]);
        Register(client);

        Command(client, "r-1", """{"op":"discover","path":"/3/0/6"}""");
        Command(client, "r-2", """{"op":"discover","path":"/3/0","depth":1}""");

        Assert.Equal("</3/0/6>;dim=2,</3/0/6/0>,</3/0/6/1>", Json(_outbox.Messages[0]).GetProperty("payload").GetString());
        Assert.Equal("</3/0>,</3/0/6>;dim=2", Json(_outbox.Messages[1]).GetProperty("payload").GetString());
    }

    [Fact]
    public void Discover_WithADepthOutOfRange_IsRefused400()
    {
        var client = Create();
        Register(client);

        Command(client, "r-1", """{"op":"discover","path":"/3303","depth":4}""");

        var answer = Json(Assert.Single(_outbox.Messages));
        Assert.Equal("4.00", answer.GetProperty("code").GetString());
        Assert.Contains("'depth'", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_AnswersTheValue_ThenNotifiesOnChangeNoSoonerThanPmin_AndAtLeastEveryPmax()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"pmin":2,"pmax":10}}""");
        _outbox.Clear();

        Command(client, "r-2", """{"op":"observe","path":"/3303/0/5700","observationId":"o-1"}""");
        Assert.Equal(21.5, Json(Assert.Single(_outbox.Messages)).GetProperty("payload")[0].GetProperty("v").GetDouble());
        Assert.Equal(T0.AddSeconds(2), client.NextDueAt);
        _outbox.Clear();

        _temperature.Value5700 = 22;
        client.Run(T0.AddSeconds(1), _outbox);
        Assert.Empty(_outbox.Messages);
        client.Run(T0.AddSeconds(2), _outbox);
        var notification = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/notify/o-1", notification.Topic);
        Assert.Equal(22, Json(notification).GetProperty("payload")[0].GetProperty("v").GetDouble());
        _outbox.Clear();

        for (var tenth = 21; tenth < 120; tenth++)
        {
            client.Run(T0.AddSeconds(tenth / 10.0), _outbox);
        }
        Assert.Empty(_outbox.Messages);
        client.Run(T0.AddSeconds(12), _outbox);
        Assert.Equal("lwm2m/dev-1/notify/o-1", Assert.Single(_outbox.Messages).Topic);
    }

    [Fact]
    public void Observe_WithEpmin_SamplesNoMoreOftenThanEpmin()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"epmin":3}}""");
        Command(client, "r-2", """{"op":"observe","path":"/3303/0/5700","observationId":"o-1"}""");
        _outbox.Clear();

        Assert.Equal(T0.AddSeconds(3), client.NextDueAt);
        _temperature.Value5700 = 22;
        client.Run(T0.AddSeconds(2.9), _outbox);
        Assert.Empty(_outbox.Messages);
        client.Run(T0.AddSeconds(3), _outbox);
        Assert.Single(_outbox.Messages);
    }

    [Fact]
    public void Observe_WithConZero_NotifiesWithoutDeliveryConfirmation()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303","attributes":{"con":0}}""");
        Command(client, "r-2", """{"op":"observe","path":"/3303/0/5700","observationId":"o-1"}""");
        _outbox.Clear();

        _temperature.Value5700 = 22;
        client.Run(T0.AddSeconds(1), _outbox);

        Assert.Equal(QualityOfService.AtMostOnce, Assert.Single(_outbox.Messages).QualityOfService);
    }

    [Fact]
    public void Observe_WithAStep_NotifiesOnlyMovesOfAtLeastTheStep()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"st":1}}""");
        Command(client, "r-2", """{"op":"observe","path":"/3303/0/5700","observationId":"o-1"}""");
        _outbox.Clear();

        _temperature.Value5700 = 22;
        client.Run(T0.AddSeconds(1), _outbox);
        Assert.Empty(_outbox.Messages);
        _temperature.Value5700 = 22.6;
        client.Run(T0.AddSeconds(2), _outbox);
        Assert.Single(_outbox.Messages);
    }

    [Fact]
    public void Observe_WithPmaxBelowPmin_IgnoresPmax()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"pmin":5,"pmax":2}}""");
        Command(client, "r-2", """{"op":"observe","path":"/3303/0/5700","observationId":"o-1"}""");
        _outbox.Clear();

        for (var second = 1; second <= 30; second++)
        {
            client.Run(T0.AddSeconds(second), _outbox);
        }

        Assert.Empty(_outbox.Messages);
        _temperature.Value5700 = 30;
        client.Run(T0.AddSeconds(31), _outbox);
        Assert.Single(_outbox.Messages);
    }

    [Fact]
    public void Observe_WithoutAttributes_UsesTheServersDefaultPeriods()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write","path":"/1/0/3","mode":"replace","payload":[{"bn":"/1/0/3","v":4}]}""");
        Command(client, "r-2", """{"op":"observe","path":"/3303/0/5700","observationId":"o-1"}""");
        _outbox.Clear();

        client.Run(T0.AddSeconds(3.9), _outbox);
        Assert.Empty(_outbox.Messages);
        client.Run(T0.AddSeconds(4), _outbox);
        Assert.Equal("lwm2m/dev-1/notify/o-1", Assert.Single(_outbox.Messages).Topic);
    }

    [Fact]
    public void Observe_WithThresholds_NotifiesWhenTheValueCrossesOne()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"gt":25,"lt":10}}""");
        Command(client, "r-2", """{"op":"observe","path":"/3303/0/5700","observationId":"o-1"}""");
        _outbox.Clear();

        _temperature.Value5700 = 24;
        client.Run(T0.AddSeconds(1), _outbox);
        Assert.Empty(_outbox.Messages);
        _temperature.Value5700 = 26;
        client.Run(T0.AddSeconds(2), _outbox);
        Assert.Single(_outbox.Messages);
        _outbox.Clear();
        _temperature.Value5700 = 9;
        client.Run(T0.AddSeconds(3), _outbox);
        Assert.Single(_outbox.Messages);
    }

    [Fact]
    public void CancelObserve_StopsTheNotifications()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"observe","path":"/3/0/9","observationId":"o-1"}""");

        Command(client, "r-2", """{"op":"cancel-observe","observationId":"o-1"}""");
        _outbox.Clear();
        _device.Battery = 10;
        client.Run(T0.AddSeconds(5), _outbox);

        Assert.Empty(_outbox.Messages);
        Assert.Equal(0, client.ObservationCount);
    }

    [Theory]
    [InlineData("""[{"n":"/1/0/1","v":120},{"n":"/3/0/9","v":5}]""", "4.05")]
    [InlineData("""[{"n":"/1/0/1","v":120},{"n":"/1/0/7","vs":"XYZ"}]""", "4.00")]
    [InlineData("""[{"n":"/1/0/1","v":120},{"n":"/3303/7/5701","vs":"K"}]""", "4.04")]
    public void WriteComposite_WithOneRecordRefused_FailsWhole_AndWritesNothing(string payload, string code)
    {
        var client = Create(sendInterval: null);
        Register(client);

        Command(client, "r-1", $$"""{"op":"write-composite","format":"senml+json","payload":{{payload}}}""");

        Assert.Equal(code, Json(Assert.Single(_outbox.Messages)).GetProperty("code").GetString());
        Assert.Equal(100, client.Server.Lifetime);
    }

    [Fact]
    public void WriteComposite_WritesEveryRecord_AcrossObjects()
    {
        var client = Create(sendInterval: null);
        Register(client);

        Command(client, "r-1", """{"op":"write-composite","format":"senml+json","payload":[{"n":"/1/0/1","v":120},{"bn":"/3/0/","n":"13","v":1767225700}]}""");

        Assert.Equal("2.04", Json(_outbox.Messages[0]).GetProperty("code").GetString());
        Assert.Equal(120, client.Server.Lifetime);
        Assert.Equal(1767225700L, client.Objects.Read(Lwm2mPath.Parse("/3/0/13"), T0)![0].Value);
        Assert.Equal("lwm2m/dev-1/update", _outbox.Messages[1].Topic);
    }

    [Fact]
    public void ObserveComposite_AnswersEveryPath_ThenNotifiesAllOfThemOnOneId_WhenAnyChanges()
    {
        var client = Create(sendInterval: null);
        Register(client);

        Command(client, "r-1", """{"op":"observe-composite","paths":["/3/0/9","/3303/0/5700"],"observationId":"o-1"}""");
        var answer = Json(Assert.Single(_outbox.Messages));
        Assert.Equal("2.05", answer.GetProperty("code").GetString());
        Assert.Equal(2, answer.GetProperty("payload").GetArrayLength());
        Assert.Equal(1, client.ObservationCount);
        _outbox.Clear();

        client.Run(T0.AddSeconds(1), _outbox);
        Assert.Empty(_outbox.Messages);
        _temperature.Value5700 = 25;
        client.Run(T0.AddSeconds(2), _outbox);

        var notification = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/notify/o-1", notification.Topic);
        var values = Json(notification).GetProperty("payload").EnumerateArray().Select(r => r.GetRawText()).ToList();
        Assert.Equal(2, values.Count);
        Assert.Contains(values, v => v.Contains("25", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains("80", StringComparison.Ordinal));
    }

    [Fact]
    public void ObserveComposite_FollowsEachPathsAttributes()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"st":5}}""");
        Command(client, "r-2", """{"op":"observe-composite","paths":["/3/0/9","/3303/0/5700"],"observationId":"o-1"}""");
        _outbox.Clear();

        _temperature.Value5700 = 22;
        client.Run(T0.AddSeconds(1), _outbox);
        Assert.Empty(_outbox.Messages);
        _device.Battery = 79;
        client.Run(T0.AddSeconds(2), _outbox);
        Assert.Equal("lwm2m/dev-1/notify/o-1", Assert.Single(_outbox.Messages).Topic);
    }

    [Fact]
    public void CancelObserve_EndsACompositeObservation_ByItsId()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"observe-composite","paths":["/3/0/9","/3303/0/5700"],"observationId":"o-1"}""");

        Command(client, "r-2", """{"op":"cancel-observe","observationId":"o-1"}""");
        Assert.Equal("2.04", Json(_outbox.Messages[^1]).GetProperty("code").GetString());
        _outbox.Clear();
        _device.Battery = 10;
        client.Run(T0.AddSeconds(5), _outbox);

        Assert.Empty(_outbox.Messages);
        Assert.Equal(0, client.ObservationCount);
    }

    [Fact]
    public void AnObservationWhosePathIsDeleted_Ends()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"create","path":"/3303","payload":[{"bn":"/3303/1/","n":"5701","vs":"Cel"}]}""");
        Command(client, "r-2", """{"op":"observe","path":"/3303/1/5700","observationId":"o-1"}""");
        Command(client, "r-3", """{"op":"delete","path":"/3303/1"}""");
        _outbox.Clear();

        client.Run(T0.AddSeconds(1), _outbox);

        Assert.Equal(0, client.ObservationCount);
        Assert.DoesNotContain(_outbox.Messages, m => m.Topic.Contains("notify", StringComparison.Ordinal));
    }

    [Fact]
    public void Send_ReportsTheSendPathsEveryInterval_OnlyWhileRegistered_AndNotWhenMuted()
    {
        var client = Create(sendInterval: TimeSpan.FromSeconds(5));
        client.Connected(T0, _outbox);
        _outbox.Clear();
        client.Run(T0.AddSeconds(6), _outbox);
        Assert.Empty(_outbox.Messages);

        Acknowledge(client, "reg", """{"code":"2.01"}""", T0.AddSeconds(6));
        Assert.Equal(T0.AddSeconds(11), client.NextDueAt);
        client.Run(T0.AddSeconds(11), _outbox);
        var send = Assert.Single(_outbox.Messages);
        Assert.Equal("lwm2m/dev-1/send/s1", send.Topic);
        Assert.Equal("""{"format":"senml+json","payload":[{"bn":"/3/0/","n":"9","v":80}]}""", Encoding.UTF8.GetString(send.Payload.Span));
        _outbox.Clear();

        Command(client, "r-1", """{"op":"write","path":"/1/0/23","mode":"replace","payload":[{"bn":"/1/0/23","vb":true}]}""", T0.AddSeconds(12));
        _outbox.Clear();
        client.Run(T0.AddSeconds(16), _outbox);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void SendAcknowledgements_CountOnlyForSendsStillOut_WithTheirCode()
    {
        var client = Create(sendInterval: TimeSpan.FromSeconds(5));
        Register(client);
        _outbox.Clear();
        client.Run(client.NextDueAt!.Value, _outbox);
        var sendId = Assert.Single(_outbox.Messages).Topic.Split('/')[3];
        Assert.Equal(1, client.SendsOutstanding);

        var wrongCode = Receive(client, $"lwm2m/dev-1/send/{sendId}/ack", """{"code":"2.05"}""");
        var stranger = Receive(client, "lwm2m/dev-1/send/s999/ack", """{"code":"2.04"}""");
        var acknowledged = Receive(client, $"lwm2m/dev-1/send/{sendId}/ack", """{"code":"2.04"}""");
        var again = Receive(client, $"lwm2m/dev-1/send/{sendId}/ack", """{"code":"2.04"}""");

        Assert.Equal((Lwm2mClientReceiptKind.Ignored, Lwm2mClientReason.UnexpectedResultCode), (wrongCode.Kind, wrongCode.Reason));
        Assert.Equal((Lwm2mClientReceiptKind.Ignored, Lwm2mClientReason.UnexpectedAcknowledgement), (stranger.Kind, stranger.Reason));
        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, acknowledged.Kind);
        Assert.Equal((Lwm2mClientReceiptKind.Ignored, Lwm2mClientReason.UnexpectedAcknowledgement), (again.Kind, again.Reason));
        Assert.Equal(0, client.SendsOutstanding);
    }

    [Fact]
    public void SendsOutstanding_AreBounded_TheOldestForgotten()
    {
        var client = Create(sendInterval: TimeSpan.FromSeconds(1));
        Register(client);
        for (var i = 0; i < Lwm2mClient.MaxSendsOutstanding + 5; i++)
        {
            client.Run(client.NextDueAt!.Value, _outbox);
        }

        Assert.Equal(Lwm2mClient.MaxSendsOutstanding, client.SendsOutstanding);
        Assert.Equal(Lwm2mClientReceiptKind.Ignored, Receive(client, "lwm2m/dev-1/send/s1/ack", """{"code":"2.04"}""").Kind);
    }

    [Fact]
    public void DeregisterAcknowledgement_CountsOnlyAfterTheDevicesOwnDeregister()
    {
        var client = Create();
        Register(client);

        var forged = Receive(client, "lwm2m/dev-1/dereg/ack", """{"code":"2.02"}""");
        client.Deregister(T0.AddSeconds(2), _outbox);
        var answer = Receive(client, "lwm2m/dev-1/dereg/ack", """{"code":"2.02"}""");

        Assert.Equal((Lwm2mClientReceiptKind.Ignored, Lwm2mClientReason.UnexpectedAcknowledgement), (forged.Kind, forged.Reason));
        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, answer.Kind);
        Assert.Contains(_outbox.Messages, m => m.Topic == "lwm2m/dev-1/dereg");
    }

    [Fact]
    public void FactoryReset_RestoresTheSettings_ClearsAttributesAndObservations_AndRegistersAnew()
    {
        var client = Create();
        Register(client);
        Command(client, "r-1", """{"op":"write-attributes","path":"/3303/0/5700","attributes":{"pmin":1}}""");
        Command(client, "r-2", """{"op":"write","path":"/1/0/1","mode":"replace","payload":[{"bn":"/1/0/1","v":500}]}""");
        Acknowledge(client, "update", """{"code":"2.04"}""");
        Command(client, "r-3", """{"op":"observe","path":"/3/0/9","observationId":"o-1"}""");
        _outbox.Clear();

        Command(client, "r-4", """{"op":"execute","path":"/3/0/5"}""");

        Assert.Equal(["lwm2m/dev-1/resp/r-4", "lwm2m/dev-1/reg"], _outbox.Messages.Select(m => m.Topic));
        Lwm2mMessageParser.TryParseRegister("dev-1", new ReadOnlySequence<byte>(_outbox.Messages[1].Payload), out var register);
        Assert.Equal(TimeSpan.FromSeconds(100), register.Lifetime);
        Assert.True(client.Objects.AttributesAt(Lwm2mPath.Parse("/3303/0/5700")).IsEmpty);
        Assert.Equal(0, client.ObservationCount);
    }

    [Fact]
    public void ANewRegister_EndsTheObservations_AsOnTheServer()
    {
        var client = Create(sendInterval: null);
        Register(client);
        Command(client, "r-1", """{"op":"observe","path":"/3/0/9","observationId":"o-1"}""");
        client.Run(T0.AddSeconds(80), _outbox);
        Acknowledge(client, "update", """{"code":"4.04"}""", T0.AddSeconds(81));
        Acknowledge(client, "reg", """{"code":"2.01"}""", T0.AddSeconds(82));
        _outbox.Clear();

        _device.Battery = 10;
        client.Run(T0.AddSeconds(83), _outbox);

        Assert.Equal(0, client.ObservationCount);
        Assert.DoesNotContain(_outbox.Messages, m => m.Topic == "lwm2m/dev-1/notify/o-1");
    }

    [Fact]
    public void AWriteOfSeveralValues_ChangesAllOrNone()
    {
        var client = Create();
        Register(client);

        Command(client, "r-1", """{"op":"write","path":"/1/0","mode":"partial","payload":[{"bn":"/1/0/","n":"1","v":500},{"bn":"/1/0/","n":"7","vs":"XYZ"}]}""");

        Assert.Equal("4.00", Json(Assert.Single(_outbox.Messages)).GetProperty("code").GetString());
        Assert.Equal(100, client.Server.Lifetime);
        Assert.Equal("UQ", client.Server.Binding);
    }

    [Fact]
    public void WriteBinding_IsRegisteredWithAnUpdate()
    {
        var client = Create();
        Register(client);

        Command(client, "r-1", """{"op":"write","path":"/1/0/7","mode":"replace","payload":[{"bn":"/1/0/7","vs":"M"}]}""");

        Assert.Equal("""{"bindingMode":"M"}""", Encoding.UTF8.GetString(_outbox.Messages[1].Payload.Span));
    }

    [Fact]
    public void TwoUpdatesOut_AreBothExpected_AndTheRegistrationIsCurrentAfterTheLast()
    {
        var client = Create();
        Register(client);
        Command(client, "r-1", """{"op":"execute","path":"/1/0/8"}""");
        Command(client, "r-2", """{"op":"execute","path":"/1/0/8"}""", T0.AddSeconds(1));

        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, Acknowledge(client, "update", """{"code":"2.04"}""").Kind);
        Assert.Equal(Lwm2mRegistrationState.Updating, client.State);
        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, Acknowledge(client, "update", """{"code":"2.04"}""").Kind);
        Assert.Equal(Lwm2mRegistrationState.Registered, client.State);
        Assert.Equal(T0.AddSeconds(81), client.NextDueAt);
    }

    [Fact]
    public void TheRetryDelay_StartsOverAfterASuccess()
    {
        var client = Create(sendInterval: null);
        client.Connected(T0, _outbox);
        client.Run(T0.AddSeconds(10), _outbox);
        client.Run(T0.AddSeconds(30), _outbox);
        Acknowledge(client, "reg", """{"code":"2.01"}""", T0.AddSeconds(31));
        client.Run(T0.AddSeconds(110), _outbox);
        Acknowledge(client, "update", """{"code":"4.04"}""", T0.AddSeconds(111));
        _outbox.Clear();

        client.Run(T0.AddSeconds(120), _outbox);
        Assert.Empty(_outbox.Messages);
        client.Run(T0.AddSeconds(121), _outbox);

        Assert.Equal("lwm2m/dev-1/reg", Assert.Single(_outbox.Messages).Topic);
    }

    [Fact]
    public void MessagesOfOtherProtocolsOrEndpoints_AreNotTheClients()
    {
        var client = Create();

        Assert.Equal(Lwm2mClientReceipt.NotLwm2m, client.Receive("spBv1.0/G/NCMD/dev-1", ReadOnlySequence<byte>.Empty, T0, _outbox));
        Assert.Equal(Lwm2mClientReceipt.NotLwm2m, client.Receive("lwm2m/dev-2/cmd/r-1", new ReadOnlySequence<byte>("""{"op":"read","path":"/3/0/9"}"""u8.ToArray()), T0, _outbox));
        Assert.Empty(_outbox.Messages);
    }

    Lwm2mClient Create(TimeSpan? sendInterval = null, bool queueMode = false) =>
        new(new Lwm2mClientOptions
        {
            Endpoint = "dev-1",
            QueueMode = queueMode,
            RegistrationRetryInterval = TimeSpan.FromSeconds(10),
            RegistrationRetryMaxInterval = TimeSpan.FromSeconds(80),
            SendInterval = sendInterval,
            SendPaths = [Lwm2mPath.Parse("/3/0/9")],
            RegisterValuePaths = [Lwm2mPath.Parse("/3/0/0")],
        }, new JsonContractDialect("dev-1"), new ServerObjectEnabler(1, TimeSpan.FromSeconds(100), "UQ"), [_device, _temperature]);

    void Register(Lwm2mClient client)
    {
        client.Connected(T0, _outbox);
        Acknowledge(client, "reg", """{"code":"2.01","registrationId":"r-1"}""");
        _outbox.Clear();
    }

    Lwm2mClientReceipt Acknowledge(Lwm2mClient client, string what, string json, DateTimeOffset? at = null) =>
        client.Receive($"lwm2m/dev-1/{what}/ack", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), at ?? T0, _outbox);

    Lwm2mClientReceipt Receive(Lwm2mClient client, string topic, string json) =>
        client.Receive(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), T0.AddSeconds(1), _outbox);

    Lwm2mClientReceipt Command(Lwm2mClient client, string requestId, string json, DateTimeOffset? at = null) =>
        client.Receive($"lwm2m/dev-1/cmd/{requestId}", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), at ?? T0, _outbox);

    static JsonElement Json(OutboundMessage message)
    {
        using var document = JsonDocument.Parse(message.Payload);
        return document.RootElement.Clone();
    }
}
