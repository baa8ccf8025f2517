using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Checks;

/// <summary>Gathers what <see cref="PublishChecks"/> needs about a draft (its media, its section) and runs them.</summary>
public sealed class PageChecks(ContentService content, SchemaService schemas, MediaService media, IOptions<PublishCheckOptions> options)
{
    /// <summary>Deeper than any real tree; stops a corrupt parent loop from spinning forever.</summary>
    private const int MaxDepth = 64;

    public async Task<IReadOnlyList<PublishWarning>> RunAsync(ContentDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var schema = await schemas.GetSchemaAsync(cancellationToken);
        var values = draft.Values;
        var facts = new Dictionary<Guid, MediaFacts>();
        foreach (var key in MediaKeys(values))
        {
            if (!facts.ContainsKey(key) && await media.GetAsync(key, cancellationToken) is { Trashed: false } item)
            {
                facts[key] = new MediaFacts(item.Name, item.MediaTypeAlias == MediaTypes.Image, item.AltText);
            }
        }

        var page = new CheckedPage(schema, draft.Node.DocumentTypeAlias, values, facts, await InYoungPeopleSectionAsync(draft, cancellationToken));
        return PublishChecks.Run(page, options.Value);
    }

    /// <summary>The page, or a page above it, is a section whose audience is young people.</summary>
    private async Task<bool> InYoungPeopleSectionAsync(ContentDraft draft, CancellationToken cancellationToken)
    {
        var audience = options.Value.YoungPeopleAudience;
        var current = draft;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++)
        {
            if (current.Values["audience"] is JsonValue value && string.Equals(value.ToString(), audience, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            current = current.Node.ParentKey is { } parent ? await content.GetAsync(parent, cancellationToken) : null;
        }

        return false;
    }

    /// <summary>Every media key picked anywhere in the values, blocks included: media pickers store objects with a mediaKey.</summary>
    private static IEnumerable<Guid> MediaKeys(JsonNode? node) => node switch
    {
        JsonObject o => (o["mediaKey"] is JsonValue v && Guid.TryParse(v.ToString(), out var key) ? [key] : Enumerable.Empty<Guid>())
            .Concat(o.SelectMany(p => MediaKeys(p.Value))),
        JsonArray a => a.SelectMany(MediaKeys),
        _ => [],
    };
}
