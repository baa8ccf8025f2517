using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Learning.Mail;

/// <summary>Sends the mail for one booking event, reading the booking as it is now (the learner may have deleted their account).</summary>
public sealed class LearningMailJob(IDbContextFactory<LearningDbContext> databases, LearningMessages messages, IMailSender mail)
{
    public async Task SendAsync(LearningMail kind, int bookingId, CancellationToken cancellationToken)
    {
        if (await BookingMail.LoadAsync(databases, bookingId, cancellationToken) is not { } booking)
        {
            return;
        }

        await mail.SendAsync(messages.Booking(kind, booking), cancellationToken);
        if (kind == LearningMail.ApprovalRequested && !string.IsNullOrEmpty(booking.Learner!.ManagerEmail))
        {
            await mail.SendAsync(messages.ApprovalRequest(booking), cancellationToken);
        }
    }
}

internal static class BookingMail
{
    public static async Task<Booking?> LoadAsync(IDbContextFactory<LearningDbContext> databases, int bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking().AsSplitQuery()
            .Include(b => b.Learner)
            .Include(b => b.Session).ThenInclude(s => s!.Course)
            .Include(b => b.Session).ThenInclude(s => s!.Dates)
            .FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
    }
}
