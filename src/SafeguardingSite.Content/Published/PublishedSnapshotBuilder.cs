using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Model;

namespace SafeguardingSite.Content.Published;

/// <summary>Reads the database once and builds a snapshot of either the published tree or, for previews, the drafts.</summary>
public sealed class PublishedSnapshotBuilder(IDbContextFactory<ContentDbContext> contexts)
{
    public async Task<PublishedSnapshot> BuildAsync(bool preview, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Read the sequence first: anything committed after it will carry a higher number and trigger another build.
        var sequence = await db.Changes.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
        var schema = new ContentSchema(
            await db.DocumentTypes.AsNoTracking().ToListAsync(cancellationToken),
            await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken));

        var nodes = await db.Nodes.AsNoTracking()
            .Where(n => !n.Trashed && (preview || n.PublishedVersionId != null))
            .ToListAsync(cancellationToken);
        var versionIds = nodes.Select(n => preview ? n.DraftVersionId : n.PublishedVersionId!.Value).ToHashSet();
        var versions = new Dictionary<Guid, ContentVersion>();
        foreach (var chunk in versionIds.Chunk(500))
        {
            foreach (var version in await db.Versions.AsNoTracking().Where(v => chunk.Contains(v.Id)).ToListAsync(cancellationToken))
            {
                versions[version.Id] = version;
            }
        }

        var media = await db.Media.AsNoTracking().Where(m => !m.Trashed).ToListAsync(cancellationToken);
        var redirects = await db.Redirects.AsNoTracking().Select(r => new { r.OldPath, r.NodeKey, r.TargetUrl }).ToListAsync(cancellationToken);

        return Assemble(sequence, preview, schema, nodes, versions, media,
            redirects.Where(r => r.TargetUrl == null).Select(r => KeyValuePair.Create(r.OldPath, r.NodeKey)),
            redirects.Where(r => r.TargetUrl != null).Select(r => KeyValuePair.Create(r.OldPath, r.TargetUrl!)));
    }

    internal static PublishedSnapshot Assemble(
        long sequence,
        bool preview,
        ContentSchema schema,
        IReadOnlyCollection<ContentNode> nodes,
        IReadOnlyDictionary<Guid, ContentVersion> versions,
        IReadOnlyCollection<MediaItem> media,
        IEnumerable<KeyValuePair<string, Guid>> redirects,
        IEnumerable<KeyValuePair<string, string>> addressRedirects)
    {
        var items = new Dictionary<Guid, PublishedContent>();
        foreach (var node in nodes)
        {
            var versionId = preview ? node.DraftVersionId : node.PublishedVersionId;
            if (versionId is { } id && versions.TryGetValue(id, out var version))
            {
                items[node.Key] = new PublishedContent(node, version, ParseValues(version.ValuesJson));
            }
        }

        // Only nodes whose whole ancestor chain is present are routable: an unpublished parent hides its branch.
        var routes = RouteTable.Compute(items.Values
            .Where(c => c.ParentKey is null || items.ContainsKey(c.ParentKey.Value))
            .Select(c => new RouteTable.RouteNode(c.Key, c.ParentKey, c.SortOrder, c.Name, c.UrlSegment)));
        var roots = new List<PublishedContent>();
        foreach (var item in items.Values.Where(i => routes.ContainsKey(i.Key)))
        {
            item.Url = routes[item.Key];
            if (item.ParentKey is { } parentKey)
            {
                var parent = items[parentKey];
                item.Parent = parent;
                parent.AddChild(item);
            }
            else
            {
                roots.Add(item);
            }
        }

        roots = roots.OrderBy(r => r.Url == "/" ? 0 : 1).ThenBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        foreach (var item in items.Values)
        {
            item.SortChildren();
            item.Level = item.Ancestors().Count() + 1;
        }

        return new PublishedSnapshot(sequence, preview, schema, roots, AssembleMedia(media), redirects, addressRedirects);
    }

    private static List<PublishedMedia> AssembleMedia(IReadOnlyCollection<MediaItem> media)
    {
        var items = media.ToDictionary(m => m.Key, m => new PublishedMedia(m));
        var roots = new List<PublishedMedia>();
        foreach (var item in items.Values.OrderBy(m => m.SortOrder).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            if (item.ParentKey is { } parentKey && items.TryGetValue(parentKey, out var parent))
            {
                item.Parent = parent;
                parent.AddChild(item);
            }
            else if (item.ParentKey is null)
            {
                roots.Add(item);
            }
        }

        foreach (var root in roots)
        {
            SetPaths(root, "/");
        }

        return roots;

        static void SetPaths(PublishedMedia item, string parentPath)
        {
            item.Path = parentPath + item.UrlSegment + "/";
            foreach (var child in item.Children)
            {
                SetPaths(child, item.Path);
            }
        }
    }

    private static Dictionary<string, JsonElement> ParseValues(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.Clone();
        }

        return values;
    }
}
