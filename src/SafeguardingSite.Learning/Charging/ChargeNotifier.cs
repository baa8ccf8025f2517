using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Learning.Charging;

/// <summary>
/// Tells the learner, with their manager copied in, about a charge. Runs as a job; the charge row is claimed with a
/// short lease and stamped once sent, so a retried or duplicated job sends nothing more, and a sweep picks up any
/// notification whose job was lost.
/// </summary>
public sealed class ChargeNotifier(
    IDbContextFactory<LearningDbContext> databases,
    ChargeLedger ledger,
    IMailSender mail,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock)
{
    public const string SweepJobId = "learning-charge-notifications";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public async Task NotifyAsync(long chargeId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + Lease;
        var claimed = await db.Set<Charge>()
            .Where(c => c.Id == chargeId && c.NotifiedAt == null && (c.NotificationLeaseUntil == null || c.NotificationLeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NotificationLeaseUntil, leaseUntil), cancellationToken);
        if (claimed == 0 || await ledger.FindAsync(chargeId, cancellationToken) is not { } line)
        {
            return;
        }

        try
        {
            await mail.SendAsync(Message(line), cancellationToken);
        }
        catch
        {
            // Let the next attempt claim it straight away rather than after the lease.
            await db.Set<Charge>().Where(c => c.Id == chargeId && c.NotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NotificationLeaseUntil, (DateTime?)null), CancellationToken.None);
            throw;
        }

        var sentAt = clock.GetUtcNow().UtcDateTime;
        await db.Set<Charge>().Where(c => c.Id == chargeId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NotifiedAt, sentAt).SetProperty(c => c.NotificationLeaseUntil, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>Every charge not yet notified, for the recurring sweep.</summary>
    public async Task NotifyPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.Set<Charge>().AsNoTracking()
            .Where(c => c.NotifiedAt == null && (c.NotificationLeaseUntil == null || c.NotificationLeaseUntil < now))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var id in pending)
        {
            await NotifyAsync(id, cancellationToken);
        }
    }

    public MimeMessage Message(ChargeLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var charge = line.Charge;
        var when = TimeZoneInfo.ConvertTimeFromUtc(charge.SessionStartsAt, WorkingDayCalendar.UkTime).ToString("dddd d MMMM yyyy", UkCulture);
        var amount = Money(charge.Amount);
        var reason = charge.Kind == ChargeKind.NoShow
            ? $"Our register shows that you did not attend {line.CourseTitle} on {when}, and the place was not cancelled or passed to a colleague."
            : $"You cancelled your place on {line.CourseTitle} on {when} after the free cancellation period had ended.";
        var paragraphs = new[]
        {
            reason,
            $"Under the partnership's charging policy (version {charge.PolicyVersion}) a charge of {amount} will be invoiced to {line.OrganisationName}. Invoice reference: {charge.InvoiceReference}.",
            "Places on our courses are limited and in demand, and an empty seat is one another practitioner could have used. If you think this charge is wrong, reply to this email within 10 working days and tell us why.",
        };

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mailOptions.Value.FromName, mailOptions.Value.FromAddress));
        message.To.Add(new MailboxAddress(line.LearnerName, line.LearnerEmail));
        if (MailboxAddress.TryParse(line.ManagerEmail, out var manager) && !string.Equals(line.ManagerEmail, line.LearnerEmail, StringComparison.OrdinalIgnoreCase))
        {
            message.Cc.Add(manager);
        }

        message.Subject = $"Training charge of {amount}: {line.CourseTitle}";
        var text = $"Dear {line.LearnerName},\r\n\r\n" + string.Join("\r\n\r\n", paragraphs) + "\r\n";
        var html = "<div style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;background:#ffffff;max-width:640px;margin:0 auto;padding:16px\">" +
            $"<p>Dear {WebUtility.HtmlEncode(line.LearnerName)},</p>" +
            string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")) + "</div>";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = $"<!DOCTYPE html><html lang=\"en-GB\"><body>{html}</body></html>" }.ToMessageBody();
        return message;
    }

    public static string Money(decimal amount) => amount.ToString("C", UkCulture);
}
