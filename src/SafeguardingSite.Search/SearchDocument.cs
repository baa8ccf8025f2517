using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Search;

/// <summary>The Lucene field names, shared by indexing and searching.</summary>
internal static class SearchFields
{
    public const string Key = "key";
    public const string Url = "url";
    public const string Name = "name";
    public const string Summary = "summary";
    public const string Body = "body";
    public const string Tags = "tags";

    /// <summary>Every word unstemmed, for "did you mean": suggestions must be real words, not stems.</summary>
    public const string Spelling = "spelling";

    public const string Section = "section";
    public const string Topic = "topic";
    public const string Type = "type";
    public const string Date = "date";

    /// <summary>Stored so a node restarting on its previous index knows which pages changed while it was down.</summary>
    public const string Fingerprint = "fingerprint";

    public static readonly IReadOnlyDictionary<string, float> Searched = new Dictionary<string, float>
    {
        [Name] = 4f, [Tags] = 2f, [Summary] = 2f, [Body] = 1f,
    };
}

/// <summary>
/// One published page and the fingerprint that says whether it needs re-indexing; the Lucene document (text, files) is
/// built only for pages whose fingerprint changed, which keeps a publish in a large tree cheap.
/// </summary>
internal sealed partial class SearchDocument
{
    private readonly PublishedContent page;
    private readonly PublishedSnapshot snapshot;
    private readonly MediaTextExtractor extractor;
    private readonly string section;
    private readonly List<PublishedMedia> files;

    private SearchDocument(PublishedContent page, PublishedSnapshot snapshot, MediaTextExtractor extractor)
    {
        this.page = page;
        this.snapshot = snapshot;
        this.extractor = extractor;
        section = SectionOf(page);
        files = [.. LinkedFiles(page, snapshot)];
        // A page must be re-indexed when it, its place in the tree, or a file it links to changes.
        Fingerprint = string.Join('|', page.VersionId, page.Url, section,
            string.Join(',', files.Select(f => f.Key.ToString("N") + f.UpdateDate.Ticks.ToString(CultureInfo.InvariantCulture))));
    }

    public Guid Key => page.Key;

    public string Fingerprint { get; }

    /// <summary>Properties that configure the site rather than describe the page.</summary>
    private static readonly HashSet<string> NotText = new(StringComparer.OrdinalIgnoreCase)
    {
        "summary", "topics", "audiences", "resourceType", SearchSynonyms.PropertyAlias, "hideFromSearch", "metaTitle",
        "contactPhone", "contactEmail", "siteName", "videoUrl",
    };

    private static readonly string[] DateProperties = ["publishedOn", "articleDate"];

    public static SearchDocument Create(PublishedContent page, PublishedSnapshot snapshot, MediaTextExtractor extractor) =>
        new(page, snapshot, extractor);

    public Document Build()
    {
        var type = TypeOf(page, snapshot);
        var topics = page.Tags("topics");
        var date = DateProperties.Select(alias => PropertyReader.Date(page.Properties, alias)).FirstOrDefault(d => d is not null)
            ?? page.UpdateDate;

        var body = new StringBuilder();
        foreach (var property in page.Properties.Where(p => !NotText.Contains(p.Key)))
        {
            AppendText(body, property.Value);
        }

        foreach (var file in files)
        {
            body.Append(file.Name).Append(". ").Append(extractor.TextOf(file)).Append(' ');
        }

        var text = Whitespace().Replace(body.ToString(), " ").Trim();
        var summary = page.Text("summary") ?? string.Empty;
        var tags = string.Join(' ', topics.Concat(page.Tags("audiences")));
        var document = new Document
        {
            new StringField(SearchFields.Key, page.Key.ToString(), Field.Store.YES),
            new StoredField(SearchFields.Fingerprint, Fingerprint),
            new StoredField(SearchFields.Url, page.Url),
            new TextField(SearchFields.Name, page.Name, Field.Store.YES),
            new TextField(SearchFields.Summary, summary, Field.Store.YES),
            new TextField(SearchFields.Body, text, Field.Store.YES),
            new TextField(SearchFields.Tags, tags, Field.Store.NO),
            new TextField(SearchFields.Spelling, string.Join(' ', page.Name, summary, tags, text), Field.Store.NO),
            new SortedDocValuesField(SearchFields.Section, new BytesRef(section)),
            new SortedDocValuesField(SearchFields.Type, new BytesRef(type)),
            new NumericDocValuesField(SearchFields.Date, date.Ticks),
            new StoredField(SearchFields.Date, date.Ticks),
        };
        foreach (var topic in topics.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            document.Add(new SortedSetDocValuesField(SearchFields.Topic, new BytesRef(topic)));
        }

        return document;
    }

    /// <summary>The top-level section under the home page a page belongs to; the home page and its direct pages are their own.</summary>
    private static string SectionOf(PublishedContent page)
    {
        var top = page;
        while (top.Parent?.Parent is not null)
        {
            top = top.Parent;
        }

        return top.Name;
    }

    private static string TypeOf(PublishedContent page, PublishedSnapshot snapshot) =>
        page.Text("resourceType") is { Length: > 0 } resourceType
            ? resourceType
            : snapshot.Schema.FindDocumentType(page.ContentTypeAlias)?.Name ?? page.ContentTypeAlias;

    /// <summary>The files a page offers: media pickers and multi URL picker links to media, blocks included.</summary>
    private static IEnumerable<PublishedMedia> LinkedFiles(PublishedContent page, PublishedSnapshot snapshot)
    {
        var keys = new HashSet<Guid>();
        CollectMediaKeys(page.Properties.Values, keys);
        return keys.Select(snapshot.FindMedia).OfType<PublishedMedia>().Where(m => m.FileUrl is not null);
    }

    private static void CollectMediaKeys(IEnumerable<JsonElement> values, HashSet<Guid> keys)
    {
        foreach (var value in values)
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                if (value.TryGetProperty("mediaKey", out var key) && key.ValueKind == JsonValueKind.String && Guid.TryParse(key.GetString(), out var mediaKey))
                {
                    keys.Add(mediaKey);
                }

                CollectMediaKeys(value.EnumerateObject().Select(p => p.Value), keys);
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                CollectMediaKeys(value.EnumerateArray(), keys);
            }
        }
    }

    /// <summary>All the words in a property value, whatever its shape: rich text loses its tags, blocks give their text.</summary>
    private static void AppendText(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString() is { } s && !Guid.TryParse(s, out _) && !s.StartsWith("umb://", StringComparison.Ordinal):
                text.Append(System.Net.WebUtility.HtmlDecode(Tag().Replace(s, " "))).Append(' ');
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    AppendText(text, item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject().Where(p => p.Name is not ("key" or "contentTypeKey" or "contentTypeAlias" or "contentKey" or "mediaKey" or "alias" or "url" or "target" or "type" or "layout")))
                {
                    AppendText(text, property.Value);
                }

                break;
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
