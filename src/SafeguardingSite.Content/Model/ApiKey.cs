namespace SafeguardingSite.Content.Model;

/// <summary>An administrator-issued key for the Management API. Only a hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public Guid Key { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public required string SecretHash { get; set; }

    /// <summary>The user group whose permissions the key carries: Administrator, Editor or Writer.</summary>
    public required string Group { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
