using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscribers;

namespace SafeguardingSite.Bulletin.Bounces;

public enum BounceKind
{
    Hard,
    Soft,
    Complaint,
}

/// <summary>What happened to the address because of one report.</summary>
public enum BounceOutcome
{
    /// <summary>Not an address the bulletin knows; nothing to do (said the same way as any other outcome).</summary>
    Unknown,
    Counted,
    Suppressed,
}

/// <summary>
/// Reports of mail that bounced after the SMTP server had accepted it. A hard bounce or a complaint suppresses the
/// address at once; soft bounces are counted and suppress after <see cref="BulletinOptions.SuppressAfterSoftBounces"/>.
/// </summary>
public sealed class BounceReports(IDbContextFactory<BulletinDbContext> databases, SuppressionList suppressions, IOptions<BulletinOptions> options, TimeProvider clock)
{
    public async Task<BounceOutcome> ReportAsync(string email, BounceKind kind, string? diagnostic, CancellationToken cancellationToken)
    {
        var normalised = SuppressionList.Normalise(email);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Email == normalised, cancellationToken);
        var detail = string.IsNullOrWhiteSpace(diagnostic) ? kind.ToString() : $"{kind}: {diagnostic.Trim()}";
        if (subscriber is null)
        {
            return BounceOutcome.Unknown;
        }

        db.Events.Add(new SubscriptionEvent { SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.Bounced, At = clock.GetUtcNow().UtcDateTime, Detail = Clip(detail) });
        var outcome = BounceOutcome.Counted;
        if (kind == BounceKind.Soft)
        {
            subscriber.SoftBounces++;
        }

        if (kind != BounceKind.Soft || subscriber.SoftBounces >= options.Value.SuppressAfterSoftBounces)
        {
            var reason = kind == BounceKind.Complaint ? SuppressionReason.Complaint : SuppressionReason.HardBounce;
            await suppressions.AddAsync(db, normalised, reason, kind == BounceKind.Soft ? $"{subscriber.SoftBounces} soft bounces; last: {detail}" : detail, cancellationToken);
            outcome = BounceOutcome.Suppressed;
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    private static string Clip(string text) => text.Length > 500 ? text[..500] : text;
}
