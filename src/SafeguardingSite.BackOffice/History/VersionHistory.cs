using System.Text.Json.Nodes;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.History;

/// <summary>A version in the history list: whether it is the draft, live now, or was live at some point.</summary>
public sealed record VersionRow(ContentVersion Version, bool IsDraft, bool IsLive, bool WasPublished);

/// <summary>Reads a page's versions and compares them, using what ContentService already keeps (every save is a version).</summary>
public sealed class VersionHistory(ContentService content, SchemaService schemas)
{
    public async Task<IReadOnlyList<VersionRow>> ListAsync(ContentDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var versions = await content.GetVersionsAsync(draft.Node.Key, cancellationToken);

        // A publish makes the draft of that moment live, so each "Published" entry in the content audit names the
        // newest version saved before it.
        var publishedAt = (await content.GetAuditAsync(draft.Node.Key, 0, 500, cancellationToken))
            .Where(a => a.Action == "Published").Select(a => a.At).ToList();
        var everPublished = publishedAt
            .Select(at => versions.Where(v => v.CreatedAt <= at).MaxBy(v => v.Number)?.Number)
            .OfType<int>().ToHashSet();
        return versions.Select(v => new VersionRow(
            v,
            v.Id == draft.Node.DraftVersionId,
            v.Id == draft.Node.PublishedVersionId,
            v.Id == draft.Node.PublishedVersionId || everPublished.Contains(v.Number))).ToList();
    }

    public async Task<IReadOnlyList<PropertyDiff>?> CompareAsync(ContentDraft draft, int fromNumber, int toNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var versions = await content.GetVersionsAsync(draft.Node.Key, cancellationToken);
        var from = versions.FirstOrDefault(v => v.Number == fromNumber);
        var to = versions.FirstOrDefault(v => v.Number == toNumber);
        return from is null || to is null ? null : await CompareAsync(draft.Node.DocumentTypeAlias, from, to, cancellationToken);
    }

    /// <summary>The live version against the current draft: what publishing would change. Never published: against nothing.</summary>
    public async Task<IReadOnlyList<PropertyDiff>> CompareLiveWithDraftAsync(ContentDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var versions = await content.GetVersionsAsync(draft.Node.Key, cancellationToken);
        var live = versions.FirstOrDefault(v => v.Id == draft.Node.PublishedVersionId);
        return await CompareAsync(draft.Node.DocumentTypeAlias, live, draft.Draft, cancellationToken);
    }

    private async Task<IReadOnlyList<PropertyDiff>> CompareAsync(string documentTypeAlias, ContentVersion? from, ContentVersion to, CancellationToken cancellationToken)
    {
        var schema = await schemas.GetSchemaAsync(cancellationToken);
        return VersionDiff.Compare(schema, documentTypeAlias, Values(from), Values(to));
    }

    private static VersionValues Values(ContentVersion? version) => version is null
        ? new VersionValues(string.Empty, [])
        : new VersionValues(version.Name, JsonNode.Parse(version.ValuesJson) as JsonObject ?? []);
}
