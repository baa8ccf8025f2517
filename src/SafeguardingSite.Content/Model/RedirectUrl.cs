namespace SafeguardingSite.Content.Model;

/// <summary>An old public path that now answers 301 with the node's current URL.</summary>
public sealed class RedirectUrl
{
    public long Id { get; set; }
    public required string OldPath { get; set; }
    public Guid NodeKey { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Manual redirects are added by editors; automatic ones come from renames and moves.</summary>
    public bool IsManual { get; set; }
}
