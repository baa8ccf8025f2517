using System.Text.Json.Nodes;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.BackOffice.ContentEditing;

/// <summary>
/// The editor works on values in the shape a client sends to ContentService: block lists as a plain list of
/// <c>{"key","contentType","values"}</c>. Stored drafts use Umbraco's layout/contentData shape, so they are turned into
/// the plain shape once when a page is opened; ContentService converts them back (and checks them) on save.
/// </summary>
public static class EditorValues
{
    public const string BlockKey = "key";
    public const string BlockType = "contentType";
    public const string BlockValues = "values";

    /// <summary>A stored draft's values in the editor's shape. With <paramref name="keepBlockKeys"/> false, blocks get new keys (copies).</summary>
    public static JsonObject FromStored(ContentSchema schema, string typeAlias, JsonObject stored, bool keepBlockKeys = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(stored);
        var result = new JsonObject();
        foreach (var property in schema.PropertiesOf(typeAlias))
        {
            var value = stored.FirstOrDefault(v => string.Equals(v.Key, property.Alias, StringComparison.OrdinalIgnoreCase)).Value;
            if (value is null)
            {
                continue;
            }

            result[property.Alias] = IsBlockList(schema, property)
                ? BlocksFromStored(schema, value, keepBlockKeys)
                : value.DeepClone();
        }

        return result;
    }

    public static bool IsBlockList(ContentSchema schema, PropertyType property) =>
        schema.FindDataType(property.DataType)?.EditorAlias == EditorAliases.BlockList;

    /// <summary>The blocks of a block-list value in the editor's shape, whichever shape it arrived in.</summary>
    public static IReadOnlyList<JsonObject> Blocks(JsonNode? value) => value switch
    {
        JsonArray list => list.OfType<JsonObject>().ToList(),
        _ => [],
    };

    public static string? Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();

    private static JsonArray BlocksFromStored(ContentSchema schema, JsonNode value, bool keepKeys)
    {
        if (value is JsonArray alreadyPlain)
        {
            return (JsonArray)alreadyPlain.DeepClone();
        }

        var blocks = new JsonArray();
        if (value is not JsonObject { } stored || stored["contentData"] is not JsonArray contentData)
        {
            return blocks;
        }

        foreach (var data in contentData.OfType<JsonObject>())
        {
            var type = data["contentTypeAlias"]?.ToString()
                ?? (Guid.TryParse(data["contentTypeKey"]?.ToString(), out var typeKey) ? schema.FindDocumentType(typeKey)?.Alias : null);
            if (type is null)
            {
                continue;
            }

            var values = new JsonObject();
            foreach (var entry in (data["values"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (entry["alias"]?.ToString() is { Length: > 0 } alias)
                {
                    values[alias] = entry["value"]?.DeepClone();
                }
            }

            var block = new JsonObject { [BlockType] = type, [BlockValues] = FromStored(schema, type, values, keepKeys) };
            if (keepKeys && data["key"]?.ToString() is { } key)
            {
                block[BlockKey] = key;
            }

            blocks.Add(block);
        }

        return blocks;
    }
}
