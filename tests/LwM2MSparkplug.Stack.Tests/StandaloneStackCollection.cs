using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>One standalone stack shared by the tests that need live services (dashboards, monitor script).</summary>
[CollectionDefinition(Name)]
public sealed class StandaloneStackCollection : ICollectionFixture<StandaloneFixture>
{
    public const string Name = "standalone stack";
}
