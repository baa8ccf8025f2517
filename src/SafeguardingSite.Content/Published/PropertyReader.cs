using System.Globalization;
using System.Text.Json;

namespace SafeguardingSite.Content.Published;

/// <summary>
/// Reads stored property values (see PropertyValueNormalizer for their shapes) the same way for pages and for blocks,
/// tolerating a value of the wrong shape by treating it as empty, because a type change must never break a page.
/// </summary>
public static class PropertyReader
{
    public static bool HasValue(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        properties.TryGetValue(alias, out var value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
        && !(value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()))
        && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);

    public static string? Text(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        properties.TryGetValue(alias, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    public static bool Flag(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        properties.TryGetValue(alias, out var value) && value.ValueKind == JsonValueKind.True;

    public static IReadOnlyList<string> Tags(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        properties.TryGetValue(alias, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : [];

    public static DateTime? Date(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        Text(properties, alias) is { } text
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    /// <summary>The picked item's key from a content picker (a plain key or Umbraco's UDI form).</summary>
    public static Guid? Key(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        Text(properties, alias) is { } text && Guid.TryParse(text[(text.LastIndexOf('/') + 1)..], out var key) ? key : null;

    /// <summary>The media keys of a media picker, in the editor's order.</summary>
    public static IReadOnlyList<Guid> MediaKeys(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        properties.TryGetValue(alias, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
                .Select(pick => pick.ValueKind == JsonValueKind.Object && pick.TryGetProperty("mediaKey", out var key) && Guid.TryParse(key.GetString(), out var parsed) ? parsed : Guid.Empty)
                .Where(key => key != Guid.Empty)
                .ToList()
            : [];

    /// <summary>The links of a multi URL picker, unresolved: a picked page or media item is named by its key.</summary>
    public static IReadOnlyList<StoredLink> Links(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        properties.TryGetValue(alias, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object).Select(l => new StoredLink(
                String(l, "name") ?? string.Empty,
                String(l, "url"),
                Guid.TryParse(String(l, "contentKey"), out var content) ? content : null,
                Guid.TryParse(String(l, "mediaKey"), out var media) ? media : null,
                String(l, "target") == "_blank")).ToList()
            : [];

    /// <summary>The blocks of a block list, in layout order.</summary>
    public static IReadOnlyList<PublishedElement> Blocks(IReadOnlyDictionary<string, JsonElement> properties, string alias)
    {
        if (!properties.TryGetValue(alias, out var value) || value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("contentData", out var contentData) || contentData.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var elements = new Dictionary<Guid, PublishedElement>();
        foreach (var data in contentData.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object))
        {
            if (Guid.TryParse(String(data, "key"), out var key) && String(data, "contentTypeAlias") is { } type)
            {
                var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
                if (data.TryGetProperty("values", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var entry in list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                    {
                        if (String(entry, "alias") is { } propertyAlias && entry.TryGetProperty("value", out var propertyValue))
                        {
                            values[propertyAlias] = propertyValue;
                        }
                    }
                }

                elements[key] = new PublishedElement(key, type, values);
            }
        }

        var order = value.TryGetProperty("layout", out var layout) && layout.ValueKind == JsonValueKind.Object
            ? layout.EnumerateObject().SelectMany(l => l.Value.ValueKind == JsonValueKind.Array ? l.Value.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Select(l => Guid.TryParse(String(l, "contentKey"), out var k) ? k : Guid.Empty)
                .ToList()
            : [];
        return order.Count > 0
            ? order.Where(elements.ContainsKey).Select(k => elements[k]).ToList()
            : elements.Values.ToList();
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>A link as stored by the multi URL picker.</summary>
public sealed record StoredLink(string Name, string? Url, Guid? ContentKey, Guid? MediaKey, bool NewWindow);

/// <summary>One block of a block list: an element type's values, read with the same helpers as a page's.</summary>
public sealed class PublishedElement(Guid key, string contentTypeAlias, IReadOnlyDictionary<string, JsonElement> properties)
{
    public Guid Key { get; } = key;
    public string ContentTypeAlias { get; } = contentTypeAlias;
    public IReadOnlyDictionary<string, JsonElement> Properties { get; } = properties;
}
