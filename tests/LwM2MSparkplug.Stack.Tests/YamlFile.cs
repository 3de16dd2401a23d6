using System.Text.Json.Nodes;
using LwM2MSparkplug.Testing;
using YamlDotNet.RepresentationModel;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>A YAML document as a JSON tree (scalars as strings), for checks that read like the file.</summary>
public static class YamlFile
{
    public static JsonNode Load(params string[] pathInRepository) => Parse(File.ReadAllText(RepositoryPaths.Combine(pathInRepository)));

    public static JsonNode Parse(string yaml)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        stream.Load(reader);
        return Convert(stream.Documents[0].RootNode) ?? throw new InvalidDataException("empty YAML document");
    }

    static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => scalar.Value is null or "~" or "null" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? null : JsonValue.Create(scalar.Value),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
    };
}
