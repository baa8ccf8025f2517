using System.Globalization;
using System.Text.Json;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>
/// Turns snapshot items into Delivery API items and stored property values into Umbraco's output shapes: rich text as
/// markup, pickers as the items they point to (shallow unless expanded), blocks as elements. Reads one snapshot only.
/// </summary>
internal sealed class DeliveryOutput(PublishedSnapshot snapshot)
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();
    private static readonly IReadOnlyDictionary<string, object> InvariantCultures = new Dictionary<string, object>();

    public DeliveryContentItem Content(PublishedContent content, OutputShape shape)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(shape);
        return Item(content, Properties(content.ContentTypeAlias, content.Properties, shape.Expand, shape.Fields), InvariantCultures);
    }

    public static DeliveryMediaItem Media(PublishedMedia media, OutputShape shape)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(shape);
        return MediaItem(media, MediaProperties(media, shape.Fields), withLocation: true);
    }

    public static DeliveryRoute Route(PublishedContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var root = content.Root;
        return new DeliveryRoute(content.Url, new DeliveryStartItem(root.Key, root.UrlSegment));
    }

    private static DeliveryContentItem Item(PublishedContent content, IReadOnlyDictionary<string, object?> properties, IReadOnlyDictionary<string, object>? cultures) =>
        new(content.ContentTypeAlias, content.Name, Utc(content.CreateDate), Utc(content.UpdateDate), Route(content), content.Key, properties, cultures);

    private static DeliveryMediaItem MediaItem(PublishedMedia media, IReadOnlyDictionary<string, object?> properties, bool withLocation) => new(
        withLocation ? media.Path : null,
        withLocation ? Utc(media.CreateDate) : null,
        withLocation ? Utc(media.UpdateDate) : null,
        media.Key,
        media.Name,
        media.MediaTypeAlias,
        media.FileUrl,
        media.Extension,
        media.Width,
        media.Height,
        media.FileUrl is null ? null : media.Bytes,
        properties,
        null,
        []);

    private static IReadOnlyDictionary<string, object?> MediaProperties(PublishedMedia media, PropertySelection? fields) =>
        fields is null || fields.Includes("altText") ? new Dictionary<string, object?> { ["altText"] = media.AltText } : NoProperties;

    /// <summary>Every property of the type, in schema order, with null for those that have no value.</summary>
    private Dictionary<string, object?> Properties(
        string typeAlias, IReadOnlyDictionary<string, JsonElement> values, PropertySelection expand, PropertySelection? fields)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in snapshot.Schema.PropertiesOf(typeAlias))
        {
            if (fields is not null && !fields.Includes(property.Alias))
            {
                continue;
            }

            var dataType = snapshot.Schema.FindDataType(property.DataType);
            var hasValue = values.TryGetValue(property.Alias, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
            result[property.Alias] = dataType is null
                ? (hasValue ? value : null)
                : Convert(dataType, hasValue ? value : null, expand.Includes(property.Alias), expand.Inside(property.Alias), fields?.Inside(property.Alias));
        }

        return result;
    }

    private object? Convert(DataType dataType, JsonElement? stored, bool expanded, PropertySelection? expandInside, PropertySelection? fieldsInside)
    {
        var value = stored.GetValueOrDefault();
        return dataType.EditorAlias switch
        {
            EditorAliases.MediaPicker => stored is null ? Array.Empty<object>() : MediaPicks(value, expanded, fieldsInside),
            EditorAliases.MultiUrlPicker => stored is null ? Array.Empty<object>() : Links(value),
            EditorAliases.Tags => stored is null ? Array.Empty<object>() : Strings(value),
            _ when stored is null => null,
            EditorAliases.TextBox or EditorAliases.TextArea => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
            EditorAliases.RichText => new DeliveryRichText(value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty, []),
            EditorAliases.TrueFalse => value.ValueKind == JsonValueKind.True,
            EditorAliases.DateTime => Date(value),
            EditorAliases.ContentPicker => ContentPick(value, expanded, expandInside, fieldsInside),
            EditorAliases.BlockList => Blocks(value, expandInside ?? PropertySelection.None, fieldsInside),
            _ => value,
        };
    }

    private static string? Date(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;

    private static List<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
        : [];

    private DeliveryContentItem? ContentPick(JsonElement value, bool expanded, PropertySelection? expandInside, PropertySelection? fieldsInside)
    {
        if (KeyOf(value) is not { } key || snapshot.Find(key) is not { } picked)
        {
            return null;
        }

        var properties = expanded
            ? Properties(picked.ContentTypeAlias, picked.Properties, expandInside ?? PropertySelection.None, fieldsInside)
            : NoProperties;
        return Item(picked, properties, cultures: null);
    }

    private List<DeliveryMediaItem> MediaPicks(JsonElement value, bool expanded, PropertySelection? fieldsInside)
    {
        var picks = new List<DeliveryMediaItem>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            return picks;
        }

        foreach (var pick in value.EnumerateArray())
        {
            var key = pick.ValueKind == JsonValueKind.Object && pick.TryGetProperty("mediaKey", out var mediaKey) ? KeyOf(mediaKey) : KeyOf(pick);
            if (key is { } k && snapshot.FindMedia(k) is { } media)
            {
                picks.Add(MediaItem(media, expanded ? MediaProperties(media, fieldsInside) : NoProperties, withLocation: false));
            }
        }

        return picks;
    }

    /// <summary>Links to pages that are no longer published, or to media no longer in the library, are left out.</summary>
    private List<DeliveryLink> Links(JsonElement value)
    {
        var links = new List<DeliveryLink>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            return links;
        }

        foreach (var link in value.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object))
        {
            var title = Text(link, "name");
            var target = Text(link, "target");
            if (link.TryGetProperty("contentKey", out var contentKey))
            {
                if (KeyOf(contentKey) is { } key && snapshot.Find(key) is { } page)
                {
                    links.Add(new DeliveryLink(null, null, title, target, page.Key, page.ContentTypeAlias, Route(page), "Content"));
                }
            }
            else if (link.TryGetProperty("mediaKey", out var mediaKey))
            {
                if (KeyOf(mediaKey) is { } key && snapshot.FindMedia(key) is { } media)
                {
                    links.Add(new DeliveryLink(media.FileUrl, null, title, target, media.Key, media.MediaTypeAlias, null, "Media"));
                }
            }
            else if (Text(link, "url") is { } url)
            {
                links.Add(new DeliveryLink(url, null, title, target, null, null, null, "External"));
            }
        }

        return links;
    }

    /// <summary>Blocks in layout order, each element converted with its own element type's properties.</summary>
    private DeliveryBlockList? Blocks(JsonElement value, PropertySelection expand, PropertySelection? fields)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var contentData = Elements(value, "contentData");
        var settingsData = Elements(value, "settingsData");
        var items = new List<DeliveryBlockItem>();
        var layout = value.TryGetProperty("layout", out var l) && l.ValueKind == JsonValueKind.Object
            && l.TryGetProperty(EditorAliases.BlockList, out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().ToList()
                : [];
        foreach (var entry in layout.Where(e => e.ValueKind == JsonValueKind.Object))
        {
            var contentKey = entry.TryGetProperty("contentKey", out var ck) ? KeyOf(ck) : null;
            if (contentKey is null || !contentData.TryGetValue(contentKey.Value, out var content) || Element(content, expand, fields) is not { } element)
            {
                continue;
            }

            var settingsKey = entry.TryGetProperty("settingsKey", out var sk) ? KeyOf(sk) : null;
            var settings = settingsKey is { } key && settingsData.TryGetValue(key, out var s) ? Element(s, PropertySelection.None, null) : null;
            items.Add(new DeliveryBlockItem(element, settings));
        }

        return new DeliveryBlockList(items);
    }

    private DeliveryElement? Element(JsonElement data, PropertySelection expand, PropertySelection? fields)
    {
        var type = (data.TryGetProperty("contentTypeKey", out var typeKey) && KeyOf(typeKey) is { } k ? snapshot.Schema.FindDocumentType(k) : null)
            ?? (Text(data, "contentTypeAlias") is { } typeAlias ? snapshot.Schema.FindDocumentType(typeAlias) : null);
        if (type is null || !data.TryGetProperty("key", out var key) || KeyOf(key) is not { } id)
        {
            return null;
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        if (data.TryGetProperty("values", out var stored) && stored.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in stored.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                if (Text(entry, "alias") is { } alias && entry.TryGetProperty("value", out var v))
                {
                    values[alias] = v;
                }
            }
        }

        return new DeliveryElement(type.Alias, id, Properties(type.Alias, values, expand, fields));
    }

    private static Dictionary<Guid, JsonElement> Elements(JsonElement value, string name)
    {
        var result = new Dictionary<Guid, JsonElement>();
        if (value.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in list.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("key", out var key) && KeyOf(key) is { } k)
                {
                    result[k] = element;
                }
            }
        }

        return result;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A stored key: a plain GUID or Umbraco's UDI form (umb://document/…).</summary>
    private static Guid? KeyOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString() ?? string.Empty;
        var slash = text.LastIndexOf('/');
        return Guid.TryParse(slash >= 0 ? text[(slash + 1)..] : text, out var key) ? key : null;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
