namespace SafeguardingSite.Content.Model;

/// <summary>The hash of each uSync file as last imported, so an unchanged file is skipped and re-imports are idempotent.</summary>
public sealed class USyncImportState
{
    public required string File { get; set; }
    public required string Hash { get; set; }
    public DateTime ImportedAt { get; set; }
}
