using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Bulletin.Sending;

/// <summary>Sends a confirmation or an "already subscribed" note outside the request, so the form answers in the same time either way.</summary>
public sealed class SubscriptionMailJob(IDbContextFactory<BulletinDbContext> databases, BulletinMessages messages, IMailSender mail)
{
    public async Task SendAsync(Guid subscriberId, SubscriptionMail kind, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is not null)
        {
            await mail.SendAsync(messages.Subscription(subscriber, kind), cancellationToken);
        }
    }
}
