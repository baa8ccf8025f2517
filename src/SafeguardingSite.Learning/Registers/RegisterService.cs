using Hangfire;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Registers;

/// <summary>One learner on a register: their booking, who they are and the mark saved so far.</summary>
public sealed record RegisterLine(int BookingId, string LearnerName, string OrganisationName, Attendance? Attendance);

/// <summary>A session's register as the trainer sees it.</summary>
public sealed record RegisterSheet(CourseSession Session, Course Course, SessionRegister? Register, IReadOnlyList<RegisterLine> Lines)
{
    public bool IsClosed => Register?.Status == RegisterStatus.Closed;
}

/// <summary>A session on the trainer's list of registers.</summary>
public sealed record RegisterSummary(int SessionId, string CourseTitle, DateTime StartsAt, string? Trainer, int Booked, RegisterStatus? Status);

/// <summary>A charge closing the register would raise.</summary>
public sealed record PlannedCharge(Booking Booking, ChargeQuote Quote, ChargingPolicyVersion Policy);

public enum RegisterOutcome
{
    Saved,
    Closed,
    AlreadyClosed,
    NotFound,
    Invalid,

    /// <summary>A register closes once the session has begun: before then nobody can have failed to come.</summary>
    NotStarted,
}

/// <param name="Errors">Field name → message, for the form.</param>
/// <param name="ChargesRaised">The charges this close raised; none when it was already closed.</param>
public sealed record RegisterResult(RegisterOutcome Outcome, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<Charge> ChargesRaised)
{
    public static RegisterResult Of(RegisterOutcome outcome) => new(outcome, new Dictionary<string, string>(), []);
}

/// <summary>
/// Trainers' registers: marks saved as a draft any number of times, then one close that raises the charges for
/// no-shows and late cancellations and queues the notifications.
/// </summary>
public sealed class RegisterService(
    IDbContextFactory<LearningDbContext> databases,
    ChargingPolicyService policies,
    ChargeLedger ledger,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    /// <summary>The field name a booking's mark is posted under: <c>mark-{bookingId}</c>.</summary>
    public static string FieldFor(int bookingId) => "mark-" + bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sessions from a week ago to a week ahead; a trainer sees those they deliver, a training administrator all.</summary>
    public async Task<IReadOnlyList<RegisterSummary>> ListAsync(string? trainer, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = db.Set<CourseSession>().AsNoTracking()
            .Where(s => s.Status != SessionStatus.Draft && s.Status != SessionStatus.Cancelled && s.StartsAt >= now.AddDays(-7) && s.StartsAt <= now.AddDays(7));
        if (trainer is not null)
        {
            var name = trainer.ToLower();
            sessions = sessions.Where(s => s.Trainer != null && s.Trainer.ToLower() == name);
        }

        var rows = await (
            from s in sessions
            join c in db.Set<Course>() on s.CourseId equals c.Id
            join r in db.Set<SessionRegister>() on s.Id equals r.SessionId into registers
            from r in registers.DefaultIfEmpty()
            orderby s.StartsAt
            select new
            {
                s.Id, c.Title, s.StartsAt, s.Trainer,
                Booked = db.Set<Booking>().Count(b => b.SessionId == s.Id && b.Status == BookingStatus.Confirmed),
                Status = r == null ? (RegisterStatus?)null : r.Status,
            }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RegisterSummary(r.Id, r.Title, r.StartsAt, r.Trainer, r.Booked, r.Status))];
    }

    public async Task<RegisterSheet?> SheetAsync(int sessionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await SheetAsync(sessionId, db, cancellationToken);
    }

    private static async Task<RegisterSheet?> SheetAsync(int sessionId, LearningDbContext db, CancellationToken cancellationToken)
    {
        var session = await db.Set<CourseSession>().AsNoTracking().Include(s => s.Dates).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var course = await db.Set<Course>().AsNoTracking().FirstAsync(c => c.Id == session.CourseId, cancellationToken);
        var register = await db.Set<SessionRegister>().AsNoTracking().FirstOrDefaultAsync(r => r.SessionId == sessionId, cancellationToken);
        var marks = await db.Set<RegisterMark>().AsNoTracking().Where(m => m.SessionId == sessionId).ToDictionaryAsync(m => m.BookingId, m => m.Attendance, cancellationToken);
        var lines = await (
            from b in db.Set<Booking>().AsNoTracking()
            where b.SessionId == sessionId && b.Status == BookingStatus.Confirmed
            join l in db.Set<Learner>() on b.LearnerId equals l.Id
            join o in db.Set<Organisation>() on b.OrganisationId equals o.Id
            orderby l.Name
            select new { b.Id, l.Name, Organisation = o.Name }).ToListAsync(cancellationToken);
        return new RegisterSheet(session, course, register,
            [.. lines.Select(l => new RegisterLine(l.Id, l.Name, l.Organisation, marks.TryGetValue(l.Id, out var a) ? a : null))]);
    }

    /// <summary>Checks the posted marks against the sheet: every value a known mark, every booking on it, nothing else.</summary>
    public static (Dictionary<int, Attendance> Marks, Dictionary<string, string> Errors) ReadMarks(
        RegisterSheet sheet, IReadOnlyDictionary<string, string?> posted, bool requireAll)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(posted);
        var marks = new Dictionary<int, Attendance>();
        var errors = new Dictionary<string, string>();
        foreach (var line in sheet.Lines)
        {
            var field = FieldFor(line.BookingId);
            var value = posted.TryGetValue(field, out var v) ? v : null;
            if (string.IsNullOrEmpty(value))
            {
                if (requireAll)
                {
                    errors[field] = $"Choose how {line.LearnerName} attended before closing the register";
                }
            }
            else if (value.All(char.IsAsciiLetter) && Enum.TryParse<Attendance>(value, ignoreCase: false, out var attendance) && Enum.IsDefined(attendance))
            {
                marks[line.BookingId] = attendance;
            }
            else
            {
                errors[field] = $"Choose attended, partly attended, late or no-show for {line.LearnerName}";
            }
        }

        return (marks, errors);
    }

    /// <param name="requireAll">True when the trainer is about to close: every learner must have a mark.</param>
    public async Task<RegisterResult> SaveDraftAsync(int sessionId, IReadOnlyDictionary<string, string?> posted, bool requireAll, string actor, CancellationToken cancellationToken)
    {
        var sheet = await SheetAsync(sessionId, cancellationToken);
        if (sheet is null)
        {
            return RegisterResult.Of(RegisterOutcome.NotFound);
        }

        if (sheet.IsClosed)
        {
            return RegisterResult.Of(RegisterOutcome.AlreadyClosed);
        }

        var (marks, errors) = ReadMarks(sheet, posted, requireAll);
        if (errors.Count > 0)
        {
            return new RegisterResult(RegisterOutcome.Invalid, errors, []);
        }

        await EnsureRegisterAsync(sessionId, actor, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        // Touching the draft row takes its lock, so a close running at the same moment waits for these marks or wins first.
        var stillDraft = await db.Set<SessionRegister>().Where(r => r.SessionId == sessionId && r.Status == RegisterStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.UpdatedBy, actor), cancellationToken);
        if (stillDraft == 0)
        {
            return RegisterResult.Of(RegisterOutcome.AlreadyClosed);
        }

        await WriteMarksAsync(db, sessionId, marks, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RegisterResult.Of(RegisterOutcome.Saved);
    }

    /// <summary>The charges closing would raise now, for the confirmation page.</summary>
    public async Task<IReadOnlyList<PlannedCharge>> PreviewAsync(RegisterSheet sheet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await PlanChargesAsync(db, sheet, cancellationToken);
    }

    /// <summary>
    /// Closes the register with the marks saved on it, raising its charges in the same transaction. The close is a
    /// conditional update from draft, so a second close (double click, second trainer, retried request) changes
    /// nothing and raises nothing.
    /// </summary>
    public async Task<RegisterResult> CloseAsync(int sessionId, string actor, CancellationToken cancellationToken)
    {
        var sheet = await SheetAsync(sessionId, cancellationToken);
        if (sheet is null)
        {
            return RegisterResult.Of(RegisterOutcome.NotFound);
        }

        if (sheet.IsClosed)
        {
            return RegisterResult.Of(RegisterOutcome.AlreadyClosed);
        }

        if (clock.GetUtcNow().UtcDateTime < sheet.Session.StartsAt)
        {
            return RegisterResult.Of(RegisterOutcome.NotStarted);
        }

        var unmarked = sheet.Lines.Where(l => l.Attendance is null).ToDictionary(l => FieldFor(l.BookingId), l => $"Choose how {l.LearnerName} attended before closing the register");
        if (unmarked.Count > 0)
        {
            return new RegisterResult(RegisterOutcome.Invalid, unmarked, []);
        }

        await EnsureRegisterAsync(sessionId, actor, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = await db.Set<SessionRegister>().Where(r => r.SessionId == sessionId && r.Status == RegisterStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegisterStatus.Closed).SetProperty(r => r.ClosedAt, now)
                .SetProperty(r => r.ClosedBy, actor).SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.UpdatedBy, actor), cancellationToken);
        if (closed == 0)
        {
            return RegisterResult.Of(RegisterOutcome.AlreadyClosed);
        }

        // Read again under the register's lock: these are the marks the close stands on.
        var locked = await SheetAsync(sessionId, db, cancellationToken);
        var charges = (await PlanChargesAsync(db, locked!, cancellationToken))
            .Select(p => ledger.NewCharge(p.Booking, locked!.Session, p.Quote, p.Policy, actor)).ToList();
        db.AddRange(charges);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var charge in charges)
        {
            jobs.Enqueue<ChargeNotifier>(n => n.NotifyAsync(charge.Id, CancellationToken.None));
        }

        // Closing the register is what opens the after-course questions (and, through them, the certificates).
        jobs.Enqueue<EvaluationInvitationJob>(j => j.SendAfterCourseAsync(sessionId, CancellationToken.None));

        return new RegisterResult(RegisterOutcome.Closed, new Dictionary<string, string>(), charges);
    }

    /// <summary>
    /// A no-show is charged under the policy in force when the session began; a late cancellation under the version
    /// the learner was quoted when they cancelled. Bookings already charged, and quotes that come to nothing
    /// (exempt, no rate), raise nothing.
    /// </summary>
    private async Task<List<PlannedCharge>> PlanChargesAsync(LearningDbContext db, RegisterSheet sheet, CancellationToken cancellationToken)
    {
        var sessionId = sheet.Session.Id;
        var length = SessionLength.Of(sheet.Session, sheet.Course);
        var noShowPolicy = await policies.InForceAtAsync(sheet.Session.StartsAt, cancellationToken);
        var noShows = sheet.Lines.Where(l => l.Attendance == Attendance.NoShow).Select(l => l.BookingId).ToList();
        var lateCancellations = await (
            from c in db.Set<SelfCancellation>()
            join b in db.Set<Booking>() on c.BookingId equals b.Id
            where b.SessionId == sessionId && b.Status == BookingStatus.Cancelled && c.IsLate
            select c).ToListAsync(cancellationToken);
        var bookingIds = noShows.Concat(lateCancellations.Select(c => c.BookingId)).ToList();
        var bookings = await db.Set<Booking>().AsNoTracking().Where(b => bookingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var organisationIds = bookings.Values.Select(b => b.OrganisationId).Distinct().ToList();
        var organisations = await db.Set<Organisation>().AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new ChargeableOrganisation(o.Id, o.Sector, o.IsChargeExempt), cancellationToken);
        var alreadyCharged = (await db.Set<Charge>().Where(c => bookingIds.Contains(c.BookingId)).Select(c => c.BookingId).ToListAsync(cancellationToken)).ToHashSet();
        var quotedPolicies = await LatePoliciesAsync(db, lateCancellations, cancellationToken);

        var planned = new List<PlannedCharge>();
        void Plan(int bookingId, ChargeKind kind, ChargingPolicyVersion policy)
        {
            var booking = bookings[bookingId];
            var quote = ChargeCalculator.Quote(kind, length, organisations[booking.OrganisationId], policy.Terms);
            if (quote.IsCharged && alreadyCharged.Add(bookingId))
            {
                planned.Add(new PlannedCharge(booking, quote, policy));
            }
        }

        foreach (var bookingId in noShows)
        {
            Plan(bookingId, ChargeKind.NoShow, noShowPolicy);
        }

        foreach (var cancellation in lateCancellations)
        {
            Plan(cancellation.BookingId, ChargeKind.LateCancellation, quotedPolicies[cancellation.PolicyVersionId]);
        }

        return planned;
    }

    /// <summary>A late cancellation is charged under the version the learner was quoted when they cancelled.</summary>
    private static async Task<Dictionary<int, ChargingPolicyVersion>> LatePoliciesAsync(LearningDbContext db, List<SelfCancellation> cancellations, CancellationToken cancellationToken)
    {
        var ids = cancellations.Select(c => c.PolicyVersionId).Distinct().ToList();
        return await db.Set<ChargingPolicyVersion>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    /// <summary>Creates the draft register if there is none. Two first saves at once both end with the one row.</summary>
    private async Task EnsureRegisterAsync(int sessionId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Set<SessionRegister>().AnyAsync(r => r.SessionId == sessionId, cancellationToken))
        {
            return;
        }

        db.Add(new SessionRegister { SessionId = sessionId, Status = RegisterStatus.Draft, UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = actor });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The other request created it first; its row serves both.
        }
    }

    private async Task WriteMarksAsync(LearningDbContext db, int sessionId, Dictionary<int, Attendance> marks, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Set<RegisterMark>().Where(m => m.SessionId == sessionId).ToDictionaryAsync(m => m.BookingId, cancellationToken);
        foreach (var (bookingId, attendance) in marks)
        {
            if (existing.TryGetValue(bookingId, out var mark))
            {
                if (mark.Attendance != attendance)
                {
                    mark.Attendance = attendance;
                    mark.MarkedAt = now;
                    mark.MarkedBy = actor;
                }
            }
            else
            {
                db.Add(new RegisterMark { SessionId = sessionId, BookingId = bookingId, Attendance = attendance, MarkedAt = now, MarkedBy = actor });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
