using SafeguardingSite.Content.Model;

namespace SafeguardingSite.Content.Published;

/// <summary>A media library item as served to the site and the Delivery API.</summary>
public sealed class PublishedMedia
{
    private readonly List<PublishedMedia> children = [];

    internal PublishedMedia(MediaItem item)
    {
        Key = item.Key;
        ParentKey = item.ParentKey;
        Name = item.Name;
        MediaTypeAlias = item.MediaTypeAlias;
        UrlSegment = item.UrlSegment;
        SortOrder = item.SortOrder;
        FileUrl = item.FileUrl;
        MimeType = item.MimeType;
        Bytes = item.Bytes;
        AltText = item.AltText;
        Width = item.Width;
        Height = item.Height;
        CreateDate = item.CreateDate;
        UpdateDate = item.UpdateDate;
    }

    public Guid Key { get; }
    public Guid? ParentKey { get; }
    public string Name { get; }
    public string MediaTypeAlias { get; }
    public string UrlSegment { get; }
    public int SortOrder { get; }
    public string? FileUrl { get; }
    public string? MimeType { get; }
    public long Bytes { get; }
    public string? AltText { get; }
    public int? Width { get; }
    public int? Height { get; }
    public DateTime CreateDate { get; }
    public DateTime UpdateDate { get; }

    /// <summary>The media tree path, e.g. /leaflets/safer-sleep-leaflet/, used by the Delivery API's media-by-path.</summary>
    public string Path { get; internal set; } = "/";

    public PublishedMedia? Parent { get; internal set; }
    public IReadOnlyList<PublishedMedia> Children => children;

    public string? Extension => FileUrl is null ? null : System.IO.Path.GetExtension(FileUrl).TrimStart('.').ToLowerInvariant();

    internal void AddChild(PublishedMedia child) => children.Add(child);
}
