using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.Bulletin.Subscribers;

namespace SafeguardingSite.Bulletin.Subscriptions;

public enum SubscribeOutcome
{
    /// <summary>Accepted. Deliberately the same whether the address was new, pending or already subscribed.</summary>
    Accepted,
    RateLimited,
}

public enum ConfirmOutcome
{
    Confirmed,
    InvalidOrExpired,
}

/// <summary>Where a request came from, as recorded with consent: the page and a keyed hash of the IP, never the IP.</summary>
public sealed record RequestOrigin(string SourceUrl, string? IpHash);

/// <summary>
/// Double opt-in subscriptions. Every accepted request takes the same path (a row written, a mail queued) so neither
/// the answer nor its timing shows whether an address is already on the list; what differs is only which mail the
/// address's owner receives.
/// </summary>
public sealed class SubscriptionService(
    IDbContextFactory<BulletinDbContext> databases,
    IBackgroundJobClient jobs,
    SuppressionList suppressions,
    IOptions<BulletinOptions> options,
    TimeProvider clock)
{
    public string HashIp(string? ip)
    {
        if (string.IsNullOrEmpty(ip))
        {
            return string.Empty;
        }

        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.IpHashKey), Encoding.UTF8.GetBytes(ip));
        return Convert.ToHexStringLower(hash);
    }

    public async Task<SubscribeOutcome> RequestAsync(SubscriberDetails details, RequestOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(origin);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!string.IsNullOrEmpty(origin.IpHash))
        {
            var since = now.AddHours(-1);
            var recent = await db.Events.CountAsync(e => e.IpHash == origin.IpHash && e.Kind == SubscriptionEventKind.Requested && e.At > since, cancellationToken);
            if (recent >= options.Value.SubscribeRequestsPerHour)
            {
                return SubscribeOutcome.RateLimited;
            }
        }

        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Email == details.Email, cancellationToken);
        if (subscriber is null)
        {
            subscriber = new Subscriber { Id = Guid.NewGuid(), Email = details.Email, CreatedAt = now, Status = SubscriberStatus.Pending };
            db.Subscribers.Add(subscriber);
            Apply(subscriber, details, origin, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same address submitted twice at once: the other request made the row, so carry on with it.
                db.ChangeTracker.Clear();
                subscriber = await db.Subscribers.FirstAsync(s => s.Email == details.Email, cancellationToken);
            }
        }

        // A bounce, complaint or an administrator's block outlives the subscriber row; only leaving or erasure can be undone by subscribing.
        var hash = suppressions.Hash(details.Email);
        var blocked = await db.Suppressions.AnyAsync(s => s.EmailHash == hash && s.Reason != SuppressionReason.Unsubscribed && s.Reason != SuppressionReason.Erased, cancellationToken);
        var mail = subscriber.Status switch
        {
            _ when blocked => (SubscriptionMail?)null,
            SubscriberStatus.Subscribed => SubscriptionMail.AlreadySubscribed,
            SubscriberStatus.Suppressed => null,
            _ => SubscriptionMail.Confirmation,
        };
        if (mail == SubscriptionMail.Confirmation)
        {
            // Details of someone already subscribed are never changed by an anonymous form: only by their own link.
            Apply(subscriber, details, origin, now);
            subscriber.Status = SubscriberStatus.Pending;
        }

        db.Events.Add(new SubscriptionEvent
        {
            SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.Requested, At = now, Wording = SubscribeForm.ConsentWording,
            SourceUrl = origin.SourceUrl, IpHash = origin.IpHash, Detail = mail?.ToString() ?? "suppressed: no mail",
        });
        await db.SaveChangesAsync(cancellationToken);
        if (mail is { } kind)
        {
            jobs.Enqueue<SubscriptionMailJob>(j => j.SendAsync(subscriber.Id, kind, CancellationToken.None));
        }

        return SubscribeOutcome.Accepted;
    }

    private static void Apply(Subscriber subscriber, SubscriberDetails details, RequestOrigin origin, DateTime now)
    {
        subscriber.Name = details.Name;
        subscriber.ServiceAreaId = details.ServiceAreaId;
        subscriber.Organisation = details.Organisation;
        subscriber.TopicIds = [.. details.TopicIds];
        subscriber.ConfirmationRequestedAt = now;
        subscriber.ConsentWording = SubscribeForm.ConsentWording;
        subscriber.ConsentSourceUrl = origin.SourceUrl;
        subscriber.ConsentIpHash = origin.IpHash;
    }

    public async Task<ConfirmOutcome> ConfirmAsync(Guid subscriberId, DateTime issuedAt, RequestOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is null || now - issuedAt > options.Value.ConfirmationLinkLifetime)
        {
            return ConfirmOutcome.InvalidOrExpired;
        }

        if (subscriber.Status == SubscriberStatus.Subscribed)
        {
            return ConfirmOutcome.Confirmed;
        }

        // Only the link from the latest request confirms: an older mail may have gone to someone else's inbox first.
        if (subscriber.Status != SubscriberStatus.Pending || Math.Abs((subscriber.ConfirmationRequestedAt - issuedAt).Ticks) > TimeSpan.TicksPerMillisecond)
        {
            return ConfirmOutcome.InvalidOrExpired;
        }

        subscriber.Status = SubscriberStatus.Subscribed;
        subscriber.ConfirmedAt = now;
        subscriber.UnsubscribedAt = null;
        subscriber.PermanentFailures = 0;
        subscriber.SoftBounces = 0;

        // Confirming from the mailed link is fresh consent: it overrides an earlier unsubscribe or erasure of this address.
        await suppressions.LiftAsync(db, subscriber.Email, cancellationToken);
        db.Events.Add(new SubscriptionEvent
        {
            SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.Confirmed, At = now, Wording = subscriber.ConsentWording,
            SourceUrl = origin.SourceUrl, IpHash = origin.IpHash,
        });
        await db.SaveChangesAsync(cancellationToken);
        return ConfirmOutcome.Confirmed;
    }

    public async Task<Subscriber?> FindAsync(Guid subscriberId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
    }

    public async Task<bool> UpdatePreferencesAsync(Guid subscriberId, SubscriberDetails details, RequestOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(origin);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }

        subscriber.Name = details.Name;
        subscriber.ServiceAreaId = details.ServiceAreaId;
        subscriber.Organisation = details.Organisation;
        subscriber.TopicIds = [.. details.TopicIds];
        db.Events.Add(new SubscriptionEvent
        {
            SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.PreferencesChanged, At = clock.GetUtcNow().UtcDateTime,
            SourceUrl = origin.SourceUrl, IpHash = origin.IpHash,
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Takes effect at once: sends already claimed for this person are skipped at send time.</summary>
    public async Task<bool> UnsubscribeAsync(Guid subscriberId, RequestOrigin origin, string how, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }

        if (subscriber.Status is SubscriberStatus.Unsubscribed)
        {
            return true;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        subscriber.Status = SubscriberStatus.Unsubscribed;
        subscriber.UnsubscribedAt = now;
        db.Events.Add(new SubscriptionEvent
        {
            SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.Unsubscribed, At = now, SourceUrl = origin.SourceUrl,
            IpHash = origin.IpHash, Detail = how,
        });
        await suppressions.AddAsync(db, subscriber.Email, SuppressionReason.Unsubscribed, how, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
