using System.Collections.Frozen;
using SafeguardingSite.Content.Model;

namespace SafeguardingSite.Content.Published;

/// <summary>
/// Everything needed to serve the public site and the Delivery API, built once from the database and never changed.
/// A new snapshot replaces the old one in a single reference swap, so a request sees one consistent tree.
/// </summary>
public sealed class PublishedSnapshot
{
    private readonly FrozenDictionary<Guid, PublishedContent> byKey;
    private readonly FrozenDictionary<string, PublishedContent> byRoute;
    private readonly FrozenDictionary<string, Guid> redirects;
    private readonly FrozenDictionary<string, string> addressRedirects;
    private readonly FrozenDictionary<Guid, PublishedMedia> mediaByKey;
    private readonly FrozenDictionary<string, PublishedMedia> mediaByPath;

    internal PublishedSnapshot(
        long sequence,
        bool isPreview,
        ContentSchema schema,
        IReadOnlyList<PublishedContent> roots,
        IReadOnlyList<PublishedMedia> mediaRoots,
        IEnumerable<KeyValuePair<string, Guid>> redirects,
        IEnumerable<KeyValuePair<string, string>> addressRedirects)
    {
        Sequence = sequence;
        IsPreview = isPreview;
        Schema = schema;
        Roots = roots;
        MediaRoots = mediaRoots;
        var all = roots.SelectMany(r => r.Descendants().Prepend(r)).ToList();
        All = all;
        byKey = all.ToFrozenDictionary(c => c.Key);
        byRoute = all.GroupBy(c => c.Url, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        this.redirects = redirects.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        this.addressRedirects = addressRedirects.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        var media = mediaRoots.SelectMany(Flatten).ToList();
        mediaByKey = media.ToFrozenDictionary(m => m.Key);
        mediaByPath = media.GroupBy(m => m.Path, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        static IEnumerable<PublishedMedia> Flatten(PublishedMedia m) => m.Children.SelectMany(Flatten).Prepend(m);
    }

    public static PublishedSnapshot Empty { get; } = new(0, false, ContentSchema.Empty, [], [], [], []);

    /// <summary>The last change-feed sequence number this snapshot includes.</summary>
    public long Sequence { get; }

    /// <summary>True for a snapshot of drafts, built for previews; never cached or served publicly.</summary>
    public bool IsPreview { get; }

    public ContentSchema Schema { get; }
    public IReadOnlyList<PublishedContent> Roots { get; }
    public IReadOnlyList<PublishedContent> All { get; }
    public IReadOnlyList<PublishedMedia> MediaRoots { get; }
    public IEnumerable<PublishedMedia> AllMedia => mediaByKey.Values;

    /// <summary>The site's home page: the first root node, served at "/".</summary>
    public PublishedContent? Home => Roots.Count > 0 ? Roots[0] : null;

    public PublishedContent? Find(Guid key) => byKey.GetValueOrDefault(key);

    public PublishedMedia? FindMedia(Guid key) => mediaByKey.GetValueOrDefault(key);

    public PublishedMedia? FindMediaByPath(string path) => mediaByPath.GetValueOrDefault(ContentRoutes.Normalize(path));

    /// <summary>Finds a page by its public path; with or without the trailing slash.</summary>
    public PublishedContent? FindByRoute(string path) => byRoute.GetValueOrDefault(ContentRoutes.Normalize(path));

    /// <summary>The page an old URL should now redirect to, if that page is live.</summary>
    public PublishedContent? FindRedirect(string path) =>
        redirects.TryGetValue(ContentRoutes.Normalize(path), out var key) ? Find(key) : null;

    /// <summary>
    /// Where an old or retired path should now send the reader: a live page's current URL, or the fixed address of a
    /// manual redirect. Null when neither applies (a redirect to an unpublished page answers 404 until it is live).
    /// </summary>
    public string? FindRedirectLocation(string path)
    {
        var normalized = ContentRoutes.Normalize(path);
        return redirects.TryGetValue(normalized, out var key)
            ? Find(key)?.Url
            : addressRedirects.GetValueOrDefault(normalized);
    }

    public IEnumerable<KeyValuePair<string, Guid>> Redirects => redirects;
}
