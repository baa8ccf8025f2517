using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>One choice in the media list's type filter: a media type alias or a format's MIME type.</summary>
public sealed record MediaTypeChoice(string Value, string Label);

public sealed record MediaListPage(
    MediaItem? Folder,
    IReadOnlyList<MediaItem> Breadcrumbs,
    MediaQuery Query,
    MediaListing Listing,
    string? NewFolderName)
{
    public static IReadOnlyList<MediaTypeChoice> TypeChoices { get; } =
    [
        new(MediaTypes.Folder, "Folders"),
        new(MediaTypes.Image, "Images"),
        new(MediaFormat.Pdf.MimeType, "PDF documents"),
        new(MediaFormat.Docx.MimeType, "Word documents"),
        new(MediaFormat.Xlsx.MimeType, "Excel workbooks"),
    ];

    /// <summary>This list's address with another page number, keeping the folder, search, filter and order.</summary>
    public string UrlFor(int page)
    {
        var parts = new Dictionary<string, string?>
        {
            ["folder"] = Query.ParentKey?.ToString(),
            ["q"] = Query.Search,
            ["type"] = Query.Type,
            ["sort"] = Query.Sort == MediaSort.Name ? null : Query.Sort.ToString().ToLowerInvariant(),
            ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        var query = string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!)));
        return "/umbraco/media" + (query.Length > 0 ? "?" + query : string.Empty);
    }
}

/// <summary>What the upload form sends back; kept on a failed upload so nothing typed is lost (browsers never keep the file).</summary>
public sealed class MediaUploadForm
{
    public Guid? Folder { get; set; }
    public string? Name { get; set; }
    public string? AltText { get; set; }
}

public sealed record MediaUploadPage(MediaUploadForm Form, IReadOnlyList<MediaItem> Folders, long MaxUploadBytes);

public sealed class MediaDetailsForm
{
    public string? Name { get; set; }
    public string? AltText { get; set; }
    public int Revision { get; set; }
}

public sealed record MediaItemPage(
    MediaItem Item,
    IReadOnlyList<MediaItem> Breadcrumbs,
    IReadOnlyList<MediaUse> Uses,
    IReadOnlyList<MediaItem> Folders,
    MediaDetailsForm Details,
    long MaxUploadBytes)
{
    public bool IsImage => Item.MediaTypeAlias == MediaTypes.Image;
    public bool IsFolder => Item.MediaTypeAlias == MediaTypes.Folder;
}

public sealed record MediaDeletePage(MediaItem Item, IReadOnlyList<MediaUse> Uses, int ItemsInside);

public sealed record MediaRecycleBinPage(IReadOnlyList<MediaItem> Items, bool CanDeletePermanently);

public static class MediaDisplay
{
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024 * 1024.0):0.#} MB",
    };

    public static string Kind(MediaItem item) =>
        item.MediaTypeAlias == MediaTypes.Folder ? "Folder" : MediaFormat.All.FirstOrDefault(f => f.MimeType == item.MimeType)?.Name ?? "File";

    /// <summary>A small copy for lists, so a page of thumbnails does not download every full-size photo.</summary>
    public static string? Thumbnail(MediaItem item) =>
        item.MediaTypeAlias == MediaTypes.Image && item.FileUrl is { } url ? url + "?w=" + ImageVariants.Widths[0] : null;

    public static string Accept => string.Join(',', MediaFormat.All.SelectMany(f => f.Extensions.Select(e => "." + e)).Concat(MediaFormat.All.Select(f => f.MimeType)));
}
