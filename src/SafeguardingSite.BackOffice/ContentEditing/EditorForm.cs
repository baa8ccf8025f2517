using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.BackOffice.ContentEditing;

/// <summary>
/// A block-editor button pressed instead of Save, e.g. <c>add:blocks:quoteBlock</c>, <c>remove:blocks[2]</c>,
/// <c>up:blocks[0].items[1]</c>. The form is read, the change applied and the page shown again without saving.
/// </summary>
public sealed record BlockOperation(string Verb, string Target, string? TypeAlias)
{
    public const string FieldName = "op";

    public static BlockOperation? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 500)
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var verb = value[..colon];
        var rest = value[(colon + 1)..];
        if (verb == "add")
        {
            var typeColon = rest.LastIndexOf(':');
            return typeColon <= 0 ? null : new BlockOperation(verb, rest[..typeColon], rest[(typeColon + 1)..]);
        }

        return verb is "remove" or "up" or "down" ? new BlockOperation(verb, rest, null) : null;
    }
}

/// <summary>What the editor form posted: the name, the revision it was opened at and every property in the editor's shape.</summary>
public sealed record PostedContent(string Name, int? Revision, JsonObject Values, BlockOperation? Operation, string? FocusPath);

/// <summary>
/// Reads the editor form back into values, driven by the document type so only its properties are read. Field names
/// are <c>v:</c> followed by the path ContentService uses for errors (<c>blocks[0].items[1].heading</c>), so each error
/// lands beside the field it is about. Nothing typed is dropped, even when it is not valid: ContentService judges it.
/// </summary>
public static class EditorForm
{
    public const string ValuePrefix = "v:";
    public const string NameField = "name";
    public const string RevisionField = "revision";
    private const int MaxBlocks = 200;

    public static PostedContent Read(ContentSchema schema, string typeAlias, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(form);
        var operation = BlockOperation.Parse(form[BlockOperation.FieldName]);
        var reader = new Reader(schema, form, operation);
        var values = reader.ReadProperties(typeAlias, string.Empty);
        var revision = int.TryParse(form[RevisionField], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        return new PostedContent(form[NameField].ToString(), revision, values, operation, reader.FocusPath);
    }

    public static string FieldName(string path) => ValuePrefix + path;

    private sealed class Reader(ContentSchema schema, IFormCollection form, BlockOperation? operation)
    {
        /// <summary>After an add, the new block's first field, so keyboard users land in it.</summary>
        public string? FocusPath { get; private set; }

        public JsonObject ReadProperties(string typeAlias, string prefix)
        {
            var values = new JsonObject();
            foreach (var property in schema.PropertiesOf(typeAlias))
            {
                var path = prefix + property.Alias;
                var editor = schema.FindDataType(property.DataType);
                values[property.Alias] = editor is null ? null : ReadValue(editor, path);
            }

            return values;
        }

        private JsonNode? ReadValue(DataType dataType, string path)
        {
            var raw = form[FieldName(path)].ToString();
            switch (dataType.EditorAlias)
            {
                case EditorAliases.TrueFalse:
                    return JsonValue.Create(raw == "true");
                case EditorAliases.MediaPicker:
                    return raw.Length == 0 ? new JsonArray() : new JsonArray(new JsonObject
                    {
                        ["key"] = form[FieldName(path + ".$key")].ToString() is { Length: > 0 } pick ? pick : Guid.NewGuid().ToString(),
                        ["mediaKey"] = raw,
                    });
                case EditorAliases.MultiUrlPicker:
                    return ReadLinks(path);
                case EditorAliases.BlockList:
                    return ReadBlocks(dataType, path);
                default:
                    return raw.Length == 0 ? null : JsonValue.Create(raw);
            }
        }

        private JsonArray ReadLinks(string path)
        {
            var links = new JsonArray();
            foreach (var index in Indexes(path, ".url").Union(Indexes(path, ".name")).Union(Indexes(path, ".content")).Order())
            {
                string Field(string part) => form[FieldName($"{path}[{index}].{part}")].ToString().Trim();
                var (name, url, content) = (Field("name"), Field("url"), Field("content"));
                if (Field("remove") == "true" || (name.Length == 0 && url.Length == 0 && content.Length == 0))
                {
                    continue;
                }

                var link = new JsonObject { ["name"] = name };
                if (url.Length > 0)
                {
                    link["url"] = url;
                }

                if (content.Length > 0)
                {
                    link["contentKey"] = content;
                }

                if (Field("target") == "_blank")
                {
                    link["target"] = "_blank";
                }

                links.Add(link);
            }

            return links;
        }

        private JsonArray ReadBlocks(DataType dataType, string path)
        {
            var blocks = new List<JsonObject>();
            var moved = (Index: -1, By: 0);
            foreach (var index in Indexes(path, ".$type").Order().Take(MaxBlocks))
            {
                var blockPath = $"{path}[{index}]";
                if (operation is { Verb: "remove" } && operation.Target == blockPath)
                {
                    continue;
                }

                if (operation is { Verb: "up" or "down" } && operation.Target == blockPath)
                {
                    moved = (blocks.Count, operation.Verb == "up" ? -1 : 1);
                }

                var type = form[FieldName(blockPath + ".$type")].ToString();
                var key = form[FieldName(blockPath + ".$key")].ToString();
                blocks.Add(new JsonObject
                {
                    [EditorValues.BlockKey] = Guid.TryParse(key, out var k) ? k.ToString() : Guid.NewGuid().ToString(),
                    [EditorValues.BlockType] = type,
                    [EditorValues.BlockValues] = schema.FindDocumentType(type) is { IsElement: true } element
                        ? ReadProperties(element.Alias, blockPath + ".")
                        : new JsonObject(),
                });
            }

            if (moved.Index >= 0 && moved.Index + moved.By is var to && to >= 0 && to < blocks.Count)
            {
                (blocks[moved.Index], blocks[to]) = (blocks[to], blocks[moved.Index]);
            }

            if (operation is { Verb: "add", TypeAlias: { } added } && operation.Target == path && blocks.Count < MaxBlocks
                && AllowedBlockTypes(schema, dataType).Any(t => t.Alias == added))
            {
                var element = schema.FindDocumentType(added)!;
                blocks.Add(new JsonObject
                {
                    [EditorValues.BlockKey] = Guid.NewGuid().ToString(),
                    [EditorValues.BlockType] = element.Alias,
                    [EditorValues.BlockValues] = new JsonObject(),
                });
                FocusPath = schema.PropertiesOf(element.Alias) is [var first, ..] ? $"{path}[{blocks.Count - 1}].{first.Alias}" : null;
            }

            return new JsonArray([.. blocks]);
        }

        /// <summary>The row numbers posted for a repeated field below a path, e.g. 0, 1, 3 for blocks[0].$type … blocks[3].$type.</summary>
        private IEnumerable<int> Indexes(string path, string suffix)
        {
            var start = FieldName(path) + "[";
            foreach (var key in form.Keys)
            {
                if (key.StartsWith(start, StringComparison.Ordinal) && key.EndsWith("]" + suffix, StringComparison.Ordinal)
                    && int.TryParse(key.AsSpan(start.Length, key.Length - start.Length - suffix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    yield return index;
                }
            }
        }
    }

    /// <summary>The element types a block list accepts, as configured on its data type (any element type when none are listed).</summary>
    public static IReadOnlyList<DocumentType> AllowedBlockTypes(ContentSchema schema, DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var allowed = BlockListConfiguration.AllowedTypes(dataType);
        return allowed.Count == 0
            ? [.. schema.DocumentTypes.Where(t => t.IsElement).OrderBy(t => t.Name, StringComparer.Ordinal)]
            : [.. allowed.Select(schema.FindDocumentType).OfType<DocumentType>().Where(t => t.IsElement)];
    }
}
