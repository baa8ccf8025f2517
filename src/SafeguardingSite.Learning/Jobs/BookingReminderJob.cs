using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Learning.Jobs;

/// <summary>
/// Sends reminders (a fortnight before, by default) and joining instructions (five days before) to confirmed learners.
/// Each mail is claimed first by inserting its <see cref="SentBookingMail"/> row, unique per booking and kind: a retried
/// job, a restarted node or a second node running at the same moment fails that insert and sends nothing. A send that
/// fails removes its claim so the retry sends it; a crash between the send and that removal loses one reminder rather
/// than sending two, which is the side we choose.
/// </summary>
public sealed class BookingReminderJob(
    IDbContextFactory<LearningDbContext> databases,
    LearningMessages messages,
    IMailSender mail,
    TimeProvider clock,
    IOptions<LearningOptions> options)
{
    public const string RecurringJobId = "learning-reminders";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var joining = now.AddDays(options.Value.JoiningInstructionsDaysBefore);
        var reminder = now.AddDays(options.Value.ReminderDaysBefore);
        var sent = 0;
        sent += await SendDueAsync(BookingMailKind.JoiningInstructions, now, joining, cancellationToken);
        sent += await SendDueAsync(BookingMailKind.Reminder, joining, reminder, cancellationToken);
        return sent;
    }

    private async Task<int> SendDueAsync(BookingMailKind kind, DateTime from, DateTime until, CancellationToken cancellationToken)
    {
        List<int> due;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Bookings
                .Where(b => b.Status == BookingStatus.Confirmed && b.Session!.Status == SessionStatus.Scheduled
                    && b.Session.StartsAt > from && b.Session.StartsAt <= until
                    && !db.SentMails.Any(m => m.BookingId == b.Id && m.Kind == kind))
                .OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var bookingId in due)
        {
            if (await TryClaimAsync(bookingId, kind, cancellationToken) is not { } claim)
            {
                continue;
            }

            try
            {
                if (await BookingMail.LoadAsync(databases, bookingId, cancellationToken) is { } booking)
                {
                    await mail.SendAsync(messages.Reminder(kind, booking), cancellationToken);
                    sent++;
                }
            }
            catch
            {
                await ReleaseClaimAsync(claim, CancellationToken.None);
                throw;
            }
        }

        return sent;
    }

    private async Task<long?> TryClaimAsync(int bookingId, BookingMailKind kind, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var claim = new SentBookingMail { BookingId = bookingId, Kind = kind, SentAt = clock.GetUtcNow().UtcDateTime };
        db.SentMails.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return claim.Id;
        }
        catch (DbUpdateException)
        {
            return null;
        }
    }

    private async Task ReleaseClaimAsync(long claimId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.SentMails.Where(m => m.Id == claimId).ExecuteDeleteAsync(cancellationToken);
    }
}
