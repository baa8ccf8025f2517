namespace SafeguardingSite.Content.Model;

/// <summary>
/// A node in the content tree. Its values live in versions: <see cref="DraftVersionId"/> is what editors work on,
/// <see cref="PublishedVersionId"/> is what the public sees (null when unpublished).
/// </summary>
public sealed class ContentNode
{
    public Guid Key { get; set; } = Guid.NewGuid();
    public Guid? ParentKey { get; set; }
    public required string DocumentTypeAlias { get; set; }
    public int Level { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The draft's name and segment; the published ones are on the published version.</summary>
    public required string Name { get; set; }
    public required string UrlSegment { get; set; }

    public Guid DraftVersionId { get; set; }
    public Guid? PublishedVersionId { get; set; }

    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
    public string CreatedBy { get; set; } = "system";

    public DateTime? PublishAt { get; set; }
    public DateTime? ExpireAt { get; set; }

    /// <summary>In the recycle bin; <see cref="TrashedFromParentKey"/> remembers where it came from.</summary>
    public bool Trashed { get; set; }
    public Guid? TrashedFromParentKey { get; set; }
    public bool TrashedFromRoot { get; set; }

    /// <summary>Optimistic concurrency: bumped on every write so two editors (or two nodes) cannot overwrite each other.</summary>
    public int Revision { get; set; }
}
