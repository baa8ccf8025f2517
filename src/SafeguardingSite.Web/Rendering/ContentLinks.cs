using System.Globalization;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Rendering;

/// <summary>A link ready for a template: a picked page or file resolves to its current URL, or is dropped if not live.</summary>
public sealed record ResolvedLink(string Text, string Href, bool NewWindow, bool IsExternal, PublishedMedia? File);

public static class ContentLinks
{
    public static IReadOnlyList<ResolvedLink> Resolve(PublishedSnapshot snapshot, IEnumerable<StoredLink> links)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(links);
        var resolved = new List<ResolvedLink>();
        foreach (var link in links)
        {
            if (link.ContentKey is { } contentKey)
            {
                if (snapshot.Find(contentKey) is { } page)
                {
                    resolved.Add(new ResolvedLink(Fallback(link.Name, page.Name), page.Url, link.NewWindow, false, null));
                }
            }
            else if (link.MediaKey is { } mediaKey)
            {
                if (snapshot.FindMedia(mediaKey) is { FileUrl: { } fileUrl } media)
                {
                    resolved.Add(new ResolvedLink(Fallback(link.Name, media.Name), fileUrl, link.NewWindow, false, media));
                }
            }
            else if (!string.IsNullOrEmpty(link.Url))
            {
                var external = Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
                resolved.Add(new ResolvedLink(Fallback(link.Name, link.Url), link.Url, link.NewWindow, external, null));
            }
        }

        return resolved;
    }

    public static IReadOnlyList<PublishedMedia> Media(PublishedSnapshot snapshot, IEnumerable<Guid> keys)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return keys.Select(snapshot.FindMedia).OfType<PublishedMedia>().ToList();
    }

    /// <summary>"PDF, 245 KB": what a reader on a phone needs to know before downloading.</summary>
    public static string Describe(PublishedMedia file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = (file.Extension ?? "file").ToUpperInvariant() switch
        {
            "DOCX" or "DOC" => "Word document",
            "XLSX" or "XLS" => "Excel spreadsheet",
            var other => other,
        };
        return $"{format}, {Size(file.Bytes)}";
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(bytes / 1024d))} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024d):0.#} MB"),
    };

    private static string Fallback(string text, string alternative) => string.IsNullOrWhiteSpace(text) ? alternative : text;
}
