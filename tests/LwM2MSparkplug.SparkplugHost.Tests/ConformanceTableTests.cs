using System.Text.RegularExpressions;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>
/// The Sparkplug conformance section of docs/sparkplug.md: every row names a TCK assertion id once, and every test it
/// names as covering that assertion exists under tests/.
/// </summary>
public sealed partial class ConformanceTableTests
{
    const string Heading = "## Conformance: tested against the TCK's assertions";

    static readonly string Section = ReadSection();
    static readonly IReadOnlyList<Row> Rows = ParseRows(Section);
    static readonly Lazy<IReadOnlyList<string>> TestSources = new(ReadTestSources);

    [Fact]
    public void TheSection_HasAHostAndAnEdgeTable_EachWithRows()
    {
        Assert.Contains(Rows, r => r.Table == "Host application");
        Assert.Contains(Rows, r => r.Table == "Edge node");
        Assert.All(Rows, r => Assert.True(r.Table is "Host application" or "Edge node", $"row {r.Id} is outside the two tables"));
    }

    [Fact]
    public void TheIntroduction_SaysNotCertified()
    {
        var introduction = Section[..Section.IndexOf("\n### ", StringComparison.Ordinal)];

        Assert.Contains("not certified", introduction, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRow_HasATckId()
    {
        Assert.All(Rows, r => Assert.Matches(TckId(), r.Id));
    }

    [Fact]
    public void NoTckId_AppearsTwice()
    {
        var twice = Rows.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(twice);
    }

    [Fact]
    public void EveryRow_NamesATest_OrSaysWhyNot()
    {
        Assert.All(Rows, r => Assert.True(
            r.Covering.StartsWith("Not covered: ", StringComparison.Ordinal)
                || r.Covering.StartsWith("Does not apply: ", StringComparison.Ordinal)
                || TestNames(r.Covering).Count > 0,
            $"{r.Id}: the last cell names no test and does not start with 'Not covered: ' or 'Does not apply: '"));
    }

    [Fact]
    public void EveryNamedTest_ExistsAsATestMethodUnderTests()
    {
        var missing = Rows
            .SelectMany(r => TestNames(r.Covering).Select(t => (r.Id, Test: t)))
            .Where(x => !TestExists(x.Test.Class, x.Test.Method))
            .Select(x => $"{x.Id}: {x.Test.Class}.{x.Test.Method}")
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(missing);
    }

    static string ReadSection()
    {
        var document = File.ReadAllText(RepositoryPaths.Combine("docs", "sparkplug.md")).ReplaceLineEndings("\n");
        var start = document.IndexOf(Heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/sparkplug.md has no section '{Heading}'");
        var end = document.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        return end < 0 ? document[start..] : document[start..end];
    }

    static List<Row> ParseRows(string section)
    {
        var rows = new List<Row>();
        string? table = null;
        foreach (var line in section.Split('\n'))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                table = line[4..].Trim();
                continue;
            }
            if (!line.StartsWith('|') || line.StartsWith("| TCK id ", StringComparison.Ordinal) || line.StartsWith("| ---", StringComparison.Ordinal))
            {
                continue;
            }
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 3, $"a conformance row has three cells: {line}");
            rows.Add(new Row(table ?? "(before the tables)", cells[0].Trim('`'), cells[2]));
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    static List<(string Class, string Method)> TestNames(string cell) =>
        [.. TestReference().Matches(cell).Select(m => (m.Groups["class"].Value, m.Groups["method"].Value))];

    static bool TestExists(string className, string method)
    {
        var declaresClass = new Regex($@"\bclass\s+{Regex.Escape(className)}\b", RegexOptions.CultureInvariant);
        var declaresTest = new Regex(
            $@"\[(?:Fact|Theory)\b[^\n]*\n(?:\s*\[[^\n]*\n)*\s*public\s+(?:async\s+)?(?:void|Task|ValueTask)\s+{Regex.Escape(method)}\s*\(",
            RegexOptions.CultureInvariant);
        return TestSources.Value.Any(source => declaresClass.IsMatch(source) && declaresTest.IsMatch(source));
    }

    static List<string> ReadTestSources()
    {
        var separator = Path.DirectorySeparatorChar;
        return [.. Directory.EnumerateFiles(RepositoryPaths.Combine("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
            .Select(f => File.ReadAllText(f).ReplaceLineEndings("\n"))];
    }

    [GeneratedRegex(@"^tck-id-[A-Za-z0-9_-]+$")]
    private static partial Regex TckId();

    [GeneratedRegex(@"`(?<class>[A-Z][A-Za-z0-9_]*)\.(?<method>[A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex TestReference();

    sealed record Row(string Table, string Id, string Covering);
}
