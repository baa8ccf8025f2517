using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;

namespace SafeguardingSite.Content.Media;

/// <summary>A page that refers to a media item, in its draft, its live version, or both.</summary>
public sealed record MediaUse(Guid NodeKey, string Name, string DocumentTypeAlias, bool InDraft, bool InPublished);

/// <summary>
/// Finds the pages that refer to a media item. Pickers store the item's key, rich text and links its /media/{key}/ URL
/// (or an umb://media/{key} udi), so the key in either spelling anywhere in a page's values is a use. Only each
/// page's current draft and published versions are searched: older versions are history, not uses.
/// </summary>
public sealed class MediaUsageService(IDbContextFactory<ContentDbContext> contexts)
{
    public async Task<IReadOnlyList<MediaUse>> FindUsesAsync(Guid mediaKey, CancellationToken cancellationToken = default)
    {
        var hyphenated = mediaKey.ToString("D");
        var compact = mediaKey.ToString("N");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hits = await (from node in db.Nodes.AsNoTracking()
                          where !node.Trashed
                          from version in db.Versions.AsNoTracking()
                          where version.Id == node.DraftVersionId || version.Id == node.PublishedVersionId
                          where version.ValuesJson.Contains(hyphenated) || version.ValuesJson.Contains(compact)
                          select new
                          {
                              node.Key,
                              node.Name,
                              node.DocumentTypeAlias,
                              IsDraft = version.Id == node.DraftVersionId,
                              IsPublished = version.Id == node.PublishedVersionId,
                          }).ToListAsync(cancellationToken);
        return hits.GroupBy(h => h.Key)
            .Select(g => new MediaUse(g.Key, g.First().Name, g.First().DocumentTypeAlias, g.Any(h => h.IsDraft), g.Any(h => h.IsPublished)))
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
