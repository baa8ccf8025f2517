using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SafeguardingSite.Content.Model;

namespace SafeguardingSite.Content.PropertyEditors;

/// <summary>
/// Turns what an editor or API client sent into the stored form of each property, checking type, mandatory and regex
/// rules and sanitising rich text. Every error is collected against the property alias, so a form can show all of
/// them beside their fields at once.
/// </summary>
public sealed class PropertyValueNormalizer(RichTextSanitizer sanitizer)
{
    public const int MaxTextLength = 4000;
    public const int MaxRichTextLength = 500_000;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    public JsonObject Normalize(
        ContentSchema schema,
        string documentTypeAlias,
        JsonObject values,
        IDictionary<string, List<string>> errors,
        string errorPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);

        var properties = schema.PropertiesOf(documentTypeAlias);
        var result = new JsonObject();
        foreach (var (alias, _) in values)
        {
            if (!properties.Any(p => string.Equals(p.Alias, alias, StringComparison.OrdinalIgnoreCase)))
            {
                AddError(errors, errorPrefix + alias, $"'{documentTypeAlias}' has no property called '{alias}'.");
            }
        }

        foreach (var property in properties)
        {
            var key = errorPrefix + property.Alias;
            var raw = values.FirstOrDefault(v => string.Equals(v.Key, property.Alias, StringComparison.OrdinalIgnoreCase)).Value;
            var dataType = schema.FindDataType(property.DataType);
            if (dataType is null)
            {
                AddError(errors, key, $"Data type '{property.DataType}' is not defined.");
                continue;
            }

            var normalized = NormalizeValue(schema, dataType, raw, key, errors);
            if (IsEmpty(normalized))
            {
                if (property.Mandatory)
                {
                    AddError(errors, key, property.MandatoryMessage ?? $"{property.Name} is required.");
                }

                continue;
            }

            if (!string.IsNullOrEmpty(property.ValidationRegex) && normalized is JsonValue v && v.TryGetValue<string>(out var text)
                && !MatchesRegex(property.ValidationRegex, text))
            {
                AddError(errors, key, property.ValidationRegexMessage ?? $"{property.Name} is not in the expected format.");
            }

            result[property.Alias] = normalized;
        }

        return result;
    }

    private static bool MatchesRegex(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s),
        JsonArray a => a.Count == 0,
        JsonObject o when o["contentData"] is JsonArray blocks => blocks.Count == 0,
        _ => false,
    };

    private JsonNode? NormalizeValue(ContentSchema schema, DataType dataType, JsonNode? raw, string key, IDictionary<string, List<string>> errors)
    {
        if (raw is null)
        {
            return null;
        }

        switch (dataType.EditorAlias)
        {
            case EditorAliases.TextBox:
            case EditorAliases.TextArea:
                return AsText(raw, key, errors, MaxTextLength) is { } text ? JsonValue.Create(text) : null;
            case EditorAliases.RichText:
                return AsText(raw, key, errors, MaxRichTextLength) is { } html ? JsonValue.Create(sanitizer.Sanitize(html)) : null;
            case EditorAliases.Integer:
                return AsNumber(raw, key, errors, integer: true);
            case EditorAliases.Decimal:
                return AsNumber(raw, key, errors, integer: false);
            case EditorAliases.TrueFalse:
                return AsBoolean(raw, key, errors);
            case EditorAliases.DateTime:
                return AsDate(raw, key, errors);
            case EditorAliases.ContentPicker:
                return AsKey(raw, key, errors) is { } picked ? JsonValue.Create(picked.ToString()) : null;
            case EditorAliases.MediaPicker:
                return AsMediaPicks(raw, key, errors);
            case EditorAliases.MultiUrlPicker:
                return AsLinks(raw, key, errors);
            case EditorAliases.Tags:
                return AsTags(raw, key, errors);
            case EditorAliases.BlockList:
                return AsBlockList(schema, dataType, raw, key, errors);
            default:
                AddError(errors, key, $"Property editor '{dataType.EditorAlias}' is not supported.");
                return null;
        }
    }

    private static string? AsText(JsonNode raw, string key, IDictionary<string, List<string>> errors, int maxLength)
    {
        if (raw is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            if (raw is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            {
                return number.ToJsonString();
            }

            AddError(errors, key, "Must be text.");
            return null;
        }

        var text = value.GetValue<string>();
        if (text.Length > maxLength)
        {
            AddError(errors, key, $"Must be at most {maxLength:N0} characters (it is {text.Length:N0}).");
            return null;
        }

        return text;
    }

    private static JsonNode? AsNumber(JsonNode raw, string key, IDictionary<string, List<string>> errors, bool integer)
    {
        if (raw is JsonValue value)
        {
            var kind = value.GetValueKind();
            if (kind is JsonValueKind.Number or JsonValueKind.String)
            {
                // A value built in code (an int, a double) and one parsed from JSON both read back as the same text.
                var text = kind == JsonValueKind.String ? value.GetValue<string>().Trim() : value.ToJsonString();
                if (text.Length == 0)
                {
                    return null;
                }

                if (integer && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                {
                    return JsonValue.Create(whole);
                }

                if (!integer && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
                {
                    return JsonValue.Create(fraction);
                }
            }
        }

        AddError(errors, key, integer ? "Must be a whole number." : "Must be a number.");
        return null;
    }

    private static JsonNode? AsBoolean(JsonNode raw, string key, IDictionary<string, List<string>> errors)
    {
        if (raw is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True: return JsonValue.Create(true);
                case JsonValueKind.False: return JsonValue.Create(false);
                case JsonValueKind.Number when value.TryGetValue<int>(out var n) && n is 0 or 1: return JsonValue.Create(n == 1);
                case JsonValueKind.String:
                    var text = value.GetValue<string>().Trim().ToLowerInvariant();
                    if (text is "true" or "1" or "on" or "yes") return JsonValue.Create(true);
                    if (text is "false" or "0" or "off" or "no" or "") return JsonValue.Create(false);
                    break;
            }
        }

        AddError(errors, key, "Must be true or false.");
        return null;
    }

    private static JsonNode? AsDate(JsonNode raw, string key, IDictionary<string, List<string>> errors)
    {
        if (raw is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>().Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                && parsed.Year is > 1900 and < 2200)
            {
                var format = parsed.TimeOfDay == TimeSpan.Zero && text.Length <= 10 ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ssZ";
                return JsonValue.Create(parsed.ToString(format, CultureInfo.InvariantCulture));
            }
        }

        AddError(errors, key, "Must be a date, for example 2026-04-01.");
        return null;
    }

    private static Guid? AsKey(JsonNode raw, string key, IDictionary<string, List<string>> errors)
    {
        var text = raw is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (text is not null)
        {
            text = text.Trim();
            if (text.Length == 0)
            {
                return null;
            }

            // Accept Umbraco's UDI form (umb://document/<guid without dashes>) as well as a plain key.
            var slash = text.LastIndexOf('/');
            if (Guid.TryParse(slash >= 0 ? text[(slash + 1)..] : text, out var parsed))
            {
                return parsed;
            }
        }

        AddError(errors, key, "Must be the id (a GUID) of an item.");
        return null;
    }

    private static JsonNode? AsMediaPicks(JsonNode raw, string key, IDictionary<string, List<string>> errors)
    {
        var items = raw is JsonArray array ? array.ToList() : [raw];
        var picks = new JsonArray();
        foreach (var item in items)
        {
            var mediaKey = item is JsonObject o ? AsKey(o["mediaKey"] ?? JsonValue.Create(string.Empty), key, errors) : item is null ? null : AsKey(item, key, errors);
            if (mediaKey is null)
            {
                continue;
            }

            var pickKey = item is JsonObject withKey && withKey["key"] is JsonValue k && Guid.TryParse(k.ToString(), out var existing) ? existing : Guid.NewGuid();
            picks.Add(new JsonObject { ["key"] = pickKey.ToString(), ["mediaKey"] = mediaKey.Value.ToString() });
        }

        return picks;
    }

    private static JsonNode? AsLinks(JsonNode raw, string key, IDictionary<string, List<string>> errors)
    {
        if (raw is not JsonArray array)
        {
            AddError(errors, key, "Must be a list of links.");
            return null;
        }

        var links = new JsonArray();
        foreach (var item in array)
        {
            if (item is not JsonObject link)
            {
                AddError(errors, key, "Each link must have a name and a URL or a picked page.");
                continue;
            }

            var name = link["name"]?.GetValueKind() == JsonValueKind.String ? link["name"]!.GetValue<string>().Trim() : string.Empty;
            var url = link["url"]?.GetValueKind() == JsonValueKind.String ? link["url"]!.GetValue<string>().Trim() : null;
            var contentKey = link["contentKey"] is { } ck ? AsKey(ck, key, errors) : null;
            var mediaKey = link["mediaKey"] is { } mk ? AsKey(mk, key, errors) : null;
            if (contentKey is null && mediaKey is null && string.IsNullOrEmpty(url))
            {
                AddError(errors, key, "Each link needs a URL or a picked page.");
                continue;
            }

            if (url is not null && !IsSafeUrl(url))
            {
                AddError(errors, key, $"'{Truncate(url)}' is not a web, email or phone link.");
                continue;
            }

            var stored = new JsonObject { ["name"] = name };
            if (url is not null) stored["url"] = url;
            if (contentKey is not null) stored["contentKey"] = contentKey.Value.ToString();
            if (mediaKey is not null) stored["mediaKey"] = mediaKey.Value.ToString();
            if (link["target"]?.GetValueKind() == JsonValueKind.String && link["target"]!.GetValue<string>() == "_blank") stored["target"] = "_blank";
            links.Add(stored);
        }

        return links;
    }

    /// <summary>Only links a reader can follow safely: no javascript:, data: or other script-bearing schemes.</summary>
    public static bool IsSafeUrl(string url)
    {
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" or "tel";
    }

    private static JsonNode? AsTags(JsonNode raw, string key, IDictionary<string, List<string>> errors)
    {
        IEnumerable<string> tags;
        if (raw is JsonArray array && array.All(t => t?.GetValueKind() == JsonValueKind.String))
        {
            tags = array.Select(t => t!.GetValue<string>());
        }
        else if (raw is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            tags = v.GetValue<string>().Split(',');
        }
        else
        {
            AddError(errors, key, "Must be a list of tags.");
            return null;
        }

        var cleaned = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cleaned.Any(t => t.Length > 100))
        {
            AddError(errors, key, "Each tag must be at most 100 characters.");
            return null;
        }

        return new JsonArray(cleaned.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
    }

    /// <summary>
    /// Stores blocks in Umbraco's v15+ shape (layout + contentData). Clients may also send a plain list of
    /// <c>{"contentType":"alias","values":{…}}</c>, which is converted.
    /// </summary>
    private JsonNode? AsBlockList(ContentSchema schema, DataType dataType, JsonNode raw, string key, IDictionary<string, List<string>> errors)
    {
        var allowed = BlockListConfiguration.AllowedTypes(dataType);
        IEnumerable<(Guid Key, string? TypeAlias, Guid? TypeKey, JsonObject Values)> blocks;
        if (raw is JsonArray simple)
        {
            blocks = simple.OfType<JsonObject>().Select(b => (
                b["key"] is JsonValue k && Guid.TryParse(k.ToString(), out var g) ? g : Guid.NewGuid(),
                b["contentType"]?.ToString(),
                (Guid?)null,
                b["values"] as JsonObject ?? new JsonObject()));
        }
        else if (raw is JsonObject umbraco && umbraco["contentData"] is JsonArray contentData)
        {
            blocks = contentData.OfType<JsonObject>().Select(b => (
                b["key"] is JsonValue k && Guid.TryParse(k.ToString(), out var g) ? g : Guid.NewGuid(),
                b["contentTypeAlias"]?.ToString(),
                b["contentTypeKey"] is JsonValue t && Guid.TryParse(t.ToString(), out var tk) ? tk : (Guid?)null,
                ValuesFromUmbracoList(b["values"])));
        }
        else
        {
            AddError(errors, key, "Must be a block list.");
            return null;
        }

        var layout = new JsonArray();
        var stored = new JsonArray();
        var index = 0;
        foreach (var block in blocks)
        {
            var type = block.TypeKey is { } typeKey ? schema.FindDocumentType(typeKey) : block.TypeAlias is { } alias ? schema.FindDocumentType(alias) : null;
            if (type is null || !type.IsElement)
            {
                AddError(errors, $"{key}[{index}]", $"Block {index + 1} is not of a known element type.");
            }
            else if (allowed.Count > 0 && !allowed.Contains(type.Alias, StringComparer.OrdinalIgnoreCase))
            {
                AddError(errors, $"{key}[{index}]", $"A '{type.Name}' block is not allowed here.");
            }
            else
            {
                var values = Normalize(schema, type.Alias, block.Values, errors, $"{key}[{index}].");
                layout.Add(new JsonObject { ["contentKey"] = block.Key.ToString() });
                stored.Add(new JsonObject
                {
                    ["key"] = block.Key.ToString(),
                    ["contentTypeKey"] = type.Key.ToString(),
                    ["contentTypeAlias"] = type.Alias,
                    ["values"] = new JsonArray(values.Select(v => (JsonNode?)new JsonObject
                    {
                        ["alias"] = v.Key,
                        ["value"] = v.Value?.DeepClone(),
                    }).ToArray()),
                });
            }

            index++;
        }

        return new JsonObject
        {
            ["layout"] = new JsonObject { [EditorAliases.BlockList] = layout },
            ["contentData"] = stored,
            ["settingsData"] = new JsonArray(),
        };
    }

    private static JsonObject ValuesFromUmbracoList(JsonNode? values)
    {
        var result = new JsonObject();
        if (values is JsonArray list)
        {
            foreach (var entry in list.OfType<JsonObject>())
            {
                if (entry["alias"]?.ToString() is { Length: > 0 } alias)
                {
                    result[alias] = entry["value"]?.DeepClone();
                }
            }
        }
        else if (values is JsonObject map)
        {
            return (JsonObject)map.DeepClone();
        }

        return result;
    }

    private static string Truncate(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static void AddError(IDictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}

public static class BlockListConfiguration
{
    /// <summary>Element type aliases a block list data type allows; empty means any element type.</summary>
    public static IReadOnlyList<string> AllowedTypes(DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        try
        {
            return JsonNode.Parse(dataType.ConfigurationJson)?["allowedTypes"] is JsonArray types
                ? types.Select(t => t?.ToString() ?? string.Empty).Where(t => t.Length > 0).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
