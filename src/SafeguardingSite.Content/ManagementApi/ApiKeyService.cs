using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>A newly issued key. <see cref="Token"/> is shown once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Record, string Token);

/// <summary>
/// Issues, checks and revokes Management API keys. A token is sgk_{id}_{secret}: the id finds the row, the secret is
/// 256 random bits of which only the SHA-256 is stored. A fast hash is enough for a secret that long; the comparison
/// runs in constant time.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<ContentDbContext> contexts, TimeProvider clock)
{
    public const string TokenPrefix = "sgk_";
    public const int MaxNameLength = 100;
    private const int IdLength = 32;

    public async Task<IssuedApiKey> CreateAsync(string? name, string? group, string user, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmedName = name?.Trim() ?? string.Empty;
        if (trimmedName.Length is 0 or > MaxNameLength || MarkupRules.ContainsMarkup(trimmedName))
        {
            errors["name"] = [$"Give the key a plain-text name of 1 to {MaxNameLength} characters, saying who or what uses it."];
        }

        var canonicalGroup = UserGroups.Find(group);
        if (canonicalGroup is null)
        {
            errors["group"] = [$"'{group}' is not a user group. Use one of: {string.Join(", ", UserGroups.All)}."];
        }

        if (errors.Count > 0)
        {
            throw new ContentException(ContentErrorKind.Invalid, "The API key request needs correcting.", errors);
        }

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKey
        {
            Name = trimmedName,
            Group = canonicalGroup!,
            SecretHash = Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(record);
        Audit(db, user, record.Key, "Created", $"'{record.Name}' ({record.Group})");
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(record, $"{TokenPrefix}{record.Key:N}_{secret}");
    }

    /// <summary>The live key a token belongs to, or null for a malformed, unknown, wrong or revoked token.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            || token.Length <= TokenPrefix.Length + IdLength + 1
            || token[TokenPrefix.Length + IdLength] != '_'
            || !Guid.TryParseExact(token.AsSpan(TokenPrefix.Length, IdLength), "N", out var id))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Key == id, cancellationToken);
        var presented = Convert.FromHexString(Hash(token[(TokenPrefix.Length + IdLength + 1)..]));
        var stored = key is null ? new byte[presented.Length] : Convert.FromHexString(key.SecretHash);
        return key is { RevokedAt: null } && CryptographicOperations.FixedTimeEquals(presented, stored) ? key : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes a key at once; revoking it again changes nothing.</summary>
    public async Task<ApiKey> RevokeAsync(Guid id, string user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Key == id, cancellationToken) ?? throw ContentException.NotFound("API key", id);
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            Audit(db, user, key.Key, "Revoked", $"'{key.Name}'");
            await db.SaveChangesAsync(cancellationToken);
        }

        return key;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private void Audit(ContentDbContext db, string user, Guid key, string action, string details) => db.Audit.Add(new AuditEntry
    {
        At = clock.GetUtcNow().UtcDateTime,
        User = user,
        EntityType = "apiKey",
        EntityKey = key,
        Action = action,
        Details = details,
    });
}
