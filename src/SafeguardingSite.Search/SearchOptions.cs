namespace SafeguardingSite.Search;

public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Where this node keeps its own Lucene index. Never shared between nodes: each rebuilds from the database.</summary>
    public string IndexFolder { get; set; } = "App_Data/Search";
}
