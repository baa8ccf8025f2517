using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.USync;

/// <summary>A content node as a uSync file describes it: where it sits, its draft values and whether it is published.</summary>
public sealed record USyncContentItem(
    Guid Key,
    Guid? ParentKey,
    string Name,
    string? UrlSegment,
    string ContentType,
    int Level,
    int SortOrder,
    bool Published,
    IReadOnlyDictionary<string, string> RawValues);

/// <summary>A file that cannot be read: the message says what is wrong, in words an editor of the file can act on.</summary>
/// <summary>A media item as uSync files carry it: its details, with the file itself stored beside the .config.</summary>
public sealed record USyncMediaItem(Guid Key, string Name, string FileName, string? AltText);

public sealed class USyncFormatException : Exception
{
    public USyncFormatException()
        : base("The file is not a uSync file.")
    {
    }

    public USyncFormatException(string message)
        : base(message)
    {
    }

    public USyncFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public USyncFormatException(string message, int? line)
        : base(message)
    {
        Line = line;
    }

    public int? Line { get; }
}

/// <summary>
/// Reads and writes uSync's XML shapes (v9 to v17) for data types, content types and content. Writing is
/// deterministic (fixed element order, properties sorted by alias, two-space indent, LF line ends, UTF-8 without BOM)
/// so an export of unchanged data reproduces the same bytes and schema changes read cleanly in a diff.
/// </summary>
public static class USyncFormat
{
    public const string VersionFolder = "v17";
    public const string DataTypesFolder = "DataTypes";
    public const string ContentTypesFolder = "ContentTypes";
    public const string ContentFolder = "Content";

    /// <summary>Media items: one .config per item with its file beside it under the same name stem.</summary>
    public const string MediaFolder = "Media";
    public const string FileExtension = ".config";

    private static readonly JsonSerializerOptions ValueJson = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // the value sits in CDATA, so markup stays readable in diffs
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    /// <summary>No DTDs: uSync files never need one, and entity expansion is a way to make a small file enormous.</summary>
    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>Editors whose stored value is JSON structure rather than a single text, number or flag.</summary>
    private static readonly HashSet<string> StructuredEditors =
        [EditorAliases.Tags, EditorAliases.MediaPicker, EditorAliases.MultiUrlPicker, EditorAliases.BlockList];

    public static string WriteDataType(DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        return Serialize(new XElement("DataType", Identity(dataType.Key, dataType.Alias, 1),
            new XElement("Info",
                new XElement("Name", dataType.Name),
                new XElement("EditorAlias", dataType.EditorAlias)),
            new XElement("Config", new XCData(FormatJson(JsonNode.Parse(EmptyAsObject(dataType.ConfigurationJson)))))));
    }

    public static DataType ReadDataType(string xml)
    {
        var root = Root(xml, "DataType");
        var info = Child(root, "Info");
        var config = OptionalText(root, "Config");
        try
        {
            config = JsonNode.Parse(EmptyAsObject(config))?.ToJsonString() ?? "{}";
        }
        catch (JsonException ex)
        {
            throw new USyncFormatException($"<Config> is not valid JSON: {ex.Message}", LineOf(root.Element("Config")));
        }

        return new DataType
        {
            Key = KeyOf(root),
            Alias = AliasOf(root),
            Name = Text(info, "Name"),
            EditorAlias = Text(info, "EditorAlias"),
            ConfigurationJson = config,
        };
    }

    public static string WriteMedia(USyncMediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Serialize(new XElement("Media", Identity(item.Key, item.Name, 1),
            new XElement("Info",
                new XElement("FileName", item.FileName),
                new XElement("AltText", new XCData(item.AltText ?? string.Empty)))));
    }

    public static USyncMediaItem ReadMedia(string xml)
    {
        var root = Root(xml, "Media");
        var info = Child(root, "Info");
        var fileName = Text(info, "FileName");
        if (fileName != Path.GetFileName(fileName) || fileName.StartsWith('.'))
        {
            throw new USyncFormatException($"<FileName> must be a plain file name beside the .config file, not '{fileName}'.", LineOf(info.Element("FileName")));
        }

        return new USyncMediaItem(KeyOf(root), AliasOf(root), fileName, NullIfEmpty(OptionalText(info, "AltText")));
    }

    /// <summary>Writes a document, element or composition type; <paramref name="schema"/> supplies the keys of the types and data types it names.</summary>
    public static string WriteDocumentType(DocumentType type, ContentSchema schema)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(schema);
        var properties = type.Properties.OrderBy(p => p.SortOrder).ThenBy(p => p.Alias, StringComparer.Ordinal).ToList();
        var groups = properties.Select(p => p.Group).Distinct(StringComparer.Ordinal).ToList();
        return Serialize(new XElement("ContentType", Identity(type.Key, type.Alias, 1),
            new XElement("Info",
                new XElement("Name", type.Name),
                new XElement("Icon", type.Icon),
                new XElement("Description", type.Description ?? string.Empty),
                new XElement("AllowAtRoot", type.AllowAtRoot ? "True" : "False"),
                new XElement("Variations", "Nothing"),
                new XElement("IsElement", type.IsElement ? "true" : "false"),
                new XElement("Compositions", type.Compositions.Select(alias =>
                    new XElement("Composition", new XAttribute("Key", KeyText(schema.FindDocumentType(alias)?.Key)), alias))),
                new XElement("DefaultTemplate", type.Template ?? string.Empty)),
            new XElement("Structure", type.AllowedChildTypes.Select((alias, index) =>
                new XElement("ContentType", new XAttribute("Key", KeyText(schema.FindDocumentType(alias)?.Key)), new XAttribute("SortOrder", index), alias))),
            new XElement("GenericProperties", properties.Select(p =>
            {
                var dataType = schema.FindDataType(p.DataType);
                return new XElement("GenericProperty",
                    new XElement("Key", KeyText(p.Key)),
                    new XElement("Name", p.Name),
                    new XElement("Alias", p.Alias),
                    new XElement("Definition", KeyText(dataType?.Key)),
                    new XElement("Type", dataType?.EditorAlias ?? string.Empty),
                    new XElement("Mandatory", p.Mandatory ? "true" : "false"),
                    new XElement("Validation", p.ValidationRegex ?? string.Empty),
                    new XElement("Description", new XCData(p.Description ?? string.Empty)),
                    new XElement("SortOrder", p.SortOrder),
                    new XElement("Tab", new XAttribute("Alias", TabAlias(p.Group)), p.Group),
                    new XElement("Variations", "Nothing"),
                    new XElement("MandatoryMessage", p.MandatoryMessage ?? string.Empty),
                    new XElement("ValidationRegExpMessage", p.ValidationRegexMessage ?? string.Empty));
            })),
            new XElement("Tabs", groups.Select((group, index) => new XElement("Tab",
                new XElement("Key", KeyText(DerivedKey(type.Key, "tab:" + TabAlias(group)))),
                new XElement("Caption", group),
                new XElement("Alias", TabAlias(group)),
                new XElement("Type", "Group"),
                new XElement("SortOrder", index))))));
    }

    /// <summary>Reads a content type. Data types are named by key in the file (<c>Definition</c>), so <paramref name="dataTypeAliasByKey"/> resolves them.</summary>
    public static DocumentType ReadDocumentType(string xml, IReadOnlyDictionary<Guid, string> dataTypeAliasByKey)
    {
        ArgumentNullException.ThrowIfNull(dataTypeAliasByKey);
        var root = Root(xml, "ContentType");
        var info = Child(root, "Info");
        var properties = new List<PropertyType>();
        foreach (var element in Child(root, "GenericProperties").Elements("GenericProperty"))
        {
            var alias = Text(element, "Alias");
            var definition = ParseKey(Text(element, "Definition"), $"<Definition> of property '{alias}'", element);
            if (!dataTypeAliasByKey.TryGetValue(definition, out var dataType))
            {
                throw new USyncFormatException($"Property '{alias}' uses data type {definition}, which is neither in the DataTypes folder nor in the database.", LineOf(element));
            }

            properties.Add(new PropertyType
            {
                Key = ParseKey(Text(element, "Key"), $"<Key> of property '{alias}'", element),
                Alias = alias,
                Name = Text(element, "Name"),
                Description = NullIfEmpty(OptionalText(element, "Description")),
                DataType = dataType,
                Mandatory = Flag(element, "Mandatory"),
                MandatoryMessage = NullIfEmpty(OptionalText(element, "MandatoryMessage")),
                ValidationRegex = NullIfEmpty(OptionalText(element, "Validation")),
                ValidationRegexMessage = NullIfEmpty(OptionalText(element, "ValidationRegExpMessage")),
                Group = NullIfEmpty(OptionalText(element, "Tab")) ?? "Content",
                SortOrder = Number(element, "SortOrder"),
            });
        }

        return new DocumentType
        {
            Key = KeyOf(root),
            Alias = AliasOf(root),
            Name = Text(info, "Name"),
            Icon = NullIfEmpty(OptionalText(info, "Icon")) ?? "icon-document",
            Description = NullIfEmpty(OptionalText(info, "Description")),
            AllowAtRoot = Flag(info, "AllowAtRoot"),
            IsElement = Flag(info, "IsElement"),
            Compositions = info.Element("Compositions")?.Elements("Composition").Select(c => c.Value.Trim()).ToList() ?? [],
            AllowedChildTypes = root.Element("Structure")?.Elements("ContentType").Select(c => c.Value.Trim()).ToList() ?? [],
            Template = NullIfEmpty(OptionalText(info, "DefaultTemplate")),
            Properties = properties,
        };
    }

    /// <summary>Writes a content node; <paramref name="path"/> is uSync's readable path of names, e.g. /Home/Professionals.</summary>
    public static string WriteContent(USyncContentItem item, string? parentName, string path)
    {
        ArgumentNullException.ThrowIfNull(item);
        var parent = new XElement("Parent", new XAttribute("Key", KeyText(item.ParentKey ?? Guid.Empty)));
        if (parentName is not null)
        {
            parent.Value = parentName;
        }

        return Serialize(new XElement("Content", Identity(item.Key, item.Name, item.Level),
            new XElement("Info",
                parent,
                new XElement("Path", path),
                new XElement("Trashed", "false"),
                new XElement("ContentType", item.ContentType),
                new XElement("NodeName", new XAttribute("Default", item.Name)),
                item.UrlSegment is null ? null : new XElement("UrlSegment", item.UrlSegment),
                new XElement("SortOrder", item.SortOrder),
                new XElement("Published", new XAttribute("Default", item.Published ? "true" : "false")),
                new XElement("Schedule")),
            new XElement("Properties", item.RawValues.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v =>
                new XElement(v.Key, new XElement("Value", new XCData(v.Value)))))));
    }

    public static USyncContentItem ReadContent(string xml)
    {
        var root = Root(xml, "Content");
        var key = KeyOf(root);
        var info = Child(root, "Info");
        var parent = Child(info, "Parent");
        var parentKey = ParseKey(parent.Attribute("Key")?.Value ?? Guid.Empty.ToString(), "<Parent Key>", parent, allowEmpty: true);
        if (Flag(info, "Trashed"))
        {
            throw new USyncFormatException("The item is marked as trashed; importing into the recycle bin is not supported. Delete the file instead.", LineOf(info));
        }

        var name = Child(info, "NodeName").Attribute("Default")?.Value ?? root.Attribute("Alias")?.Value ?? string.Empty;
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in Child(root, "Properties").Elements())
        {
            var value = property.Element("Value")
                ?? throw new USyncFormatException($"Property <{property.Name.LocalName}> has no <Value>.", LineOf(property));
            if (!values.TryAdd(property.Name.LocalName, value.Value))
            {
                throw new USyncFormatException($"Property <{property.Name.LocalName}> appears twice.", LineOf(property));
            }
        }

        return new USyncContentItem(
            key,
            parentKey == Guid.Empty ? null : parentKey,
            name,
            NullIfEmpty(OptionalText(info, "UrlSegment")),
            Text(info, "ContentType"),
            (int?)AttributeNumber(root, "Level") ?? 0,
            Number(info, "SortOrder"),
            info.Element("Published")?.Attribute("Default")?.Value is not { } published || bool.Parse(NormalizeFlag(published, info)), // published unless the file says not
            values);
    }

    /// <summary>The text a stored value is written as: strings as they are, flags as 1/0 like Umbraco, structure as indented JSON.</summary>
    public static string ToRawValue(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "1",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "0",
        JsonValue v => v.ToJsonString(),
        _ => FormatJson(value),
    };

    /// <summary>Turns a file's text back into what the property editor accepts; structured editors need JSON.</summary>
    public static JsonNode? FromRawValue(string raw, string editorAlias, string propertyAlias)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!StructuredEditors.Contains(editorAlias))
        {
            return JsonValue.Create(raw);
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException ex)
        {
            throw new USyncFormatException($"The value of '{propertyAlias}' ({editorAlias}) is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>A file name for an item: lower case, safe on every file system.</summary>
    public static string FileNameFor(string name) => ContentRoutes.ToSegment(name) + FileExtension;

    /// <summary>A stable key derived from another, for parts uSync keys but our model does not (tabs).</summary>
    public static Guid DerivedKey(Guid owner, string part) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(owner.ToString("D") + "/" + part))[..16]);

    private static string TabAlias(string group)
    {
        var words = group.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w.ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }

    private static object[] Identity(Guid key, string alias, int level) =>
        [new XAttribute("Key", KeyText(key)), new XAttribute("Alias", alias), new XAttribute("Level", level)];

    private static string KeyText(Guid? key) => key?.ToString("D") ?? string.Empty;

    private static string EmptyAsObject(string? json) => string.IsNullOrWhiteSpace(json) ? "{}" : json;

    private static string FormatJson(JsonNode? node) => node?.ToJsonString(ValueJson) ?? "{}";

    private static string Serialize(XElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            new XDocument(root).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement Root(string xml, string expected)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new USyncFormatException($"The XML is not well formed: {ex.Message}", ex.LineNumber);
        }

        var root = document.Root!;
        return root.Name.LocalName == expected
            ? root
            : throw new USyncFormatException($"Expected a <{expected}> element at the top of the file but found <{root.Name.LocalName}>.", LineOf(root));
    }

    private static XElement Child(XElement parent, string name) => parent.Element(name)
        ?? throw new USyncFormatException($"<{parent.Name.LocalName}> has no <{name}> element.", LineOf(parent));

    private static string Text(XElement parent, string name)
    {
        var text = Child(parent, name).Value.Trim();
        return text.Length > 0 ? text : throw new USyncFormatException($"<{name}> in <{parent.Name.LocalName}> is empty.", LineOf(parent.Element(name)));
    }

    private static string OptionalText(XElement parent, string name) => parent.Element(name)?.Value ?? string.Empty;

    private static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;

    private static bool Flag(XElement parent, string name) =>
        parent.Element(name) is { } element && bool.Parse(NormalizeFlag(element.Value, element));

    private static string NormalizeFlag(string text, XElement where) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => "true",
        "false" or "0" or "" => "false",
        _ => throw new USyncFormatException($"'{text}' in <{where.Name.LocalName}> is not true or false.", LineOf(where)),
    };

    private static int Number(XElement parent, string name)
    {
        var text = OptionalText(parent, name).Trim();
        if (text.Length == 0)
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new USyncFormatException($"<{name}> must be a whole number, not '{text}'.", LineOf(parent.Element(name)));
    }

    private static int? AttributeNumber(XElement element, string name) =>
        element.Attribute(name)?.Value is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static Guid KeyOf(XElement root) =>
        ParseKey(root.Attribute("Key")?.Value ?? string.Empty, $"The Key attribute of <{root.Name.LocalName}>", root);

    private static string AliasOf(XElement root) => root.Attribute("Alias")?.Value is { Length: > 0 } alias
        ? alias
        : throw new USyncFormatException($"<{root.Name.LocalName}> has no Alias attribute.", LineOf(root));

    private static Guid ParseKey(string text, string what, XElement where, bool allowEmpty = false) =>
        Guid.TryParse(text, out var key) && (allowEmpty || key != Guid.Empty)
            ? key
            : throw new USyncFormatException($"{what} must be a GUID, not '{text}'.", LineOf(where));

    private static int? LineOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
