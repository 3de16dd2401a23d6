namespace LwM2MSparkplug.Protocols.Lwm2m.Paths;

/// <summary>The deepest path that contains every one of a set of paths: what a request for all of them would name.</summary>
public static class Lwm2mCommonAncestor
{
    /// <summary>The common ancestor (a path contains itself); the root for no paths or paths of different objects.</summary>
    public static Lwm2mPath Of(IEnumerable<Lwm2mPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Lwm2mPath? common = null;
        foreach (var path in paths)
        {
            var ancestor = common ?? path;
            while (!ancestor.Contains(path))
            {
                ancestor = ancestor.Parent;
            }
            common = ancestor;
        }
        return common ?? Lwm2mPath.Root;
    }
}
