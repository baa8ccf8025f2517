namespace SafeguardingSite.Search;

public enum SearchSort
{
    Relevance,
    Date,
}

/// <summary>What a reader asked for. Filters match a facet value exactly; a null filter leaves that facet open.</summary>
public sealed record SearchRequest(
    string Query,
    string? Section = null,
    string? Topic = null,
    string? Type = null,
    SearchSort Sort = SearchSort.Relevance,
    int Page = 1,
    int PageSize = 10);

/// <param name="Snippet">HTML: the best-matching passage, encoded, with the matched words in &lt;mark&gt;.</param>
public sealed record SearchHit(Guid Key, string Name, string Url, string Type, string Section, string Snippet, DateTime Date, float Score);

public sealed record FacetValue(string Value, int Count);

/// <summary>
/// One page of results. Each facet's counts apply the other facets' filters but not its own, so a reader can see what
/// switching to another value of the same facet would give.
/// </summary>
public sealed record SearchResults(
    int Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyList<FacetValue> Sections,
    IReadOnlyList<FacetValue> Topics,
    IReadOnlyList<FacetValue> Types,
    string? Suggestion)
{
    public static SearchResults Empty { get; } = new(0, [], [], [], [], null);
}

public sealed record SearchIndexState(bool Ready, int Documents, long SnapshotSequence, DateTime? LastBuiltAt, string? LastError);
