using System.Text.Json;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SafeguardingSite.Content.Published;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SafeguardingSite.Search;

public sealed record SearchHit(Guid Key, string Name, string Url, string ContentType, string? Summary, float Score);

public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Hits);

public sealed record SearchIndexState(bool Ready, int Documents, long SnapshotSequence, DateTime? LastBuiltAt, string? LastError);

/// <summary>
/// The published site's full-text index (Lucene.Net, the engine Examine wraps), local to this node and rebuilt from
/// the published snapshot, so index files never need sharing between nodes.
/// </summary>
public sealed partial class SiteSearchIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] SearchFields = ["name", "summary", "body", "tags"];
    private readonly LuceneDirectory directory;
    private readonly EnglishAnalyzer analyzer = new(Version);
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly System.Threading.Lock gate = new();
    private SearchIndexState state = new(false, 0, 0, null, null);

    public SiteSearchIndex(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        directory = FSDirectory.Open(folder);
        writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND });
        searchers = new SearcherManager(writer, true, null);
    }

    public SearchIndexState State => Volatile.Read(ref state);

    public void Rebuild(PublishedSnapshot snapshot, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            try
            {
                writer.DeleteAll();
                foreach (var page in snapshot.All.Where(p => !p.Flag("hideFromSearch")))
                {
                    writer.AddDocument(ToDocument(page));
                }

                writer.Commit();
                searchers.MaybeRefreshBlocking();
                Volatile.Write(ref state, new SearchIndexState(true, writer.NumDocs, snapshot.Sequence, now, null));
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                Volatile.Write(ref state, state with { LastError = ex.Message });
                throw;
            }
        }
    }

    public SearchResults Search(string query, int skip = 0, int take = 10)
    {
        var text = (query ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return new SearchResults(0, []);
        }

        var parser = new MultiFieldQueryParser(Version, SearchFields, analyzer,
            new Dictionary<string, float> { ["name"] = 4f, ["tags"] = 2f, ["summary"] = 2f, ["body"] = 1f })
        {
            DefaultOperator = Operator.AND,
        };
        // Readers type words, not query syntax: escape everything, and lower-case the bare operators, which escaping
        // leaves live (the analyser then drops them as stop words).
        var escaped = BareOperator().Replace(QueryParserBase.Escape(text), m => m.Value.ToLowerInvariant());
        Query parsed;
        try
        {
            parsed = parser.Parse(escaped);
        }
        catch (ParseException)
        {
            return new SearchResults(0, []);
        }

        var searcher = searchers.Acquire();
        try
        {
            var top = searcher.Search(parsed, Math.Clamp(skip + take, 1, 1000));
            var hits = top.ScoreDocs.Skip(skip).Take(take).Select(hit =>
            {
                var doc = searcher.Doc(hit.Doc);
                return new SearchHit(Guid.Parse(doc.Get("key")), doc.Get("name"), doc.Get("url"), doc.Get("type"), doc.Get("summary"), hit.Score);
            }).ToList();
            return new SearchResults(top.TotalHits, hits);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static Document ToDocument(PublishedContent page)
    {
        var body = string.Join(' ', page.Properties
            .Where(p => p.Key is not ("summary" or "tags"))
            .Select(p => PlainText(p.Value)));
        var document = new Document
        {
            new StringField("key", page.Key.ToString(), Field.Store.YES),
            new StringField("url", page.Url, Field.Store.YES),
            new StringField("type", page.ContentTypeAlias, Field.Store.YES),
            new TextField("name", page.Name, Field.Store.YES),
            new TextField("body", body, Field.Store.NO),
            new TextField("tags", string.Join(' ', page.Properties.Where(p => p.Value.ValueKind == JsonValueKind.Array).SelectMany(p => Strings(p.Value))), Field.Store.NO),
        };
        if (page.Text("summary") is { } summary)
        {
            document.Add(new TextField("summary", summary, Field.Store.YES));
        }

        return document;
    }

    /// <summary>All the words in a property value, whatever its shape: rich text loses its tags, blocks give their text.</summary>
    private static string PlainText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => System.Text.RegularExpressions.Regex.Replace(value.GetString() ?? string.Empty, "<[^>]+>", " "),
        JsonValueKind.Array or JsonValueKind.Object => string.Join(' ', Strings(value).Select(s => System.Text.RegularExpressions.Regex.Replace(s, "<[^>]+>", " "))),
        _ => string.Empty,
    };

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when !Guid.TryParse(value.GetString(), out _) => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => value.EnumerateObject().Where(p => p.Name is not ("key" or "contentTypeKey" or "contentKey" or "mediaKey")).SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(AND|OR|NOT)\b")]
    private static partial System.Text.RegularExpressions.Regex BareOperator();
}
