using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;

namespace SafeguardingSite.Bulletin.Subscribers;

public sealed record SuppressionPage(IReadOnlyList<Suppression> Entries, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Addresses that are never mailed or imported. Adding one also stops its subscriber at once (status Suppressed), and
/// the sender skips anyone not subscribed at the moment of sending, so a suppression made mid-edition holds for the rest
/// of that edition. Entries are matched by a keyed hash of the normalised address.
/// </summary>
public sealed class SuppressionList(IDbContextFactory<BulletinDbContext> databases, IOptions<BulletinOptions> options, TimeProvider clock)
{
    public const int PageSize = 50;

    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public string Hash(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.IpHashKey), Encoding.UTF8.GetBytes(Normalise(email))));

    /// <summary>
    /// Records the suppression in <paramref name="db"/> (the caller saves): the entry, and the subscriber's status when they
    /// were still receiving mail. An existing entry keeps its first reason unless this one is an erasure.
    /// </summary>
    public async Task AddAsync(BulletinDbContext db, string email, SuppressionReason reason, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(email);
        var clipped = detail is { Length: > 500 } ? detail[..500] : detail;
        var entry = db.Suppressions.Local.FirstOrDefault(s => s.EmailHash == hash)
            ?? await db.Suppressions.FirstOrDefaultAsync(s => s.EmailHash == hash, cancellationToken);
        if (entry is null)
        {
            db.Suppressions.Add(new Suppression { EmailHash = hash, Email = reason == SuppressionReason.Erased ? null : Normalise(email), Reason = reason, At = now, Detail = clipped });
        }
        else if (reason == SuppressionReason.Erased)
        {
            entry.Reason = reason;
            entry.Email = null;
            entry.Detail = clipped;
            entry.At = now;
        }

        if (reason == SuppressionReason.Erased)
        {
            return;
        }

        var normalised = Normalise(email);
        var subscriber = db.Subscribers.Local.FirstOrDefault(s => s.Email == normalised)
            ?? await db.Subscribers.FirstOrDefaultAsync(s => s.Email == normalised, cancellationToken);
        if (subscriber is { Status: SubscriberStatus.Subscribed or SubscriberStatus.Pending } && reason != SuppressionReason.Unsubscribed)
        {
            subscriber.Status = SubscriberStatus.Suppressed;
            subscriber.UnsubscribedAt = now;
            db.Events.Add(new SubscriptionEvent { SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.Suppressed, At = now, Detail = $"{reason}: {clipped}" });
        }
    }

    /// <summary>Adds an entry on its own (an administrator, a bounce report).</summary>
    public async Task AddAsync(string email, SuppressionReason reason, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await AddAsync(db, email, reason, detail, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Removes the entry. A subscriber who had confirmed and was stopped only by the suppression is mailed again; one who
    /// unsubscribed stays unsubscribed (removing the entry only lets them be imported or subscribe again).
    /// </summary>
    public async Task<bool> RemoveAsync(long id, string actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var entry = await db.Suppressions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        db.Suppressions.Remove(entry);
        if (entry.Email is { } email && await db.Subscribers.FirstOrDefaultAsync(s => s.Email == email, cancellationToken) is { } subscriber
            && subscriber is { Status: SubscriberStatus.Suppressed, ConfirmedAt: not null })
        {
            subscriber.Status = SubscriberStatus.Subscribed;
            subscriber.UnsubscribedAt = null;
            subscriber.PermanentFailures = 0;
            subscriber.SoftBounces = 0;
            db.Events.Add(new SubscriptionEvent
            {
                SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.Unsuppressed, At = clock.GetUtcNow().UtcDateTime, Detail = $"Removed from the suppression list by {actor}",
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Drops the entry a fresh, confirmed subscription overrides (they left, or were erased, and came back).</summary>
    public Task LiftAsync(BulletinDbContext db, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = Hash(email);
        return db.Suppressions.Where(s => s.EmailHash == hash && (s.Reason == SuppressionReason.Unsubscribed || s.Reason == SuppressionReason.Erased))
            .ExecuteDeleteAsync(cancellationToken);
    }

    public static async Task<HashSet<string>> HashesAsync(BulletinDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. await db.Suppressions.Select(s => s.EmailHash).ToListAsync(cancellationToken)];
    }

    public async Task<SuppressionPage> ListAsync(SuppressionReason? reason, string? search, int page, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.Suppressions.AsNoTracking();
        if (reason is { } r)
        {
            query = query.Where(s => s.Reason == r);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = Normalise(search);
            var hash = Hash(search);
            query = query.Where(s => (s.Email != null && s.Email.Contains(term)) || s.EmailHash == hash);
        }

        var total = await query.CountAsync(cancellationToken);
        var current = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var entries = await query.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Skip((current - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new SuppressionPage(entries, current, PageSize, total);
    }
}
