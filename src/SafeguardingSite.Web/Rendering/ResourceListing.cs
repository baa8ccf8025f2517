using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Rendering;

/// <summary>The knowledge hub's list of resources, filtered by topic, resource type and audience, sorted and paged.</summary>
public sealed class ResourceListing
{
    public const int PageSize = 12;
    public const int MaxFilterLength = 100;

    private ResourceListing(IReadOnlyList<PublishedContent> all, IReadOnlyList<PublishedContent> matches, string? topic, string? type, string? audience, string sort, int page)
    {
        Topics = Distinct(all.SelectMany(r => r.Tags("topics")));
        Types = Distinct(all.Select(r => r.Text("resourceType")).OfType<string>());
        Audiences = Distinct(all.SelectMany(r => r.Tags("audiences")));
        Total = matches.Count;
        PageCount = Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
        Page = Math.Clamp(page, 1, PageCount);
        Items = matches.Skip((Page - 1) * PageSize).Take(PageSize).ToList();
        Topic = topic;
        Type = type;
        Audience = audience;
        Sort = sort;
    }

    public IReadOnlyList<string> Topics { get; }
    public IReadOnlyList<string> Types { get; }
    public IReadOnlyList<string> Audiences { get; }
    public IReadOnlyList<PublishedContent> Items { get; }
    public int Total { get; }
    public int Page { get; }
    public int PageCount { get; }
    public string? Topic { get; }
    public string? Type { get; }
    public string? Audience { get; }
    public string Sort { get; }

    public bool IsFiltered => Topic is not null || Type is not null || Audience is not null;

    /// <summary>Resources below <paramref name="root"/> (or anywhere, for a topic page gathering its own).</summary>
    public static ResourceListing For(IEnumerable<PublishedContent> resources, IQueryCollection query, string? fixedTopic = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = resources.Where(r => r.ContentTypeAlias == "resource").ToList();
        var topic = fixedTopic ?? Clean(query["topic"]);
        var type = Clean(query["type"]);
        var audience = Clean(query["audience"]);
        var sort = Clean(query["sort"]) is "name" ? "name" : "newest";
        _ = int.TryParse(query["page"], out var page);

        var matches = all
            .Where(r => topic is null || r.Tags("topics").Contains(topic, StringComparer.OrdinalIgnoreCase))
            .Where(r => type is null || string.Equals(r.Text("resourceType"), type, StringComparison.OrdinalIgnoreCase))
            .Where(r => audience is null || r.Tags("audiences").Contains(audience, StringComparer.OrdinalIgnoreCase));
        matches = sort == "name"
            ? matches.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            : matches.OrderByDescending(r => PropertyReader.Date(r.Properties, "publishedOn") ?? r.UpdateDate).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase);
        return new ResourceListing(all, matches.ToList(), topic, type, audience, sort, page);
    }

    /// <summary>A filter value from the query string; anything empty, oversize or not matching a real value is ignored.</summary>
    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxFilterLength ? null : trimmed;
    }

    private static List<string> Distinct(IEnumerable<string> values) =>
        values.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The query string for another page of the same filtered list.</summary>
    public string QueryFor(int page)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(new(key, value));
            }
        }

        Add("topic", Topic);
        Add("type", Type);
        Add("audience", Audience);
        Add("sort", Sort == "newest" ? null : Sort);
        Add("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }
}
