namespace SafeguardingSite.Content.Model;

/// <summary>One saved state of a node: its name, segment and every property value as one JSON document.</summary>
public sealed class ContentVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid NodeKey { get; set; }
    public int Number { get; set; }
    public required string Name { get; set; }
    public required string UrlSegment { get; set; }

    /// <summary>Property values keyed by alias. Culture variants will add a culture level without changing the column.</summary>
    public string ValuesJson { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public string? Note { get; set; }
}
