using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Rendering;

public sealed record BlocksModel(SitePage Page, IReadOnlyList<PublishedElement> Blocks);

/// <summary>One block and the page it sits on, so a block's links and media resolve against the same snapshot.</summary>
public sealed record BlockModel(SitePage Page, PublishedElement Block)
{
    public string? Text(string alias) => PropertyReader.Text(Block.Properties, alias);

    public IReadOnlyList<ResolvedLink> Links(string alias) => Page.Links(Block.Properties, alias);

    public IReadOnlyList<PublishedMedia> Media(string alias) => Page.Media(Block.Properties, alias);

    public IReadOnlyList<PublishedElement> Blocks(string alias) => Page.Blocks(Block.Properties, alias);
}

public sealed record ChildrenModel(SitePage Page, IReadOnlyList<PublishedContent> Pages, string? Heading = null);

public sealed record ResourceListModel(SitePage Page, ResourceListing Listing, bool ShowTopicFilter);

/// <summary>A video or podcast played on request (nothing loads from the provider until the visitor asks).</summary>
public sealed record VideoPlayerModel(string Title, string Url, string? TranscriptHtml, string? Duration = null);
