using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>
/// Mails the after-course questions when a register closes and the follow-up three months after the session. Each
/// invitation is claimed first by inserting its <see cref="SentEvaluationMail"/> row (unique per booking, stage and
/// respondent), as the booking reminders do: a retried job, a restarted node or a second node fails the insert and
/// sends nothing. A failed send removes its claim so the retry sends it.
/// </summary>
public sealed class EvaluationInvitationJob(
    IDbContextFactory<LearningDbContext> databases,
    EvaluationMessages messages,
    QuestionnaireService questionnaires,
    IMailSender mail,
    TimeProvider clock,
    IOptions<EvaluationOptions> options)
{
    public const string RecurringJobId = "learning-evaluation";

    /// <summary>Registers closed this long ago are still swept for after-course invitations whose job was lost.</summary>
    private static readonly TimeSpan AfterCourseSweep = TimeSpan.FromDays(7);

    /// <summary>Queued when a register closes.</summary>
    public async Task<int> SendAfterCourseAsync(int sessionId, CancellationToken cancellationToken)
    {
        List<(int BookingId, Attendance Attendance)> due;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            due = [.. (await DueAfterCourse(db).Where(x => x.SessionId == sessionId).Select(x => new { x.BookingId, x.Attendance }).ToListAsync(cancellationToken))
                .Select(x => (x.BookingId, x.Attendance))];
        }

        return await SendAfterCourseAsync(due, cancellationToken);
    }

    /// <summary>The hourly run: follow-ups that have fallen due, and any after-course invitation a lost job did not send.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now.AddMonths(-options.Value.FollowUpAfterMonths);
        var tooLate = dueBefore.AddDays(-options.Value.FollowUpWindowDays);
        var sweepFrom = now - AfterCourseSweep;
        List<(int BookingId, Attendance Attendance)> afterCourse;
        List<int> followUps;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            afterCourse = [.. (await DueAfterCourse(db).Where(x => x.ClosedAt >= sweepFrom).Select(x => new { x.BookingId, x.Attendance }).ToListAsync(cancellationToken))
                .Select(x => (x.BookingId, x.Attendance))];
            followUps = await (
                from m in db.Set<RegisterMark>()
                join r in db.Set<SessionRegister>() on m.SessionId equals r.SessionId
                join s in db.Sessions on m.SessionId equals s.Id
                where r.Status == RegisterStatus.Closed && EvaluationService.Present.Contains(m.Attendance)
                    && s.EndsAt <= dueBefore && s.EndsAt > tooLate
                    && !db.Set<SentEvaluationMail>().Any(x => x.BookingId == m.BookingId && x.Stage == EvaluationStage.FollowUp && x.Respondent == Respondent.Learner)
                orderby m.BookingId
                select m.BookingId).ToListAsync(cancellationToken);
        }

        var sent = await SendAfterCourseAsync(afterCourse, cancellationToken);
        foreach (var bookingId in followUps)
        {
            sent += await SendClaimedAsync(bookingId, EvaluationStage.FollowUp, Respondent.Learner, messages.FollowUp, cancellationToken);
            sent += await SendClaimedAsync(bookingId, EvaluationStage.FollowUp, Respondent.Manager, async (booking, ct) =>
                !string.IsNullOrEmpty(booking.Learner!.ManagerEmail)
                && (await questionnaires.ForCourseAsync(booking.Session!.CourseId, EvaluationStage.FollowUp, ct))?.Questions.Any(q => q.ForManager) == true
                    ? messages.ManagerFollowUp(booking) : null, cancellationToken);
        }

        return sent;
    }

    private static IQueryable<DueInvitation> DueAfterCourse(LearningDbContext db) =>
        from m in db.Set<RegisterMark>()
        join r in db.Set<SessionRegister>() on m.SessionId equals r.SessionId
        where r.Status == RegisterStatus.Closed && EvaluationService.Present.Contains(m.Attendance)
            && !db.Set<SentEvaluationMail>().Any(x => x.BookingId == m.BookingId && x.Stage == EvaluationStage.AfterCourse && x.Respondent == Respondent.Learner)
        orderby m.BookingId
        select new DueInvitation { BookingId = m.BookingId, SessionId = m.SessionId, Attendance = m.Attendance, ClosedAt = r.ClosedAt };

    private sealed class DueInvitation
    {
        public int BookingId { get; init; }
        public int SessionId { get; init; }
        public Attendance Attendance { get; init; }
        public DateTime? ClosedAt { get; init; }
    }

    private async Task<int> SendAfterCourseAsync(List<(int BookingId, Attendance Attendance)> due, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var (bookingId, attendance) in due)
        {
            sent += await SendClaimedAsync(bookingId, EvaluationStage.AfterCourse, Respondent.Learner,
                (booking, _) => Task.FromResult<MimeMessage?>(messages.AfterCourse(booking, attendance == Attendance.Attended)), cancellationToken);
        }

        return sent;
    }

    private Task<int> SendClaimedAsync(int bookingId, EvaluationStage stage, Respondent respondent, Func<Booking, MimeMessage> build, CancellationToken cancellationToken) =>
        SendClaimedAsync(bookingId, stage, respondent, (booking, _) => Task.FromResult<MimeMessage?>(build(booking)), cancellationToken);

    /// <param name="build">The mail, or null when there is nobody to send it to; the claim stays either way so it is not reconsidered.</param>
    private async Task<int> SendClaimedAsync(int bookingId, EvaluationStage stage, Respondent respondent, Func<Booking, CancellationToken, Task<MimeMessage?>> build, CancellationToken cancellationToken)
    {
        if (await TryClaimAsync(bookingId, stage, respondent, cancellationToken) is not { } claim)
        {
            return 0;
        }

        try
        {
            if (await BookingMail.LoadAsync(databases, bookingId, cancellationToken) is { } booking && await build(booking, cancellationToken) is { } message)
            {
                await mail.SendAsync(message, cancellationToken);
                return 1;
            }

            return 0;
        }
        catch
        {
            await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
            await db.Set<SentEvaluationMail>().Where(m => m.Id == claim).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<long?> TryClaimAsync(int bookingId, EvaluationStage stage, Respondent respondent, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var claim = new SentEvaluationMail { BookingId = bookingId, Stage = stage, Respondent = respondent, SentAt = clock.GetUtcNow().UtcDateTime };
        db.Add(claim);
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
}
