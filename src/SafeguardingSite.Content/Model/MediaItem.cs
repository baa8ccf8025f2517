namespace SafeguardingSite.Content.Model;

public static class MediaTypes
{
    public const string Folder = "Folder";
    public const string Image = "Image";
    public const string File = "File";
}

/// <summary>An item in the media library: a folder, or an uploaded file with its stored location.</summary>
public sealed class MediaItem
{
    public Guid Key { get; set; } = Guid.NewGuid();
    public Guid? ParentKey { get; set; }
    public required string Name { get; set; }
    public required string MediaTypeAlias { get; set; }
    public required string UrlSegment { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Public URL of the file, e.g. /media/3f2a…/leaflet.pdf; null for folders.</summary>
    public string? FileUrl { get; set; }
    public string? MimeType { get; set; }
    public long Bytes { get; set; }
    public string? AltText { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }

    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
    public bool Trashed { get; set; }
    public int Revision { get; set; }
}
