using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;

namespace SafeguardingSite.Bulletin.Tracking;

/// <summary>
/// Stores an open or a click, but only for an edition that has tracking on and a delivery whose subscriber still exists:
/// an erased person's deliveries lead to no one, so nothing more is ever recorded about them.
/// </summary>
public sealed class TrackingRecorder(IDbContextFactory<BulletinDbContext> databases, TimeProvider clock)
{
    public async Task<bool> RecordAsync(long deliveryId, TrackingKind kind, string? url, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var delivery = await (from d in db.Deliveries
                              join e in db.Editions on d.EditionId equals e.Id
                              where d.Id == deliveryId && e.TrackingEnabled && db.Subscribers.Any(s => s.Id == d.SubscriberId)
                              select new { d.Id, d.EditionId }).FirstOrDefaultAsync(cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        db.TrackingEvents.Add(new TrackingEvent { EditionId = delivery.EditionId, DeliveryId = delivery.Id, Kind = kind, At = clock.GetUtcNow().UtcDateTime, Url = url });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
