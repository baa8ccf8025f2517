namespace SafeguardingSite.Search;

/// <summary>
/// The editor-managed synonym groups from the home page's <c>searchSynonyms</c> property: one group per line, its words
/// or phrases separated by commas. Any member of a group finds pages that use any other member.
/// </summary>
public sealed class SearchSynonyms
{
    public const string PropertyAlias = "searchSynonyms";

    /// <summary>Keeps a pasted essay from turning every query into hundreds of clauses.</summary>
    private const int MaxGroups = 500;
    private const int MaxMembersPerGroup = 20;

    private SearchSynonyms(IReadOnlyList<IReadOnlyList<string>> groups) => Groups = groups;

    public static SearchSynonyms None { get; } = new([]);

    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    public static SearchSynonyms Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var groups = text.Split('\n')
            .Select(line => (IReadOnlyList<string>)line.Split(',')
                .Select(member => member.Trim())
                .Where(member => member.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(MaxMembersPerGroup)
                .ToList())
            .Where(group => group.Count > 1)
            .Take(MaxGroups)
            .ToList();
        return groups.Count == 0 ? None : new SearchSynonyms(groups);
    }
}
