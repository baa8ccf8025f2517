namespace SafeguardingSite.Content.Model;

public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string User { get; set; }

    /// <summary>What was acted on: document, media, documentType, dataType, redirect, apiKey.</summary>
    public required string EntityType { get; set; }
    public Guid? EntityKey { get; set; }
    public required string Action { get; set; }
    public string? Details { get; set; }
}
