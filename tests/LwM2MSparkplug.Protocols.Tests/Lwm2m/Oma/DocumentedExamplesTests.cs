using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Oma;

/// <summary>
/// The worked examples of OMA's MQTT binding in docs/lwm2m-over-mqtt.md, read from the document itself: each message
/// of an <c>```oma</c> block decodes and re-encodes to the bytes its <c>hex</c> lines show, or, where a
/// <c>refused</c> line follows, is refused with that reason; and its <c>cbor</c> line is those bytes in diagnostic
/// notation. So the document cannot drift from the codec, nor its notation from its bytes.
/// </summary>
public sealed class DocumentedExamplesTests
{
    const string Document = "docs/lwm2m-over-mqtt.md";

    public static TheoryData<string, string, string> Examples
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var example in ReadExamples())
            {
                data.Add(example.Label, example.Hex, example.Refused ?? string.Empty);
            }
            return data;
        }
    }

    public static TheoryData<string, string, string> Notations
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var example in ReadExamples())
            {
                data.Add(example.Label, example.Hex, example.Cbor);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ReadsAndWritesAsDocumented(string label, string hex, string refused)
    {
        var bytes = Convert.FromHexString(hex);

        var read = OmaEnvelopeCodec.TryRead(bytes, OmaInterface.Registration, out var message, out var error);

        if (refused.Length > 0)
        {
            Assert.False(read, $"{label}: the document says it is refused");
            Assert.Equal(refused, "oma_" + ReasonNames.Of(error));
        }
        else
        {
            Assert.True(read, $"{label}: {error}");
            Assert.Equal(hex, Convert.ToHexStringLower(OmaEnvelopeCodec.Write(message!)));
        }
    }

    [Theory]
    [MemberData(nameof(Notations))]
    public void Example_DiagnosticNotationShowsTheBytes(string label, string hex, string cbor)
    {
        Assert.NotEmpty(label);

        Assert.Equal(cbor, Diagnostic(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Document_ShowsEveryOperationOfTheRdTopic()
    {
        var shown = new HashSet<OmaOperation>();
        foreach (var example in ReadExamples().Where(example => example.Refused is null))
        {
            OmaEnvelopeCodec.TryRead(Convert.FromHexString(example.Hex), OmaInterface.Registration, out var message, out _);
            if (message?.Operation is { } operation)
            {
                shown.Add(operation);
            }
        }

        var missing = Enum.GetValues<OmaOperation>().Where(operation => operation >= OmaOperation.Register && !shown.Contains(operation));

        Assert.Empty(missing);
    }

    /// <summary>
    /// The messages of every <c>```oma</c> block: a label line, a <c>hex</c> line with indented continuation lines
    /// (spaces are only for the reader), a <c>cbor</c> line in diagnostic notation, and optionally <c>refused</c>
    /// with the metric reason; a blank line separates messages.
    /// </summary>
    static List<DocumentedMessage> ReadExamples()
    {
        var examples = new List<DocumentedMessage>();
        var inBlock = false;
        string? label = null, refused = null, cbor = null;
        StringBuilder? hex = null;
        void Finish()
        {
            if (hex is not null)
            {
                examples.Add(new DocumentedMessage(label ?? "(no label)", hex.ToString(), cbor ?? string.Empty, refused));
            }
            label = refused = cbor = null;
            hex = null;
        }
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot(), Document)))
        {
            if (!inBlock)
            {
                inBlock = line == "```oma";
                continue;
            }
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                Finish();
                inBlock = false;
            }
            else if (line.Length == 0)
            {
                Finish();
            }
            else if (line.StartsWith("hex ", StringComparison.Ordinal))
            {
                hex = new StringBuilder(Digits(line["hex ".Length..]));
            }
            else if (hex is not null && line.StartsWith(' '))
            {
                hex.Append(Digits(line));
            }
            else if (line.StartsWith("refused ", StringComparison.Ordinal))
            {
                refused = line["refused ".Length..].Trim();
            }
            else if (line.StartsWith("cbor ", StringComparison.Ordinal))
            {
                cbor = line["cbor ".Length..].Trim();
            }
            else
            {
                label = line;
            }
        }
        Assert.True(examples.Count > 0, $"{Document} has no ```oma blocks");
        return examples;
    }

    /// <summary>
    /// CBOR diagnostic notation (RFC 8949 §8) as the document writes it: a byte string holding one CBOR array or map as
    /// <c>&lt;&lt;…&gt;&gt;</c>, one holding printable ASCII as <c>'…'</c>, any other as <c>h'…'</c> (RFC 8610 App. G).
    /// </summary>
    static string Diagnostic(byte[] bytes) => Item(new CborReader(bytes, CborConformanceMode.Lax));

    static string Item(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                var entries = new List<string>();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = Item(reader);
                    entries.Add(key + ": " + Item(reader));
                }
                reader.ReadEndMap();
                return "{" + string.Join(", ", entries) + "}";
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                var items = new List<string>();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    items.Add(Item(reader));
                }
                reader.ReadEndArray();
                return "[" + string.Join(", ", items) + "]";
            case CborReaderState.UnsignedInteger:
                return reader.ReadUInt64().ToString(CultureInfo.InvariantCulture);
            case CborReaderState.NegativeInteger:
                return reader.ReadInt64().ToString(CultureInfo.InvariantCulture);
            case CborReaderState.TextString:
                return "\"" + reader.ReadTextString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            case CborReaderState.ByteString:
                return ByteString(reader.ReadByteString());
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                var number = reader.ReadDouble().ToString("R", CultureInfo.InvariantCulture);
                return number.Contains('.', StringComparison.Ordinal) || number.Contains('E', StringComparison.Ordinal) ? number : number + ".0";
            case CborReaderState.Boolean:
                return reader.ReadBoolean() ? "true" : "false";
            case CborReaderState.Null:
                reader.ReadNull();
                return "null";
            default:
                throw new InvalidOperationException($"The document's examples hold no {reader.PeekState()}.");
        }
    }

    static string ByteString(byte[] bytes)
    {
        if (bytes is [>= 0x80 and <= 0xbf, ..])
        {
            var inner = new CborReader(bytes, CborConformanceMode.Lax);
            try
            {
                var item = Item(inner);
                if (inner.BytesRemaining == 0)
                {
                    return "<<" + item + ">>";
                }
            }
            catch (CborContentException)
            {
                // Not one CBOR item after all: shown as text or hex below.
            }
        }
        return bytes.Length > 0 && bytes.All(b => b is >= 0x20 and < 0x7f)
            ? "'" + Encoding.ASCII.GetString(bytes).Replace("'", "\\'", StringComparison.Ordinal) + "'"
            : "h'" + Convert.ToHexStringLower(bytes) + "'";
    }

    static string Digits(string text) => text.Replace(" ", string.Empty, StringComparison.Ordinal);

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LwM2MSparkplug.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"LwM2MSparkplug.sln not found above {AppContext.BaseDirectory}.");
    }

    sealed record DocumentedMessage(string Label, string Hex, string Cbor, string? Refused);
}
