using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscribers;
using SafeguardingSite.Bulletin.Tracking;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Bulletin.Sending;

/// <summary>
/// Works through the delivery rows: claims a batch with a conditional update (only rows still claimable change hands,
/// so two nodes never hold the same row), sends each over the shared SMTP connection, and records the outcome right
/// after the server accepts it. Safety alerts are claimed first. Each rate limit (per second, minute, hour) counts what
/// every node sent in its window and holds now, so it holds across the farm. When the per-second limit is used up the run
/// waits for the second to pass; when a longer one is, the run ends and a later minute's run carries on.
/// </summary>
public sealed class DeliveryPump(
    IDbContextFactory<BulletinDbContext> databases,
    EditionService editions,
    BulletinMessages messages,
    BulletinLinks links,
    TrackingLinks tracking,
    SuppressionList suppressions,
    IMailSender mail,
    IOptions<BulletinOptions> options,
    TimeProvider clock,
    ILogger<DeliveryPump> logger)
{
    public const string RecurringJobId = "bulletin-send";

    /// <summary>Arbitrary but fixed; distinct from the migration lock.</summary>
    private const long ClaimLockId = 7243101;

    /// <summary>
    /// How often the recurring job starts a run. A run waits out a full window shorter than this, since otherwise a limit
    /// of ten a second would send ten a minute; a longer window is left to a later run.
    /// </summary>
    private static readonly TimeSpan TriggerInterval = TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await editions.StartDueAsync(cancellationToken);
        var settings = options.Value;
        while (!cancellationToken.IsCancellationRequested)
        {
            var owner = Guid.NewGuid();
            var (batch, freeAt) = await ClaimAsync(owner, settings, cancellationToken);
            if (freeAt is { } at)
            {
                var wait = at - clock.GetUtcNow().UtcDateTime;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }

                continue;
            }

            if (batch.Count == 0)
            {
                break;
            }

            await SendBatchAsync(owner, batch, settings, cancellationToken);
            await PauseFailingEditionsAsync([.. batch.Select(d => d.EditionId).Distinct()], settings);
        }

        await CompleteFinishedEditionsAsync(CancellationToken.None);
    }

    /// <summary>
    /// Takes as many due rows as every rate limit allows. Each limit's budget counts what was sent in its window and what
    /// other workers hold right now, and is worked out under a lock every node respects: two runs starting together (the
    /// minutely trigger and a "send now", or two nodes) would otherwise both see the whole budget and send double. When
    /// only short windows are full and there is something to send, says when the first of them frees up.
    /// </summary>
    private async Task<(List<Delivery> Batch, DateTime? FreeAt)> ClaimAsync(Guid owner, BulletinOptions settings, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.RunExclusivelyAsync(ClaimLockId, async () =>
        {
            var budget = settings.BatchSize;
            var full = new List<SendingRate>();
            foreach (var rate in settings.SendingRates())
            {
                var since = now - rate.Window;
                var used = await db.Deliveries.CountAsync(d => d.SentAt > since || (d.Status == DeliveryStatus.Sending && d.LeaseUntil >= now), cancellationToken);
                budget = Math.Min(budget, rate.Limit - used);
                if (rate.Limit <= used)
                {
                    full.Add(rate);
                }
            }

            if (budget <= 0)
            {
                return (new List<Delivery>(), await FreeAtAsync(db, full, now, cancellationToken));
            }

            var candidates = await Claimable(db, db.Deliveries, now)
                .OrderByDescending(d => d.Priority).ThenBy(d => d.Id).Select(d => d.Id).Take(budget).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return (new List<Delivery>(), (DateTime?)null);
            }

            var leaseUntil = now + settings.ClaimLease;
            await Claimable(db, db.Deliveries.Where(d => candidates.Contains(d.Id)), now).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.LeaseOwner, owner)
                .SetProperty(d => d.LeaseUntil, leaseUntil)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
            var batch = await db.Deliveries.AsNoTracking().Where(d => d.LeaseOwner == owner && d.Status == DeliveryStatus.Sending)
                .OrderByDescending(d => d.Priority).ThenBy(d => d.Id).ToListAsync(cancellationToken);
            return (batch, (DateTime?)null);
        }, cancellationToken);
    }

    /// <summary>
    /// When the full windows let the next message go, if they are all short enough to wait for and something is waiting
    /// to be sent; otherwise null, and the run ends. Rows held by other workers free up only when sent, so with nothing
    /// sent in the window the run looks again a whole window later.
    /// </summary>
    private static async Task<DateTime?> FreeAtAsync(BulletinDbContext db, List<SendingRate> full, DateTime now, CancellationToken cancellationToken)
    {
        if (full.Any(r => r.Window >= TriggerInterval) || !await Claimable(db, db.Deliveries, now).AnyAsync(cancellationToken))
        {
            return null;
        }

        var freeAt = now;
        foreach (var rate in full)
        {
            var since = now - rate.Window;
            var oldest = await db.Deliveries.Where(d => d.SentAt > since).MinAsync(d => d.SentAt, cancellationToken);
            var free = (oldest ?? now) + rate.Window;
            freeAt = free > freeAt ? free : freeAt;
        }

        return freeAt;
    }

    /// <summary>
    /// Due rows of editions that are sending: a pause or cancel in the database stops every worker at its next claim,
    /// since the edition's status is checked in the same statement that takes the rows.
    /// </summary>
    private static IQueryable<Delivery> Claimable(BulletinDbContext db, IQueryable<Delivery> deliveries, DateTime now) =>
        deliveries.Where(d => ((d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            || (d.Status == DeliveryStatus.Sending && d.LeaseUntil < now))
            && db.Editions.Any(e => e.Id == d.EditionId && e.Status == EditionStatus.Sending));

    private async Task SendBatchAsync(Guid owner, List<Delivery> batch, BulletinOptions settings, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var editionIds = batch.Select(d => d.EditionId).Distinct().ToList();
        var subscriberIds = batch.Select(d => d.SubscriberId).Distinct().ToList();
        var editionsById = await db.Editions.AsNoTracking().Where(e => editionIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, CancellationToken.None);
        var subscribers = await db.Subscribers.Where(s => subscriberIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, CancellationToken.None);
        var index = 0;
        try
        {
            for (; index < batch.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await SendOneAsync(db, batch[index], editionsById[batch[index].EditionId], subscribers.GetValueOrDefault(batch[index].SubscriberId), settings, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand back what this worker has not sent so the next run need not wait for the lease.
            var unsent = batch.Skip(index).Select(d => d.Id).ToList();
            await db.Deliveries.Where(d => unsent.Contains(d.Id) && d.LeaseOwner == owner && d.Status == DeliveryStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.LeaseOwner, (Guid?)null)
                    .SetProperty(d => d.Attempts, d => d.Attempts - 1), CancellationToken.None);
            throw;
        }
    }

    private async Task SendOneAsync(BulletinDbContext db, Delivery claimed, Edition edition, Subscriber? subscriber, BulletinOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await StillHeldAsync(db, claimed, settings, now))
        {
            return;
        }

        if (subscriber?.Status != SubscriberStatus.Subscribed)
        {
            await RecordAsync(db, claimed, DeliveryStatus.Skipped, subscriber is null ? "Subscriber was erased." : $"Subscriber is {subscriber.Status}.", null, null);
            return;
        }

        try
        {
            var message = messages.Edition(edition, subscriber, links.Archive(edition.Slug), claimed.Id);
            if (edition.TrackingEnabled)
            {
                tracking.Instrument(message, claimed.Id);
            }

            await mail.SendAsync(message, cancellationToken);
        }
        catch (MailDeliveryException ex) when (ex.IsPermanent)
        {
            await RecordAsync(db, claimed, DeliveryStatus.Failed, ex.Message, null, null);
            await CountPermanentFailureAsync(db, subscriber, ex, settings, now);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The sender already retried a few times; defer this recipient and let the rest of the batch go.
            var giveUp = claimed.Attempts >= settings.MaxAttempts;
            logger.LogWarning(ex, "Bulletin delivery {Delivery} failed (attempt {Attempt})", claimed.Id, claimed.Attempts);
            var retryAt = now + settings.RetryDelay * Math.Pow(2, claimed.Attempts - 1);
            await RecordAsync(db, claimed, giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending, ex.Message, null, retryAt);
            return;
        }

        await RecordAsync(db, claimed, DeliveryStatus.Sent, null, clock.GetUtcNow().UtcDateTime, null);
    }

    /// <summary>
    /// Renews this worker's lease just before the message goes out, as long as its edition is still sending. A worker
    /// that was slow enough for its lease to lapse finds the row taken and leaves it, rather than sending twice; a pause
    /// or cancel takes effect at the next message instead of the next batch.
    /// </summary>
    private static async Task<bool> StillHeldAsync(BulletinDbContext db, Delivery claimed, BulletinOptions settings, DateTime now)
    {
        var ours = db.Deliveries.Where(d => d.Id == claimed.Id && d.LeaseOwner == claimed.LeaseOwner && d.Status == DeliveryStatus.Sending);
        var renewed = await ours.Where(d => db.Editions.Any(e => e.Id == d.EditionId && e.Status == EditionStatus.Sending))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, now + settings.ClaimLease), CancellationToken.None);
        if (renewed == 1)
        {
            return true;
        }

        await ours.Where(d => db.Editions.Any(e => e.Id == d.EditionId && e.Status == EditionStatus.Cancelled))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled).SetProperty(d => d.LeaseOwner, (Guid?)null), CancellationToken.None);
        await ours.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.LeaseOwner, (Guid?)null)
            .SetProperty(d => d.Attempts, d => d.Attempts - 1), CancellationToken.None);
        return false;
    }

    /// <summary>Written only if this worker still holds the row, and never cancelled: a sent message must be recorded.</summary>
    private static Task<int> RecordAsync(BulletinDbContext db, Delivery claimed, DeliveryStatus status, string? error, DateTime? sentAt, DateTime? retryAt)
    {
        var message = error is { Length: > 1000 } ? error[..1000] : error;
        return db.Deliveries.Where(d => d.Id == claimed.Id && d.LeaseOwner == claimed.LeaseOwner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.LastError, message)
                .SetProperty(d => d.SentAt, sentAt)
                .SetProperty(d => d.LeaseOwner, (Guid?)null)
                .SetProperty(d => d.LeaseUntil, (DateTime?)null)
                .SetProperty(d => d.NextAttemptAt, d => retryAt ?? d.NextAttemptAt), CancellationToken.None);
    }

    private async Task CountPermanentFailureAsync(BulletinDbContext db, Subscriber subscriber, MailDeliveryException ex, BulletinOptions settings, DateTime now)
    {
        subscriber.PermanentFailures++;
        if (subscriber.PermanentFailures >= settings.SuppressAfterPermanentFailures && subscriber.Status == SubscriberStatus.Subscribed)
        {
            await suppressions.AddAsync(db, subscriber.Email, SuppressionReason.HardBounce,
                $"{subscriber.PermanentFailures} permanent delivery failures; last: {ex.StatusCode}", CancellationToken.None);
            logger.LogInformation("Suppressed bulletin subscriber {Subscriber} after {Count} permanent failures", subscriber.Id, subscriber.PermanentFailures);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// Stops an edition whose failures pass the threshold: a broken relay or a bad list would otherwise burn through every
    /// address (and the sender's reputation). An editor resumes it once the cause is fixed.
    /// </summary>
    private async Task PauseFailingEditionsAsync(List<Guid> editionIds, BulletinOptions settings)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var outcomes = await db.Deliveries.Where(d => editionIds.Contains(d.EditionId) && (d.Status == DeliveryStatus.Sent || d.Status == DeliveryStatus.Failed))
            .GroupBy(d => d.EditionId)
            .Select(g => new { EditionId = g.Key, Total = g.Count(), Failed = g.Count(d => d.Status == DeliveryStatus.Failed) })
            .ToListAsync(CancellationToken.None);
        foreach (var edition in outcomes.Where(o => o.Total >= settings.AutoPauseMinimumAttempts && o.Failed > o.Total * settings.AutoPauseFailureRate))
        {
            var paused = await db.Editions.Where(e => e.Id == edition.EditionId && e.Status == EditionStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Paused), CancellationToken.None);
            if (paused > 0)
            {
                logger.LogWarning("Paused bulletin edition {Edition}: {Failed} of {Total} deliveries failed", edition.EditionId, edition.Failed, edition.Total);
            }
        }
    }

    private async Task CompleteFinishedEditionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Editions.Where(e => e.Status == EditionStatus.Sending
                && !db.Deliveries.Any(d => d.EditionId == e.Id && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Sending)))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Sent).SetProperty(e => e.SentAt, now), cancellationToken);
    }
}
