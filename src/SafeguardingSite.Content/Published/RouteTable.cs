namespace SafeguardingSite.Content.Published;

/// <summary>
/// Computes the public URL of every routable node from the tree alone. The first root is the home page at "/",
/// its children sit directly below it, and any other root is a top-level path of its own.
/// </summary>
public static class RouteTable
{
    public readonly record struct RouteNode(Guid Key, Guid? ParentKey, int SortOrder, string Name, string Segment);

    public static Dictionary<Guid, string> Compute(IEnumerable<RouteNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var childrenOf = nodes.ToLookup(n => n.ParentKey);
        var routes = new Dictionary<Guid, string>();
        var roots = Ordered(childrenOf[null]).ToList();
        for (var i = 0; i < roots.Count; i++)
        {
            var root = roots[i];
            var url = i == 0 ? "/" : "/" + root.Segment + "/";
            routes[root.Key] = url;
            Walk(root.Key, url);
        }

        return routes;

        void Walk(Guid parent, string parentUrl)
        {
            foreach (var child in Ordered(childrenOf[parent]))
            {
                var url = parentUrl + child.Segment + "/";
                routes[child.Key] = url;
                Walk(child.Key, url);
            }
        }
    }

    public static IEnumerable<RouteNode> Ordered(IEnumerable<RouteNode> siblings) =>
        siblings.OrderBy(n => n.SortOrder).ThenBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Key);
}
