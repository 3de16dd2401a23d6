using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Client;

/// <summary>
/// One lifecycle (register, write attributes, read, observe, notify, cancel, Send, de-register) on the client core over
/// each dialect, driven by a minimal server end per dialect. Over OMA every publication also comes back, as the broker
/// delivers it on the shared topic, and must change nothing.
/// </summary>
public sealed class Lwm2mClientOverEachDialectTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly Lwm2mPath Temperature = Lwm2mPath.Parse("/3303/0/5700");

    readonly Outbox _outbox = new();
    readonly TestTemperatureObject _temperature = new();

    public static TheoryData<string> Dialects => new() { JsonContractDialect.DialectName, OmaClientDialect.DialectName };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void RegisterReadObserveNotifyCancelSendDeregister(string dialect)
    {
        var server = ServerEnd.For(dialect);
        var client = new Lwm2mClient(new Lwm2mClientOptions { Endpoint = "dev-1", SendInterval = TimeSpan.FromSeconds(30), SendPaths = [Temperature] },
            server.Dialect, new ServerObjectEnabler(1, TimeSpan.FromSeconds(100), "M"), [new TestDeviceObject(), _temperature]);

        client.Connected(T0, _outbox);
        var register = Published(client, T0);
        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, Receive(client, server.Acknowledge(register, "2.01"), T0).Kind);
        Assert.True(client.IsRegistered);

        Assert.Equal(Lwm2mResultCode.Changed, Receive(client, server.WriteAttributes(Temperature, "1", pmin: 2, pmax: 10), T0).Code);
        Published(client, T0);
        var read = Receive(client, server.Request(Lwm2mOperation.Read, Temperature, "2"), T0);
        Assert.Equal((Lwm2mOperation.Read, Lwm2mResultCode.Content), (read.Operation, read.Code));
        Assert.Equal(21.5, server.Value(Published(client, T0)));

        Receive(client, server.Request(Lwm2mOperation.Observe, Temperature, "3"), T0);
        Assert.Equal(21.5, server.Value(Published(client, T0)));
        _temperature.Value5700 = 22;
        client.Run(T0.AddSeconds(2), _outbox);
        Assert.Equal(22, server.Value(Published(client, T0.AddSeconds(2))));

        Assert.Equal(Lwm2mOperation.CancelObserve, Receive(client, server.Request(Lwm2mOperation.CancelObserve, Temperature, "3"), T0.AddSeconds(3)).Operation);
        Assert.True(server.Succeeded(Published(client, T0.AddSeconds(3))));
        Assert.Equal(0, client.ObservationCount);

        client.Run(T0.AddSeconds(30), _outbox);
        var send = Published(client, T0.AddSeconds(30));
        Assert.Equal(22, server.Value(send));
        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, Receive(client, server.Acknowledge(send, "2.04"), T0.AddSeconds(31)).Kind);
        Assert.Equal(0, client.SendsOutstanding);

        client.Deregister(T0.AddSeconds(40), _outbox);
        var deregister = Published(client, T0.AddSeconds(40));
        Assert.Equal(Lwm2mClientReceiptKind.Acknowledgement, Receive(client, server.Acknowledge(deregister, "2.02"), T0.AddSeconds(41)).Kind);
    }

    /// <summary>The one message the client published; over OMA it is then delivered back to it, to no effect.</summary>
    OutboundMessage Published(Lwm2mClient client, DateTimeOffset now)
    {
        var message = Assert.Single(_outbox.Messages);
        _outbox.Clear();
        if (client.Subscriptions.Any(subscription => subscription.Filter == message.Topic))
        {
            Assert.Equal(Lwm2mClientReceipt.Echo, client.Receive(message.Topic, new ReadOnlySequence<byte>(message.Payload), now, _outbox));
            Assert.Empty(_outbox.Messages);
        }
        return message;
    }

    Lwm2mClientReceipt Receive(Lwm2mClient client, (string Topic, byte[] Payload) message, DateTimeOffset now) =>
        client.Receive(message.Topic, new ReadOnlySequence<byte>(message.Payload), now, _outbox);

    /// <summary>What a server of one dialect sends, and how it reads the client's answers.</summary>
    abstract class ServerEnd
    {
        protected static readonly Lwm2mDeviceModel Model =
            new Lwm2mObjectTree([new ServerObjectEnabler(1, TimeSpan.FromSeconds(100), "M"), new TestDeviceObject(), new TestTemperatureObject()]).Model;

        public abstract ILwm2mClientDialect Dialect { get; }

        public static ServerEnd For(string dialect) => dialect == OmaClientDialect.DialectName ? new OmaServerEnd() : new JsonServerEnd();

        /// <summary>The server's answer to a Register, Update, De-register or Send the client published.</summary>
        public abstract (string, byte[]) Acknowledge(OutboundMessage request, string code);

        /// <summary>A request on one path; an Observe and its Cancel-Observe share <paramref name="id"/>.</summary>
        public abstract (string, byte[]) Request(Lwm2mOperation operation, Lwm2mPath path, string id);

        public abstract (string, byte[]) WriteAttributes(Lwm2mPath path, string id, uint pmin, uint pmax);

        /// <summary>The one float value a response, notification or Send carries.</summary>
        public abstract double Value(OutboundMessage message);

        public abstract bool Succeeded(OutboundMessage response);
    }

    sealed class JsonServerEnd : ServerEnd
    {
        public override ILwm2mClientDialect Dialect { get; } = new JsonContractDialect("dev-1");

        public override (string, byte[]) Acknowledge(OutboundMessage request, string code) =>
            ($"{request.Topic}/ack", Encoding.UTF8.GetBytes($$"""{"code":"{{code}}"}"""));

        public override (string, byte[]) Request(Lwm2mOperation operation, Lwm2mPath path, string id) =>
            Command($"r-{id}-{operation.ToWire()}", $$"""{"op":"{{operation.ToWire()}}","path":"{{path}}","observationId":"o-{{id}}"}""");

        public override (string, byte[]) WriteAttributes(Lwm2mPath path, string id, uint pmin, uint pmax) =>
            Command(id, $$$"""{"op":"write-attributes","path":"{{{path}}}","attributes":{"pmin":{{{pmin}}},"pmax":{{{pmax}}}}}""");

        public override double Value(OutboundMessage message)
        {
            using var document = JsonDocument.Parse(message.Payload);
            Assert.True(Lwm2mContent.TryReadValues(null, Lwm2mContentFormat.SenmlJson, document.RootElement.GetProperty("payload"), Model, out var values, out var error), error);
            return (double)Assert.Single(values).Value;
        }

        public override bool Succeeded(OutboundMessage response)
        {
            using var document = JsonDocument.Parse(response.Payload);
            return document.RootElement.GetProperty("code").GetString()!.StartsWith('2');
        }

        static (string, byte[]) Command(string id, string json) => ($"lwm2m/dev-1/cmd/{id}", Encoding.UTF8.GetBytes(json));
    }

    sealed class OmaServerEnd : ServerEnd
    {
        const string Topic = "lwm2m/rd/dev-1";

        public override ILwm2mClientDialect Dialect { get; } = new OmaClientDialect("dev-1");

        public override (string, byte[]) Acknowledge(OutboundMessage request, string code)
        {
            Assert.True(Lwm2mResultCode.TryParse(code, out var result));
            return (Topic, OmaEnvelopeCodec.Write(new OmaMessage(Read(request).Token) { Result = (ushort)((result.Class * 100) + result.Detail) }));
        }

        // Server tokens are large random numbers in a real server; the id is enough here, far from the client's 1, 2, 3.
        public override (string, byte[]) Request(Lwm2mOperation operation, Lwm2mPath path, string id) =>
            (Topic, OmaEnvelopeCodec.Write(new OmaMessage(Token(id))
            {
                Operation = operation switch
                {
                    Lwm2mOperation.Read => OmaOperation.Read,
                    Lwm2mOperation.Observe => OmaOperation.Observe,
                    _ => OmaOperation.CancelObserve,
                },
                Uri = operation == Lwm2mOperation.CancelObserve ? null : path.ToString(),
            }));

        public override (string, byte[]) WriteAttributes(Lwm2mPath path, string id, uint pmin, uint pmax) =>
            (Topic, OmaEnvelopeCodec.Write(new OmaMessage(Token(id))
            {
                Operation = OmaOperation.WriteAttributes,
                Uri = path.ToString(),
                Attributes = new OmaAttributes { MinimumPeriod = pmin, MaximumPeriod = pmax },
            }));

        public override double Value(OutboundMessage message)
        {
            var read = Read(message);
            Assert.Equal((ushort)Lwm2mContentFormat.SenmlCbor, read.ContentFormat);
            Assert.True(Lwm2mContent.TryDecode(null, Lwm2mContentFormat.SenmlCbor, read.Payload!.Value, Model, out var values, out var error), error);
            return (double)Assert.Single(values).Value;
        }

        public override bool Succeeded(OutboundMessage response) => Read(response).Result is >= 200 and < 300;

        static ulong Token(string id) => 1_000_000 + ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture);

        static OmaMessage Read(OutboundMessage message)
        {
            Assert.Equal(Topic, message.Topic);
            Assert.True(OmaEnvelopeCodec.TryRead(message.Payload, OmaInterface.Registration, out var read, out var error), error.ToString());
            return read!;
        }
    }
}
