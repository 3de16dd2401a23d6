using System.Buffers;
using System.Globalization;
using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Client;

/// <summary>
/// The device side of OMA's MQTT binding against the worked examples of the binding note (§5): the client's messages
/// byte for byte where the inputs are the same, the server's messages decoded into the client's terms.
/// </summary>
public sealed class OmaClientDialectTests
{
    const string Endpoint = "b1cccdea-22ca-4448-bcf7-d07317ee0361";
    const string Topic = "tenant-a/lwm2m/rd/" + Endpoint;

    static readonly Lwm2mDeviceModel Model =
        new Lwm2mObjectTree([new ServerObjectEnabler(1, TimeSpan.FromSeconds(100), "M"), new TestDeviceObject(), new TestTemperatureObject()]).Model;

    static readonly IReadOnlyList<Lwm2mPath> ExampleObjects = [Lwm2mPath.Parse("/1/0"), Lwm2mPath.Parse("/3/0"), Lwm2mPath.Parse("/3303/0")];

    readonly OmaClientDialect _dialect = new(Endpoint, "tenant-a");

    [Fact]
    public void Subscription_IsTheEndpointsRdTopic_AtQos1()
    {
        Assert.Equal([new TopicSubscription(Topic, QualityOfService.AtLeastOnce)], _dialect.Subscriptions);
        Assert.Equal("lwm2m/rd/dev-1", Assert.Single(new OmaClientDialect("dev-1").Subscriptions).Filter);
        Assert.Equal("oma", _dialect.Name);
    }

    [Fact]
    public void Register_Example1_IsByteExact()
    {
        var register = _dialect.Register(ExampleRegistration());

        Assert.Equal(Topic, register.Topic);
        Assert.Equal(QualityOfService.AtLeastOnce, register.QualityOfService);
        Assert.False(register.Retain);
        Assert.Equal(
            "a60106020107582a3c2f3e3b63743d22313132203131353434222c3c2f312f303e2c3c2f332f303e2c3c2f333330332f303e08190e100963312e320a614d",
            Hex(register));
    }

    [Fact]
    public void Register_NamesObjectVersionsOtherThan1_0_OnTheObjectLink_AndAlways1_2()
    {
        var registration = ExampleRegistration() with
        {
            Version = "1.1",
            ObjectLinks = [.. ExampleObjects, Lwm2mPath.Parse("/3303/1"), Lwm2mPath.Parse("/5")],
            ObjectVersions = new Dictionary<ushort, string> { [1] = "1.0", [3] = "1.2", [3303] = "1.1", [5] = "2.0" },
        };

        Assert.True(OmaEnvelopeCodec.TryRead(_dialect.Register(registration).Payload, OmaInterface.Registration, out var message, out _));

        Assert.Equal("1.2", message!.Version);
        Assert.Equal("""</>;ct="112 11544",</1/0>,</3>;ver=1.2,</3/0>,</3303>;ver=1.1,</3303/0>,</3303/1>,</5>;ver=2.0""", Encoding.UTF8.GetString(message.Payload!.Value.Span));
    }

    [Fact]
    public void RegisterUpdateDeregisterAndSend_Examples1To6_NumberTheirTokens_AndTheirResponsesAreTheirAcknowledgements()
    {
        _dialect.Register(ExampleRegistration());
        var update = _dialect.Update(new Lwm2mClientUpdate(Lifetime: TimeSpan.FromSeconds(7200)));
        var deregister = _dialect.Deregister();
        var send = _dialect.Send([Temperature(22.5), new Lwm2mResourceValue(Lwm2mPath.Parse("/3303/0/5701"), Lwm2mResourceType.String, "Cel")], "s1");

        Assert.Equal("a30107020208191c20", Hex(update));
        Assert.Equal("a201080203", Hex(deregister));
        Assert.True(OmaEnvelopeCodec.TryRead(send.Payload, OmaInterface.Registration, out var sent, out _));
        Assert.Equal((OmaOperation.Send, 4UL, (ushort)112), (sent!.Operation!.Value, sent.Token, sent.ContentFormat!.Value));
        Assert.True(Lwm2mContent.TryDecode(null, Lwm2mContentFormat.SenmlCbor, sent.Payload!.Value, Model, out var values, out _));
        Assert.Equal(new object[] { 22.5, "Cel" }, values.Select(v => v.Value));

        Assert.Equal(Ack(Lwm2mClientInboundKind.RegisterAcknowledgement, 2, 1), Decode("a202011218c9"));
        Assert.Equal(Ack(Lwm2mClientInboundKind.UpdateAcknowledgement, 2, 4), Decode("a202021218cc"));
        Assert.Equal(Ack(Lwm2mClientInboundKind.DeregisterAcknowledgement, 2, 2), Decode("a202031218ca"));
        Assert.Equal(Ack(Lwm2mClientInboundKind.SendAcknowledgement, 2, 4) with { Correlation = "s1" }, Decode("a202041218cc"));
    }

    [Fact]
    public void AResponseToARequestAlreadyAnswered_IsNotTakenTwice()
    {
        _dialect.Register(ExampleRegistration());

        Assert.Equal(Lwm2mClientInboundKind.RegisterAcknowledgement, Decode("a202011218c9").Kind);
        Assert.Equal(Lwm2mClientInboundKind.Echo, Decode("a202011218c9").Kind);
    }

    [Fact]
    public void ARefusal_IsReportedWithItsCode()
    {
        _dialect.Register(ExampleRegistration());

        // {2: 1, 18: 412}: unsupported version.
        Assert.Equal(new Lwm2mResultCode(4, 12), Decode("a20201121901 9c".Replace(" ", "", StringComparison.Ordinal)).Code);
    }

    [Fact]
    public void PendingRequests_AreForgottenOldestFirst_BeyondTheLimit()
    {
        for (var i = 0; i <= OmaClientDialect.MaxPendingRequests; i++)
        {
            _dialect.Update(Lwm2mClientUpdate.Refresh);
        }

        Assert.Equal(Lwm2mClientInboundKind.Echo, Decode(OmaEnvelopeCodec.Write(new OmaMessage(1) { Result = 204 })).Kind);
        Assert.Equal(Lwm2mClientInboundKind.UpdateAcknowledgement, Decode(OmaEnvelopeCodec.Write(new OmaMessage(2) { Result = 204 })).Kind);
    }

    [Fact]
    public void Read_Example3_IsDecoded_AndAnsweredInSenmlCbor()
    {
        var inbound = Decode("a30109021903e805672f333330332f30");

        Assert.Equal(Lwm2mClientInboundKind.Request, inbound.Kind);
        Assert.Equal("1000", inbound.Correlation);
        Assert.Equal(new Lwm2mClientRequest(Lwm2mOperation.Read) { Path = Lwm2mPath.Parse("/3303/0") }, inbound.Request, RequestComparer.Instance);
        var response = _dialect.Respond("1000", Lwm2mClientResponse.Content([Temperature(21.5), new Lwm2mResourceValue(Lwm2mPath.Parse("/3303/0/5701"), Lwm2mResourceType.String, "Cel")]));
        Assert.Equal(Topic, response.Topic);
        Assert.Equal("a4021903e807582282a321682f333330332f302f00643537303002f94d60a2006435373031036343656c1218cd131870", Hex(response));
    }

    [Fact]
    public void TheSpecsReadVector_IsDecoded()
    {
        var inbound = Decode("a3010902183805662f332f302f30");

        Assert.Equal("56", inbound.Correlation);
        Assert.Equal(Lwm2mPath.Parse("/3/0/0"), inbound.Request!.Path);
    }

    [Fact]
    public void ReadWithAPreferredFormat_AsksForIt_AndTheAnswerCarriesIt()
    {
        // {1: 9, 2: 7, 4: 11544, 5: "/3/0"}
        var inbound = Decode(OmaEnvelopeCodec.Write(new OmaMessage(7) { Operation = OmaOperation.Read, PreferredContentFormat = 11544, Uri = "/3/0" }));

        Assert.Equal(Lwm2mContentFormat.Lwm2mCbor, inbound.Request!.Accept);
        var response = Read(_dialect.Respond("7", Lwm2mClientResponse.Content([Temperature(21.5)], Lwm2mContentFormat.Lwm2mCbor)));
        Assert.Equal((ushort)11544, response.ContentFormat);
    }

    [Fact]
    public void WriteReplace_Example4_IsAWriteOfTheTypedValue_AnsweredWithItsToken()
    {
        var inbound = Decode("a5010c021903e905662f312f302f310744373230301300");

        var request = inbound.Request!;
        Assert.Equal((Lwm2mOperation.Write, "1001"), (request.Operation, inbound.Correlation));
        var value = Assert.Single(request.Values);
        Assert.Equal((Lwm2mPath.Parse("/1/0/1"), 7200L), (value.Path, Convert.ToInt64(value.Value, CultureInfo.InvariantCulture)));
        Assert.Equal("a2021903e91218cc", Hex(_dialect.Respond("1001", new Lwm2mClientResponse(Lwm2mResultCode.Changed))));
    }

    [Fact]
    public void WritePartialUpdateAndCreate_CarryTheirValues()
    {
        var senml = Lwm2mContent.Encode([Temperature(19.0)], Lwm2mContentFormat.SenmlCbor);

        var partial = Decode(OmaEnvelopeCodec.Write(new OmaMessage(8) { Operation = OmaOperation.WritePartialUpdate, Uri = "/3303/0", ContentFormat = 112, Payload = senml }));
        var create = Decode(OmaEnvelopeCodec.Write(new OmaMessage(9) { Operation = OmaOperation.Create, Uri = "/3303", ContentFormat = 112, Payload = senml }));

        Assert.Equal(Lwm2mOperation.Write, partial.Request!.Operation);
        Assert.Equal(19.0, Assert.Single(partial.Request.Values).Value);
        Assert.Equal((Lwm2mOperation.Create, Lwm2mPath.Parse("/3303")), (create.Request!.Operation, create.Request.Path!.Value));
        Assert.Single(create.Request.Values);
    }

    [Fact]
    public void WriteComposite_ReadsFullPaths()
    {
        var content = Lwm2mContent.Encode([Temperature(18.0), new Lwm2mResourceValue(Lwm2mPath.Parse("/3/0/13"), Lwm2mResourceType.Time, 1_700_000_000L)], Lwm2mContentFormat.Lwm2mCbor);

        var inbound = Decode(OmaEnvelopeCodec.Write(new OmaMessage(10) { Operation = OmaOperation.WriteComposite, ContentFormat = 11544, Payload = content }));

        Assert.Equal(Lwm2mOperation.WriteComposite, inbound.Request!.Operation);
        Assert.Equal(["/3/0/13", "/3303/0/5700"], inbound.Request.Values.Select(v => v.Path.ToString()).Order());
    }

    [Fact]
    public void ObserveNotifyAndCancel_Example5_ShareTheObservesToken()
    {
        var observe = Decode("a30114021903ea056c2f333330332f302f35373030");
        Assert.Equal((Lwm2mOperation.Observe, "1002", "1002"), (observe.Request!.Operation, observe.Correlation!, observe.Request.ObservationId!));
        // The example writes the record with the full path as its base name, this client the instance as base name
        // and the resource as name: the same SenML, so the values are compared.
        var first = Read(_dialect.Respond("1002", Lwm2mClientResponse.Content([Temperature(21.5)])));
        Assert.Equal((1002UL, (ushort)205, (ushort)112, 21.5), (first.Token, first.Result!.Value, first.ContentFormat!.Value, SingleTemperature(first)));

        var notify = _dialect.Notify("1002", [Temperature(22.0)], confirmable: true);
        var notified = Read(notify);
        Assert.Equal((OmaOperation.Notify, 1002UL, (ushort)112, 22.0), (notified.Operation!.Value, notified.Token, notified.ContentFormat!.Value, SingleTemperature(notified)));
        Assert.Equal(QualityOfService.AtLeastOnce, notify.QualityOfService);
        Assert.Equal(QualityOfService.AtMostOnce, _dialect.Notify("1002", [Temperature(22.0)], confirmable: false).QualityOfService);

        var cancel = Decode("a20116021903ea");
        Assert.Equal((Lwm2mOperation.CancelObserve, "1002"), (cancel.Request!.Operation, cancel.Request.ObservationId!));
        Assert.Equal("a2021903ea1218cd", Hex(_dialect.Respond("1002", new Lwm2mClientResponse(Lwm2mResultCode.Changed))));
    }

    [Fact]
    public void ReadCompositeAndWriteAttributes_Example8_AreDecoded()
    {
        var read = Decode("a3010a021903eb06581982a100662f332f302f39a1006c2f333330332f302f35373030");
        var attributes = Decode("a6010e021903ec056c2f333330332f302f353730300c0a0d183c0ff93800");

        Assert.Equal(Lwm2mOperation.ReadComposite, read.Request!.Operation);
        Assert.Equal(["/3/0/9", "/3303/0/5700"], read.Request.Paths.Select(p => p.ToString()));
        Assert.Equal((Lwm2mOperation.WriteAttributes, "1004"), (attributes.Request!.Operation, attributes.Correlation!));
        Assert.Equal(Lwm2mPath.Parse("/3303/0/5700"), attributes.Request.Path);
        Assert.Equal([Pair("pmin", 10), Pair("pmax", 60), Pair("st", 0.5)], attributes.Request.Attributes);
    }

    [Fact]
    public void ObserveComposite_IsKnownByItsToken()
    {
        var paths = Convert.FromHexString("82a100662f332f302f39a1006c2f333330332f302f35373030");

        var inbound = Decode(OmaEnvelopeCodec.Write(new OmaMessage(11) { Operation = OmaOperation.ObserveComposite, Paths = paths }));

        Assert.Equal((Lwm2mOperation.ObserveComposite, "11"), (inbound.Request!.Operation, inbound.Request.ObservationId!));
        Assert.Equal(2, inbound.Request.Paths.Count);
    }

    [Fact]
    public void EdgeAndTheOtherAttributeKeys_AreNamedAsTheClientAppliesThem()
    {
        var inbound = Decode(OmaEnvelopeCodec.Write(new OmaMessage(12)
        {
            Operation = OmaOperation.WriteAttributes,
            Uri = "/3303/0/5700",
            Attributes = new OmaAttributes { GreaterThan = 30, MinimumEvaluationPeriod = 1, MaximumEvaluationPeriod = 5, Edge = true, HistoricalQueueMaximum = 4 },
        }));

        Assert.Equal([Pair("gt", 30), Pair("epmin", 1), Pair("epmax", 5), Pair("edge", 1), Pair("hqmax", 4)], inbound.Request!.Attributes);
    }

    [Fact]
    public void ExecuteAndNotFound_Example9()
    {
        var execute = Decode("a30110021903ee05662f332f302f34");
        var withArguments = Decode(OmaEnvelopeCodec.Write(new OmaMessage(13) { Operation = OmaOperation.Execute, Uri = "/3/0/4", Payload = "0='now'"u8.ToArray() }));

        Assert.Equal((Lwm2mOperation.Execute, Lwm2mPath.Parse("/3/0/4"), (string?)null), (execute.Request!.Operation, execute.Request.Path!.Value, execute.Request.Arguments));
        Assert.Equal("0='now'", withArguments.Request!.Arguments);
        Assert.Equal("a2021903ed12190194", Hex(_dialect.Respond("1005", Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, "no such object"))));
    }

    [Fact]
    public void DiscoverAndDelete_AreDecoded_AndLinksAnsweredAsLinkFormat()
    {
        var discover = Decode(OmaEnvelopeCodec.Write(new OmaMessage(14) { Operation = OmaOperation.Discover, Uri = "/3303", Depth = 1 }));
        var delete = Decode(OmaEnvelopeCodec.Write(new OmaMessage(15) { Operation = OmaOperation.Delete, Uri = "/3303/1" }));

        Assert.Equal((Lwm2mOperation.Discover, (int?)1), (discover.Request!.Operation, discover.Request.Depth));
        Assert.Equal((Lwm2mOperation.Delete, Lwm2mPath.Parse("/3303/1")), (delete.Request!.Operation, delete.Request.Path!.Value));
        var links = Read(_dialect.Respond("14", new Lwm2mClientResponse(Lwm2mResultCode.Content)
        {
            Links = [new(Lwm2mPath.Parse("/3303"), new Dictionary<string, string?> { ["ver"] = "1.1" }), new(Lwm2mPath.Parse("/3303/0"), new Dictionary<string, string?>())],
        }));
        Assert.Equal(((ushort)205, (ushort)40, "</3303>;ver=1.1,</3303/0>"), (links.Result!.Value, links.ContentFormat!.Value, Encoding.UTF8.GetString(links.Payload!.Value.Span)));
    }

    [Fact]
    public void TheClientsOwnMessages_ComingBack_AreEchoes()
    {
        var register = _dialect.Register(ExampleRegistration());
        Decode("a30109021903e805672f333330332f30");
        var answer = _dialect.Respond("1000", Lwm2mClientResponse.Content([Temperature(21.5)]));

        Assert.Equal(Lwm2mClientInboundKind.Echo, Decode(register.Payload).Kind);
        Assert.Equal(Lwm2mClientInboundKind.Echo, Decode(answer.Payload).Kind);
        Assert.Equal(Lwm2mClientInboundKind.Echo, Decode(_dialect.Notify("1002", [Temperature(22.0)], confirmable: true).Payload).Kind);
        Assert.Equal(Lwm2mClientInboundKind.Echo, Decode(_dialect.Send([Temperature(22.0)], "s1").Payload).Kind);
        Assert.Equal(Lwm2mClientInboundKind.Echo, Decode(_dialect.Deregister().Payload).Kind);
        // The Register's own response is still awaited.
        Assert.Equal(Lwm2mClientInboundKind.RegisterAcknowledgement, Decode("a202011218c9").Kind);
    }

    [Theory]
    [InlineData("lwm2m/rd/" + Endpoint)]
    [InlineData("tenant-a/lwm2m/rd/other")]
    [InlineData("tenant-a/lwm2m/bs/" + Endpoint)]
    [InlineData("lwm2m/" + Endpoint + "/cmd/r-1")]
    public void OtherTopics_AreNotTheDialects(string topic)
    {
        Assert.Equal(Lwm2mClientInbound.NotLwm2m, _dialect.Decode(topic, Sequence("a30109021903e805672f333330332f30"), 1024, Model));
    }

    [Theory]
    [InlineData("a2011302 08", "8")] // operation 19, unassigned
    [InlineData("a2011819 0209", "9")] // operation 25, past Send
    [InlineData("a2010002 0a", "10")] // Bootstrap-Request, not an operation of the rd topic
    public void UnknownOperations_AreAnswered501(string hex, string correlation)
    {
        var inbound = Decode(hex.Replace(" ", "", StringComparison.Ordinal));

        Assert.Equal((Lwm2mClientInboundKind.InvalidRequest, correlation, new Lwm2mResultCode(5, 1), Lwm2mClientReason.UnknownOperation),
            (inbound.Kind, inbound.Correlation, inbound.Code!.Value, inbound.Reason));
    }

    [Fact]
    public void MalformedRequestsWithAToken_AreAnswered400_AndOtherMalformedMessagesAreInvalid()
    {
        // {1: 9, 2: 7, 5: 3}: the uri is not text.
        var wrongType = Decode("a30109020705 03".Replace(" ", "", StringComparison.Ordinal));
        // {1: 9, 2: 7, 5: "/3/x"}: not a path.
        var notAPath = Decode(OmaEnvelopeCodec.Write(new OmaMessage(7) { Operation = OmaOperation.Read, Uri = "/3/x" }));

        Assert.Equal((Lwm2mClientInboundKind.InvalidRequest, "7", Lwm2mResultCode.BadRequest, Lwm2mClientReason.MalformedRequest), (wrongType.Kind, wrongType.Correlation, wrongType.Code!.Value, wrongType.Reason));
        Assert.Equal((Lwm2mClientInboundKind.InvalidRequest, Lwm2mResultCode.BadRequest), (notAPath.Kind, notAPath.Code!.Value));
        Assert.Equal((Lwm2mClientInboundKind.Invalid, Lwm2mClientReason.MalformedRequest), Kind(Decode("ff")));
        Assert.Equal((Lwm2mClientInboundKind.Invalid, Lwm2mClientReason.MalformedRequest), Kind(Decode("a10109")));
        // {2: 1, 18: "x"} while the Register with token 1 is pending: a broken answer to it.
        _dialect.Register(ExampleRegistration());
        Assert.Equal((Lwm2mClientInboundKind.Invalid, Lwm2mClientReason.MalformedAcknowledgement), Kind(Decode("a202011261 78".Replace(" ", "", StringComparison.Ordinal))));
    }

    [Fact]
    public void RequestsMissingWhatTheyNeed_OrFromAnotherEndpoint_AreAnswered400()
    {
        var cases = new OmaMessage[]
        {
            new(1) { Operation = OmaOperation.Read },
            new(2) { Operation = OmaOperation.WriteReplace, Uri = "/1/0/1", Payload = "1"u8.ToArray() },
            new(3) { Operation = OmaOperation.ReadComposite },
            new(4) { Operation = OmaOperation.ObserveComposite, Paths = Lwm2mFetchPack.Write([]) },
            new(5) { Operation = OmaOperation.Read, Uri = "/3/0", Endpoint = "someone-else" },
            new(6) { Operation = OmaOperation.WriteReplace, Uri = "/1/0/1", ContentFormat = 0, Payload = "soon"u8.ToArray() },
            new(7) { Operation = OmaOperation.Execute, Uri = "/3/0/4", Payload = new byte[] { 0xff } },
        };

        foreach (var message in cases)
        {
            var inbound = Decode(OmaEnvelopeCodec.Write(message));
            Assert.Equal((Lwm2mClientInboundKind.InvalidRequest, Lwm2mResultCode.BadRequest), (inbound.Kind, inbound.Code!.Value));
        }
    }

    [Fact]
    public void ContentFormatsTheClientCannotUse_AreAnswered415()
    {
        var cases = new OmaMessage[]
        {
            new(1) { Operation = OmaOperation.Read, Uri = "/3/0", PreferredContentFormat = 11542 },
            new(2) { Operation = OmaOperation.Read, Uri = "/3/0", PreferredContentFormat = 9999 },
            new(3) { Operation = OmaOperation.WriteReplace, Uri = "/1/0/1", ContentFormat = 40, Payload = "</1>"u8.ToArray() },
            new(4) { Operation = OmaOperation.WriteComposite, ContentFormat = 0, Payload = "7200"u8.ToArray() },
        };

        foreach (var message in cases)
        {
            var inbound = Decode(OmaEnvelopeCodec.Write(message));
            Assert.Equal((Lwm2mClientInboundKind.InvalidRequest, new Lwm2mResultCode(4, 15), Lwm2mClientReason.UnsupportedContentFormat), (inbound.Kind, inbound.Code!.Value, inbound.Reason));
        }
    }

    [Fact]
    public void ARequestLargerThanTheLimit_IsAnswered413_Unread()
    {
        var inbound = _dialect.Decode(Topic, Sequence("a30109021903e805672f333330332f30"), 8, Model);

        Assert.Equal((Lwm2mClientInboundKind.InvalidRequest, "1000", new Lwm2mResultCode(4, 13), Lwm2mClientReason.PayloadTooLarge),
            (inbound.Kind, inbound.Correlation, inbound.Code!.Value, inbound.Reason));
        _dialect.Register(ExampleRegistration());
        Assert.Equal((Lwm2mClientInboundKind.Invalid, Lwm2mClientReason.PayloadTooLarge), Kind(_dialect.Decode(Topic, Sequence("a202011218c9"), 2, Model)));
    }

    [Fact]
    public void Respond_EncodesRefusalCodes_AsClassTimes100PlusDetail()
    {
        Assert.Equal((ushort)501, Read(_dialect.Respond("3", Lwm2mClientResponse.Failure(new Lwm2mResultCode(5, 1), "no"))).Result);
        Assert.Equal((ushort)413, Read(_dialect.Respond("3", Lwm2mClientResponse.Failure(new Lwm2mResultCode(4, 13), "no"))).Result);
    }

    [Fact]
    public void AnInvalidEndpointOrPrefix_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new OmaClientDialect("a/b"));
        Assert.Throws<ArgumentException>(() => new OmaClientDialect("dev-1", "tenant/#"));
    }

    static Lwm2mClientRegistration ExampleRegistration() =>
        new(Endpoint, TimeSpan.FromSeconds(3600), "1.2", "M", ExampleObjects, []);

    static Lwm2mResourceValue Temperature(double value) => new(Lwm2mPath.Parse("/3303/0/5700"), Lwm2mResourceType.Float, value);

    static Lwm2mClientInbound Ack(Lwm2mClientInboundKind kind, int @class, int detail) => new(kind) { Code = new Lwm2mResultCode(@class, detail) };

    static KeyValuePair<string, double?> Pair(string name, double value) => new(name, value);

    static (Lwm2mClientInboundKind, Lwm2mClientReason) Kind(Lwm2mClientInbound inbound) => (inbound.Kind, inbound.Reason);

    Lwm2mClientInbound Decode(string hex) => Decode(Convert.FromHexString(hex));

    Lwm2mClientInbound Decode(ReadOnlyMemory<byte> bytes) => _dialect.Decode(Topic, new ReadOnlySequence<byte>(bytes), 64 * 1024, Model);

    static ReadOnlySequence<byte> Sequence(string hex) => new(Convert.FromHexString(hex));

    static object SingleTemperature(OmaMessage message)
    {
        Assert.True(Lwm2mContent.TryDecode(null, Lwm2mContentFormat.SenmlCbor, message.Payload!.Value, Model, out var values, out var error), error);
        var value = Assert.Single(values);
        Assert.Equal(Lwm2mPath.Parse("/3303/0/5700"), value.Path);
        return value.Value;
    }

    static string Hex(OutboundMessage message) => Convert.ToHexStringLower(message.Payload.Span);

    static OmaMessage Read(OutboundMessage message)
    {
        Assert.True(OmaEnvelopeCodec.TryRead(message.Payload, OmaInterface.Registration, out var read, out var error), error.ToString());
        return read!;
    }

    /// <summary>Requests compared by their fields (the record's lists compare by reference).</summary>
    sealed class RequestComparer : IEqualityComparer<Lwm2mClientRequest?>
    {
        public static readonly RequestComparer Instance = new();

        public bool Equals(Lwm2mClientRequest? x, Lwm2mClientRequest? y) =>
            x is not null && y is not null && x.Operation == y.Operation && x.Path == y.Path && x.Paths.SequenceEqual(y.Paths)
            && x.Accept == y.Accept && x.Values.Count == y.Values.Count && x.Attributes.SequenceEqual(y.Attributes)
            && x.Arguments == y.Arguments && x.ObservationId == y.ObservationId && x.Depth == y.Depth;

        public int GetHashCode(Lwm2mClientRequest? obj) => obj?.Operation.GetHashCode() ?? 0;
    }
}
