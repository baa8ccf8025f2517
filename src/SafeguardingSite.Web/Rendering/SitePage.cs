using System.Text.Json;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Rendering;

/// <summary>What every template gets: the page, the snapshot it came from, and the site-wide settings and helpers.</summary>
public sealed class SitePage(PublishedContent content, PublishedSnapshot snapshot, SiteOptions options, DateTime now, string canonicalUrl, IQueryCollection query)
{
    /// <summary>Document types that make up the main navigation when they sit directly under the home page.</summary>
    private static readonly HashSet<string> NavigationTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "sectionLanding", "resourceIndex", "trainingIndex", "bulletinIndex", "worriedAboutAChild", "newsIndex",
    };

    public PublishedContent Content { get; } = content;
    public PublishedSnapshot Snapshot { get; } = snapshot;
    public SiteOptions Options { get; } = options;
    public DateTime Now { get; } = now;
    public string CanonicalUrl { get; } = canonicalUrl;
    public IQueryCollection Query { get; } = query;

    public PublishedContent? Home => Snapshot.Home;

    public string SiteName => Home?.Text("siteName") ?? Home?.Name ?? "Safeguarding Children Partnership";

    public string Title => Content.Text("metaTitle") is { Length: > 0 } title ? title : Content.Name;

    public string? MetaDescription => Content.Text("metaDescription") ?? Content.Text("summary");

    /// <summary>The top-level section this page belongs to (a child of the home page), if any.</summary>
    public PublishedContent? Section => Content.Ancestors().Append(Content).FirstOrDefault(p => p.Parent is not null && p.Parent == Home);

    public string? Audience => Content.Ancestors().Prepend(Content).Select(p => p.Text("audience")).FirstOrDefault(a => !string.IsNullOrEmpty(a));

    /// <summary>A page is sensitive if it, or any page above it, is marked so: readers get the note on covering their tracks.</summary>
    public bool IsSensitive => Content.Ancestors().Prepend(Content).Any(p => p.Flag("sensitive"));

    public IEnumerable<PublishedContent> MainNavigation =>
        Home?.Children.Where(c => NavigationTypes.Contains(c.ContentTypeAlias)) ?? [];

    public IEnumerable<PublishedContent> FooterLinks =>
        Home?.Children.Where(c => c.ContentTypeAlias == "contentPage") ?? [];

    public IEnumerable<PublishedContent> Breadcrumbs => Content.Ancestors().Reverse();

    public PublishedContent? ErrorPage => Snapshot.All.FirstOrDefault(p => p.ContentTypeAlias == "errorPage");

    public IReadOnlyList<ResolvedLink> Links(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        ContentLinks.Resolve(Snapshot, PropertyReader.Links(properties, alias));

    public IReadOnlyList<PublishedMedia> Media(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        ContentLinks.Media(Snapshot, PropertyReader.MediaKeys(properties, alias));

    public IReadOnlyList<PublishedElement> Blocks(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        PropertyReader.Blocks(properties, alias);

    /// <summary>Campaigns whose period includes today, newest first: they take their place on the home page while they run.</summary>
    public IEnumerable<PublishedContent> CurrentCampaigns => Snapshot.All
        .Where(p => p.ContentTypeAlias == "campaign" && Campaigns.IsRunning(p, Now))
        .OrderByDescending(p => PropertyReader.Date(p.Properties, "startDate"));

    public IEnumerable<PublishedContent> LatestNews(int count) => Snapshot.All
        .Where(p => p.ContentTypeAlias == "newsArticle")
        .OrderByDescending(p => PropertyReader.Date(p.Properties, "articleDate") ?? p.CreateDate)
        .Take(count);

    public string? Summary(PublishedContent page) => page.Text("summary") ?? page.Text("metaDescription");
}

public static class Campaigns
{
    public static bool IsRunning(PublishedContent campaign, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var start = PropertyReader.Date(campaign.Properties, "startDate");
        var end = PropertyReader.Date(campaign.Properties, "endDate");
        return (start is null || start.Value.Date <= now.Date) && (end is null || end.Value.Date >= now.Date);
    }
}
