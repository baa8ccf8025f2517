using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Model;

namespace SafeguardingSite.BackOffice.ContentEditing;

/// <summary>A page's state as badges show it.</summary>
public enum PageState
{
    Draft,
    Published,
    UnpublishedChanges,
}

/// <summary>One page in the tree with the pages below it.</summary>
public sealed record TreeItem(ContentNode Node, string TypeName, IReadOnlyList<TreeItem> Children)
{
    public PageState State => Status(Node);

    public bool Scheduled => Node.PublishAt is not null || Node.ExpireAt is not null;

    public static PageState Status(ContentNode node) => node.PublishedVersionId is null
        ? PageState.Draft
        : node.PublishedVersionId == node.DraftVersionId ? PageState.Published : PageState.UnpublishedChanges;

    public static (string Text, string Css) Badge(PageState state) => state switch
    {
        PageState.Published => ("Published", "badge badge--published"),
        PageState.UnpublishedChanges => ("Unpublished changes", "badge badge--changes"),
        _ => ("Draft", "badge badge--draft"),
    };

    public IEnumerable<TreeItem> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

/// <summary>A branch the user may work in: its top page, the tree below it, and what the user may do there.</summary>
public sealed record TreeBranch(TreeItem Root, bool CanCreate, bool CanEdit, bool CanDelete);

/// <summary>
/// Reads the tree once (the trees here have hundreds of pages, not millions) and cuts it to the branches the user may
/// see. Start nodes are inherited downwards, so asking IBackOfficePermissions once per branch top decides the branch.
/// </summary>
public sealed class ContentTree(IDbContextFactory<ContentDbContext> contexts, IBackOfficePermissions permissions)
{
    public async Task<IReadOnlyList<TreeBranch>> BranchesAsync(ClaimsPrincipal user, ContentSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(schema);
        var nodes = await LiveNodesAsync(cancellationToken);
        var byParent = nodes.ToLookup(n => n.ParentKey);
        TreeItem Build(ContentNode node) => new(node, schema.FindDocumentType(node.DocumentTypeAlias)?.Name ?? node.DocumentTypeAlias,
            [.. byParent[node.Key].OrderBy(n => n.SortOrder).ThenBy(n => n.Name, StringComparer.Ordinal).Select(Build)]);

        var startNodes = user.FindAll(BackOfficeClaims.StartNode).Select(c => Guid.TryParse(c.Value, out var key) ? key : Guid.Empty).ToHashSet();
        var tops = startNodes.Count == 0
            ? byParent[null].OrderBy(n => n.SortOrder).ThenBy(n => n.Name, StringComparer.Ordinal).ToList()
            : nodes.Where(n => startNodes.Contains(n.Key) && !HasStartNodeAbove(n, nodes, startNodes)).OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ToList();

        var branches = new List<TreeBranch>();
        foreach (var top in tops)
        {
            if (!await permissions.CanAsync(user, BackOfficePermission.ContentBrowse, top.Key, cancellationToken))
            {
                continue;
            }

            branches.Add(new TreeBranch(
                Build(top),
                await permissions.CanAsync(user, BackOfficePermission.ContentCreate, top.Key, cancellationToken),
                await permissions.CanAsync(user, BackOfficePermission.ContentEdit, top.Key, cancellationToken),
                await permissions.CanAsync(user, BackOfficePermission.ContentDelete, top.Key, cancellationToken)));
        }

        return branches;
    }

    /// <summary>Every page that is not in the recycle bin, with its place in the tree shown as "Home › Parents › Safer sleep".</summary>
    public async Task<IReadOnlyList<PickOption>> PagesAsync(CancellationToken cancellationToken)
    {
        var nodes = await LiveNodesAsync(cancellationToken);
        var byKey = nodes.ToDictionary(n => n.Key);
        string Trail(ContentNode node)
        {
            var names = new List<string>();
            for (ContentNode? current = node; current is not null && names.Count < 64; current = current.ParentKey is { } p ? byKey.GetValueOrDefault(p) : null)
            {
                names.Add(current.Name);
            }

            names.Reverse();
            return string.Join(" › ", names);
        }

        return [.. nodes.Select(n => new PickOption(n.Key, Trail(n))).OrderBy(o => o.Label, StringComparer.CurrentCulture)];
    }

    /// <summary>Keys of the node and everything below it: a page cannot be moved or copied into its own branch.</summary>
    public async Task<IReadOnlySet<Guid>> BranchKeysAsync(Guid key, CancellationToken cancellationToken)
    {
        var byParent = (await LiveNodesAsync(cancellationToken)).ToLookup(n => n.ParentKey);
        var keys = new HashSet<Guid>();
        var frontier = new Queue<Guid>([key]);
        while (frontier.TryDequeue(out var current))
        {
            if (keys.Add(current))
            {
                foreach (var child in byParent[current])
                {
                    frontier.Enqueue(child.Key);
                }
            }
        }

        return keys;
    }

    private async Task<List<ContentNode>> LiveNodesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.AsNoTracking().Where(n => !n.Trashed).ToListAsync(cancellationToken);
    }

    private static bool HasStartNodeAbove(ContentNode node, List<ContentNode> nodes, HashSet<Guid> startNodes)
    {
        var byKey = nodes.ToDictionary(n => n.Key);
        for (var parent = node.ParentKey; parent is { } p && byKey.TryGetValue(p, out var above); parent = above.ParentKey)
        {
            if (startNodes.Contains(p))
            {
                return true;
            }
        }

        return false;
    }
}
