using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Search;

/// <summary>
/// The published site's full-text index (Lucene.Net, the engine Examine wraps), local to this node and built from the
/// published snapshot, so index files never need sharing between nodes. Each full build goes into a fresh folder and is
/// swapped in only when complete, so a missing or damaged index is replaced while searches carry on; after that,
/// publishes update only the pages whose fingerprint changed.
/// </summary>
public sealed partial class SiteSearchIndex : IDisposable
{
    public const int MaxQueryLength = 200;

    /// <summary>Below this many results a query is checked for misspellings.</summary>
    private const int SuggestBelow = 3;

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly string root;
    private readonly MediaTextExtractor extractor;
    private readonly ILogger<SiteSearchIndex> logger;
    private readonly EnglishAnalyzer queryAnalyzer = new(Version);
    private readonly StandardAnalyzer spellingAnalyzer = new(Version, CharArraySet.Empty);
    private readonly Analyzer indexAnalyzer;
    private readonly System.Threading.Lock gate = new();
    private Generation? current;
    private volatile bool damaged;
    private SearchIndexState state = new(false, 0, 0, null, null);

    public SiteSearchIndex(string folder, MediaTextExtractor extractor, ILogger<SiteSearchIndex> logger)
    {
        root = folder;
        this.extractor = extractor;
        this.logger = logger;
        indexAnalyzer = new PerFieldAnalyzerWrapper(queryAnalyzer, new Dictionary<string, Analyzer> { [SearchFields.Spelling] = spellingAnalyzer });
    }

    /// <summary>Raised when a search found the index damaged; the indexer answers with a full build.</summary>
    public event EventHandler? RebuildNeeded;

    public SearchIndexState State => Volatile.Read(ref state);

    /// <summary>True when the index does not yet reflect this snapshot.</summary>
    public bool IsBehind(PublishedSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return damaged || current is null || State.SnapshotSequence != snapshot.Sequence || snapshot.Sequence == 0;
    }

    /// <summary>
    /// Opens the newest complete index an earlier run of this node left on disk, so searches answer from it while the
    /// node starts and catches up with the database; the first <see cref="Apply"/> then re-indexes only the pages that
    /// changed meanwhile. A folder that will not open (no commit, damaged files) is deleted and the first
    /// <see cref="Apply"/> builds afresh.
    /// </summary>
    /// <returns>True when a previous index is now answering searches.</returns>
    public bool ResumePrevious()
    {
        lock (gate)
        {
            if (current is not null)
            {
                return true;
            }

            if (!System.IO.Directory.Exists(root))
            {
                return false;
            }

            foreach (var folder in System.IO.Directory.EnumerateDirectories(root, "index-*").OrderByDescending(f => f, StringComparer.Ordinal))
            {
                Generation? previous = null;
                try
                {
                    previous = Generation.Open(folder, indexAnalyzer);
                    Volatile.Write(ref current, previous);
                    // Sequence 0 means "behind any snapshot", so the indexer brings it up to date straight away.
                    Volatile.Write(ref state, new SearchIndexState(true, previous.Count, 0, System.IO.Directory.GetLastWriteTimeUtc(folder), null));
                    DeleteOtherGenerations(folder);
                    return true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    previous?.Dispose();
                    LogResumeFailed(logger, ex, folder);
                }
            }

            DeleteOtherGenerations(keep: string.Empty);
            return false;
        }
    }

    /// <summary>Brings the index up to the snapshot: only changed pages when it can, a fresh full build otherwise.</summary>
    public void Apply(PublishedSnapshot snapshot, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            if (current is null || damaged)
            {
                Rebuild(snapshot, now);
                return;
            }

            try
            {
                current.Update(Documents(snapshot));
                // Committed so that a restart resumes from here rather than from the last full build.
                current.Commit();
                Publish(current, snapshot, now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogIncrementalFailed(logger, ex);
                Rebuild(snapshot, now);
            }
        }
    }

    /// <summary>Builds a complete new index from the snapshot beside the live one, then swaps it in.</summary>
    public void Rebuild(PublishedSnapshot snapshot, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            Generation? fresh = null;
            try
            {
                fresh = new Generation(Path.Combine(root, $"index-{now.Ticks}-{Guid.NewGuid():N}"), indexAnalyzer);
                fresh.Update(Documents(snapshot));
                fresh.Commit();
                var previous = current;
                Publish(fresh, snapshot, now);
                Volatile.Write(ref current, fresh);
                damaged = false;
                previous?.Dispose();
                DeleteOtherGenerations(fresh.Folder);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                fresh?.Dispose();
                Volatile.Write(ref state, State with { LastError = ex.Message });
                throw;
            }
        }
    }

    public SearchResults Search(string query) => Search(new SearchRequest(query));

    public SearchResults Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Truncate(request.Query);
        var generation = Volatile.Read(ref current);
        if (text.Length == 0 || generation is null)
        {
            return SearchResults.Empty;
        }

        try
        {
            return generation.WithSearcher(searcher => Run(searcher, request with { Query = text }, generation.Synonyms));
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref current) is { } replacement && replacement != generation)
        {
            // A rebuild swapped the index in between; the new one answers.
            return replacement.WithSearcher(searcher => Run(searcher, request with { Query = text }, replacement.Synonyms));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A damaged file surfaces here as any of several exceptions; answer empty and rebuild beside it.
            LogSearchFailed(logger, ex);
            damaged = true;
            Volatile.Write(ref state, State with { LastError = "Search failed, rebuilding: " + ex.Message });
            RebuildNeeded?.Invoke(this, EventArgs.Empty);
            return SearchResults.Empty;
        }
    }

    public static string Truncate(string? query)
    {
        var text = (query ?? string.Empty).Trim();
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    private SearchResults Run(IndexSearcher searcher, SearchRequest request, SearchSynonyms synonyms)
    {
        var built = BuildQuery(request.Query, synonyms);
        if (built is null)
        {
            return SearchResults.Empty;
        }

        var (query, terms) = built.Value;
        var reader = searcher.IndexReader;
        var matches = searcher.Search(query, Math.Max(1, reader.MaxDoc)).ScoreDocs;
        var sections = MultiDocValues.GetSortedValues(reader, SearchFields.Section);
        var types = MultiDocValues.GetSortedValues(reader, SearchFields.Type);
        var topics = MultiDocValues.GetSortedSetValues(reader, SearchFields.Topic);
        var dates = MultiDocValues.GetNumericValues(reader, SearchFields.Date);

        var sectionCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var typeCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var topicCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var kept = new List<(ScoreDoc Match, string Section, string Type, long Date)>();
        var scratch = new BytesRef();
        foreach (var match in matches)
        {
            var section = Lookup(sections, match.Doc, scratch);
            var type = Lookup(types, match.Doc, scratch);
            var docTopics = Lookup(topics, match.Doc, scratch);
            var inSection = Matches(request.Section, section);
            var ofType = Matches(request.Type, type);
            var onTopic = request.Topic is null || docTopics.Contains(request.Topic, StringComparer.OrdinalIgnoreCase);
            if (ofType && onTopic)
            {
                Count(sectionCounts, section);
            }

            if (inSection && onTopic)
            {
                Count(typeCounts, type);
            }

            if (inSection && ofType)
            {
                foreach (var topic in docTopics)
                {
                    Count(topicCounts, topic);
                }
            }

            if (inSection && ofType && onTopic)
            {
                kept.Add((match, section, type, dates?.Get(match.Doc) ?? 0));
            }
        }

        if (request.Sort == SearchSort.Date)
        {
            kept = [.. kept.OrderByDescending(k => k.Date).ThenByDescending(k => k.Match.Score)];
        }

        var pageSize = Math.Clamp(request.PageSize, 1, 100);
        var hits = kept.Skip((Math.Max(request.Page, 1) - 1) * pageSize).Take(pageSize).Select(k =>
        {
            var doc = searcher.Doc(k.Match.Doc);
            var body = doc.Get(SearchFields.Body) ?? string.Empty;
            var summary = doc.Get(SearchFields.Summary) ?? string.Empty;
            var snippetSource = summary.Length > 0 && (body.Length == 0 || SnippetBuilder.Contains(queryAnalyzer, summary, terms)) ? summary : body;
            return new SearchHit(Guid.Parse(doc.Get(SearchFields.Key)), doc.Get(SearchFields.Name), doc.Get(SearchFields.Url), k.Type, k.Section,
                SnippetBuilder.Build(queryAnalyzer, snippetSource.Length > 0 ? snippetSource : body, terms), new DateTime(k.Date, DateTimeKind.Utc), k.Match.Score);
        }).ToList();

        string? suggestion = null;
        if (kept.Count < SuggestBelow && SpellingSuggester.Correct(reader, Words(spellingAnalyzer, request.Query)) is { } corrected
            && BuildQuery(corrected, synonyms) is { } better && searcher.Search(better.Query, 1).TotalHits > kept.Count)
        {
            suggestion = corrected;
        }

        return new SearchResults(kept.Count, hits, Facet(sectionCounts), Facet(topicCounts), Facet(typeCounts), suggestion);
    }

    /// <summary>
    /// Every query word must match (in the name, tags, summary or text); a word or phrase in a synonym group matches any
    /// member of its group. The query is never parsed as Lucene syntax, so operators and quotes are just text.
    /// </summary>
    private (Query Query, IReadOnlySet<string> Terms)? BuildQuery(string text, SearchSynonyms synonyms)
    {
        var tokens = Analyze(queryAnalyzer, text);
        if (tokens.Count == 0)
        {
            return null;
        }

        var groups = synonyms.Groups
            .Select(g => g.Select(member => Analyze(queryAnalyzer, member)).Where(m => m.Count > 0).ToList())
            .Where(g => g.Count > 1)
            .ToList();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var query = new BooleanQuery();
        for (var i = 0; i < tokens.Count;)
        {
            var (group, length) = LongestSynonymAt(tokens, i, groups);
            var alternatives = group ?? [tokens.GetRange(i, 1)];
            var clause = new BooleanQuery();
            foreach (var alternative in alternatives)
            {
                terms.UnionWith(alternative.Select(t => t.Term));
                foreach (var (field, boost) in SearchFields.Searched)
                {
                    clause.Add(FieldQuery(field, alternative, boost), Occur.SHOULD);
                }
            }

            query.Add(clause, Occur.MUST);
            i += Math.Max(length, 1);
        }

        return (query, terms);
    }

    private static (List<List<(string Term, int Position)>>? Group, int Length) LongestSynonymAt(
        List<(string Term, int Position)> tokens, int start, List<List<List<(string Term, int Position)>>> groups)
    {
        List<List<(string Term, int Position)>>? best = null;
        var bestLength = 0;
        foreach (var group in groups)
        {
            foreach (var member in group.Where(m => m.Count > bestLength && start + m.Count <= tokens.Count))
            {
                if (member.Select((t, k) => t.Term == tokens[start + k].Term).All(same => same))
                {
                    (best, bestLength) = (group, member.Count);
                }
            }
        }

        return (best, bestLength);
    }

    private static Query FieldQuery(string field, List<(string Term, int Position)> tokens, float boost)
    {
        Query query;
        if (tokens.Count == 1)
        {
            query = new TermQuery(new Term(field, tokens[0].Term));
        }
        else
        {
            var phrase = new PhraseQuery();
            foreach (var (term, position) in tokens)
            {
                phrase.Add(new Term(field, term), position - tokens[0].Position);
            }

            query = phrase;
        }

        query.Boost = boost;
        return query;
    }

    private static List<(string Term, int Position)> Analyze(Analyzer analyzer, string text)
    {
        var tokens = new List<(string Term, int Position)>();
        using var stream = analyzer.GetTokenStream(SearchFields.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken() && tokens.Count < 32)
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }

        stream.End();
        return tokens;
    }

    private static List<string> Words(Analyzer analyzer, string text) => [.. Analyze(analyzer, text).Select(t => t.Term)];

    private IEnumerable<SearchDocument> Documents(PublishedSnapshot snapshot) =>
        snapshot.All.Where(p => !p.Flag("hideFromSearch") && p.ContentTypeAlias != "errorPage")
            .Select(p => SearchDocument.Create(p, snapshot, extractor));

    private void Publish(Generation generation, PublishedSnapshot snapshot, DateTime now)
    {
        generation.Synonyms = SearchSynonyms.Parse(snapshot.Home?.Text(SearchSynonyms.PropertyAlias));
        generation.Refresh();
        Volatile.Write(ref state, new SearchIndexState(true, generation.Count, snapshot.Sequence, now, null));
    }

    private void DeleteOtherGenerations(string keep)
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(root, "index-*").Where(f => f != keep))
        {
            try
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
            catch (IOException ex)
            {
                LogCleanupFailed(logger, ex, folder);
            }
        }
    }

    private static string Lookup(SortedDocValues? values, int doc, BytesRef scratch)
    {
        if (values is null || values.GetOrd(doc) < 0)
        {
            return string.Empty;
        }

        values.Get(doc, scratch);
        return scratch.Utf8ToString();
    }

    private static List<string> Lookup(SortedSetDocValues? values, int doc, BytesRef scratch)
    {
        var found = new List<string>();
        if (values is null)
        {
            return found;
        }

        values.SetDocument(doc);
        for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
        {
            values.LookupOrd(ord, scratch);
            found.Add(scratch.Utf8ToString());
        }

        return found;
    }

    private static bool Matches(string? filter, string value) => filter is null || string.Equals(filter, value, StringComparison.OrdinalIgnoreCase);

    private static void Count(Dictionary<string, int> counts, string value)
    {
        if (value.Length > 0)
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
    }

    private static List<FacetValue> Facet(Dictionary<string, int> counts) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.OrdinalIgnoreCase).Select(c => new FacetValue(c.Key, c.Value))];

    public void Dispose()
    {
        current?.Dispose();
        indexAnalyzer.Dispose();
        queryAnalyzer.Dispose();
        spellingAnalyzer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the search index failed; building a fresh one")]
    private static partial void LogIncrementalFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search failed; the index looks damaged and is being rebuilt")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The search index left in {Folder} could not be opened; building a fresh one")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the old search index folder {Folder}")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string folder);

    /// <summary>One index folder with its writer, near-real-time searchers and what each indexed page looked like.</summary>
    private sealed class Generation : IDisposable
    {
        private readonly Dictionary<Guid, string> fingerprints = [];
        private readonly FSDirectory directory;
        private readonly IndexWriter writer;
        private readonly SearcherManager searchers;

        public Generation(string folder, Analyzer analyzer)
            : this(folder, analyzer, OpenMode.CREATE)
        {
        }

        private Generation(string folder, Analyzer analyzer, OpenMode mode)
        {
            Folder = folder;
            System.IO.Directory.CreateDirectory(folder);
            // Not memory-mapped: a file damaged or truncated under a mapping can crash the process instead of throwing.
            directory = new NIOFSDirectory(folder);
            try
            {
                writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { OpenMode = mode });
                searchers = new SearcherManager(writer, true, null);
            }
            catch
            {
                writer?.Dispose();
                directory.Dispose();
                throw;
            }
        }

        /// <summary>Opens a committed index and reads back each page's fingerprint, so unchanged pages are not rebuilt.</summary>
        public static Generation Open(string folder, Analyzer analyzer)
        {
            var generation = new Generation(folder, analyzer, OpenMode.APPEND);
            try
            {
                generation.WithSearcher(searcher =>
                {
                    var reader = searcher.IndexReader;
                    var live = MultiFields.GetLiveDocs(reader);
                    var fields = new HashSet<string> { SearchFields.Key, SearchFields.Fingerprint };
                    for (var doc = 0; doc < reader.MaxDoc; doc++)
                    {
                        if (live is not null && !live.Get(doc))
                        {
                            continue;
                        }

                        var stored = reader.Document(doc, fields);
                        if (Guid.TryParse(stored.Get(SearchFields.Key), out var key))
                        {
                            // An index written before fingerprints were stored gets an empty one: re-indexed on catch-up.
                            generation.fingerprints[key] = stored.Get(SearchFields.Fingerprint) ?? string.Empty;
                        }
                    }

                    return generation.fingerprints.Count;
                });
                return generation;
            }
            catch
            {
                generation.Dispose();
                throw;
            }
        }

        public string Folder { get; }

        public SearchSynonyms Synonyms { get; set; } = SearchSynonyms.None;

        public int Count => fingerprints.Count;

        public void Update(IEnumerable<SearchDocument> documents)
        {
            var seen = new HashSet<Guid>();
            foreach (var document in documents)
            {
                seen.Add(document.Key);
                if (fingerprints.GetValueOrDefault(document.Key) != document.Fingerprint)
                {
                    writer.UpdateDocument(new Term(SearchFields.Key, document.Key.ToString()), document.Build());
                    fingerprints[document.Key] = document.Fingerprint;
                }
            }

            foreach (var gone in fingerprints.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                writer.DeleteDocuments(new Term(SearchFields.Key, gone.ToString()));
                fingerprints.Remove(gone);
            }
        }

        public void Commit() => writer.Commit();

        public void Refresh() => searchers.MaybeRefreshBlocking();

        public T WithSearcher<T>(Func<IndexSearcher, T> use)
        {
            var searcher = searchers.Acquire();
            try
            {
                return use(searcher);
            }
            finally
            {
                searchers.Release(searcher);
            }
        }

        public void Dispose()
        {
            searchers.Dispose();
            writer.Dispose();
            directory.Dispose();
        }
    }
}
