using System.Text.RegularExpressions;
using System.Xml.Linq;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// src/Dockerfile without a Docker engine: its restore layer holds every project file the images need (so a code
/// change does not download packages again), its one build stage publishes every program Compose builds, and the
/// images run as non-root.
/// </summary>
public sealed partial class DockerfileTests
{
    static readonly string[] Lines = File.ReadAllLines(RepositoryPaths.Combine("src", "Dockerfile"));

    [Fact]
    public async Task RestoreLayer_CopiesEveryProjectFileTheImagesNeed_BeforeTheSources()
    {
        var restore = Array.FindIndex(Lines, line => line.Contains("dotnet restore", StringComparison.Ordinal));
        var sources = Array.IndexOf(Lines, "COPY src/ src/");
        Assert.True(restore > 0 && sources > restore, "the restore runs before the sources are copied");
        var copied = Lines[..restore].Select(line => ProjectCopy().Match(line)).Where(match => match.Success).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        foreach (var project in await ComposeProjectsAsync())
        {
            foreach (var needed in WithReferences(project))
            {
                Assert.True(copied.Contains(needed), $"{needed} (needed by {project}) is not copied before the restore");
            }
        }
    }

    [Fact]
    public async Task BuildStage_PublishesEveryProgramComposeBuilds_Once()
    {
        var published = Published().Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal((await ComposeProjectsAsync()).Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));
        Assert.Single(Lines, line => line.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("COPY --from=build /app/${PROJECT} .", Lines);
    }

    [Fact]
    public void FinalStages_RunAsNonRoot()
    {
        var users = Lines.Where(line => line.StartsWith("USER ", StringComparison.Ordinal)).ToList();

        Assert.Equal(["USER 1883:1883", "USER ${APP_UID}"], users);
    }

    static string Published() =>
        Lines.Select(line => PublishedList().Match(line)).Single(match => match.Success).Groups["list"].Value;

    static async Task<IReadOnlyList<string>> ComposeProjectsAsync()
    {
        var compose = await ComposeFile.ResolvedAsync();
        return [.. compose["services"]!.AsObject()
            .Select(service => service.Value?["build"]?["args"]?["PROJECT"]?.GetValue<string>())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The project and every project it references, transitively.</summary>
    static HashSet<string> WithReferences(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }
            var file = XDocument.Load(RepositoryPaths.Combine("src", next, next + ".csproj"));
            foreach (var reference in file.Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')));
            }
        }
        return seen;
    }

    [GeneratedRegex(@"^COPY src/(?<name>[^/]+)/\k<name>\.csproj src/\k<name>/$")]
    private static partial Regex ProjectCopy();

    [GeneratedRegex("^ENV PUBLISHED=\"(?<list>[^\"]+)\"$")]
    private static partial Regex PublishedList();
}
