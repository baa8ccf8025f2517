namespace SafeguardingSite.Content.Model;

/// <summary>
/// The change feed every web node follows: a row is written in the same transaction as any change to published
/// content, and each node rebuilds its snapshot when it sees a sequence number it has not applied.
/// </summary>
public sealed class ContentChange
{
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public required string Kind { get; set; }
    public Guid? EntityKey { get; set; }
}
