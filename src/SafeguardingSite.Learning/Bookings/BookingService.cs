using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Bookings;

public enum BookingOutcome
{
    Confirmed,
    AwaitingApproval,
    Waiting,

    /// <summary>The learner already holds a live booking on this session (a double submit lands here).</summary>
    AlreadyBooked,
    NotBookable,
}

public sealed record BookingResult(BookingOutcome Outcome, int? BookingId, string? Problem = null);

/// <summary>Who made a change, for the booking's record and the audit trail.</summary>
public sealed record BookingActor(string Name, bool IsAdministrator)
{
    public static readonly BookingActor System = new("system", IsAdministrator: false);

    public static BookingActor Learner(string email) => new(email, IsAdministrator: false);

    public static BookingActor Administrator(string name) => new(name, IsAdministrator: true);
}

/// <summary>
/// Booking, the waiting list and offers of freed places. Places are counted by <see cref="PlaceCounter"/>; every
/// status change carries the booking's version, so two changes racing on one booking cannot both be saved.
/// </summary>
public sealed class BookingService(
    IDbContextFactory<LearningDbContext> databases,
    TimeProvider clock,
    IOptions<LearningOptions> options,
    ILearningMailQueue mail,
    ILogger<BookingService> logger)
{
    public const string AdministratorTerms = "administrator";

    /// <summary>A learner books a session from the public site, having accepted the booking terms.</summary>
    public Task<BookingResult> BookAsync(int learnerId, int sessionId, CancellationToken cancellationToken) =>
        BookCoreAsync(learnerId, sessionId, BookingActor.System, cancellationToken);

    /// <summary>An administrator books a learner, even after booking has closed; capacity still holds.</summary>
    public Task<BookingResult> AddLateBookingAsync(int learnerId, int sessionId, BookingActor administrator, CancellationToken cancellationToken) =>
        BookCoreAsync(learnerId, sessionId, administrator, cancellationToken);

    /// <summary>
    /// Cancels a booking (by the learner, an administrator or the system) and offers any place it held to the waiting
    /// list. Returns false when the booking does not exist or is already cancelled or moved, so a repeated cancel is
    /// harmless. Other modules (cut-off and charging) call this.
    /// </summary>
    public async Task<bool> CancelAsync(int bookingId, BookingActor actor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        int sessionId;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
            if (booking is null || booking.Status is BookingStatus.Cancelled or BookingStatus.Moved)
            {
                return false;
            }

            if (booking.HoldsPlace)
            {
                await PlaceCounter.ReleaseAsync(db, booking.SessionId, booking.OrganisationId, cancellationToken);
            }

            booking.Status = BookingStatus.Cancelled;
            booking.CancelledAt = Now;
            booking.CancelledBy = Clip(actor.Name, LearningLimits.Email);
            booking.CancellationReason = Clip(reason, LearningLimits.Reason);
            booking.OfferExpiresAt = null;
            booking.Version++;
            if (!await TrySaveAsync(db, cancellationToken))
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            sessionId = booking.SessionId;
        }

        mail.Enqueue(LearningMail.Cancelled, bookingId);
        await OfferFreedPlacesAsync(sessionId, cancellationToken);
        return true;
    }

    /// <summary>The learner takes up a place offered to them (by the signed link in the offer mail), while the hold lasts.</summary>
    public async Task<bool> AcceptOfferAsync(int bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var booking = await db.Bookings.Include(b => b.Session).ThenInclude(s => s!.Course)
            .FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is not { Status: BookingStatus.Offered } || booking.OfferExpiresAt <= Now)
        {
            return false;
        }

        var needsApproval = booking.Session!.Course!.RequiresManagerApproval;
        booking.Status = needsApproval ? BookingStatus.PendingApproval : BookingStatus.Confirmed;
        booking.ConfirmedAt = needsApproval ? null : Now;
        booking.OfferExpiresAt = null;
        booking.Version++;
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return false;
        }

        mail.Enqueue(needsApproval ? LearningMail.ApprovalRequested : LearningMail.Confirmed, bookingId);
        return true;
    }

    /// <summary>The line manager approves a booking waiting for them; the place it holds becomes a confirmed one.</summary>
    public async Task<bool> ApproveAsync(int bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is not { Status: BookingStatus.PendingApproval })
        {
            return false;
        }

        booking.Status = BookingStatus.Confirmed;
        booking.ConfirmedAt = Now;
        booking.Version++;
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return false;
        }

        mail.Enqueue(LearningMail.Confirmed, bookingId);
        return true;
    }

    /// <summary>
    /// Moves a learner to another session of any course: the new place is taken first, so a full target session
    /// leaves the original booking untouched. The old booking stays, marked moved, for the record.
    /// </summary>
    public async Task<BookingResult> MoveAsync(int bookingId, int targetSessionId, BookingActor administrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(administrator);
        int oldSessionId;
        int newBookingId;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
            var target = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == targetSessionId, cancellationToken);
            if (booking is null || booking.Status is BookingStatus.Cancelled or BookingStatus.Moved)
            {
                return new BookingResult(BookingOutcome.NotBookable, null, "The booking is not live any more.");
            }

            if (target is null || target.Status != SessionStatus.Scheduled || target.Id == booking.SessionId)
            {
                return new BookingResult(BookingOutcome.NotBookable, null, "Choose another scheduled session.");
            }

            var existing = await db.Bookings.FirstOrDefaultAsync(b => b.LearnerId == booking.LearnerId && b.SessionId == targetSessionId, cancellationToken);
            if (existing is { Status: not (BookingStatus.Cancelled or BookingStatus.Moved) })
            {
                return new BookingResult(BookingOutcome.AlreadyBooked, existing.Id, "The learner is already booked on that session.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await PlaceCounter.TryTakeAsync(db, targetSessionId, booking.OrganisationId, target.OrganisationQuota, cancellationToken) != PlaceOutcome.Taken)
            {
                return new BookingResult(BookingOutcome.NotBookable, null, "That session has no place left for the learner's organisation.");
            }

            var moved = existing ?? new Booking { LearnerId = booking.LearnerId, SessionId = targetSessionId, CreatedAt = Now };
            Reset(moved, BookingStatus.Confirmed, booking.OrganisationId, booking.TermsVersion, administrator: true);
            if (existing is null)
            {
                db.Bookings.Add(moved);
            }

            if (booking.HoldsPlace)
            {
                await PlaceCounter.ReleaseAsync(db, booking.SessionId, booking.OrganisationId, cancellationToken);
            }

            if (!await TrySaveAsync(db, cancellationToken))
            {
                return new BookingResult(BookingOutcome.NotBookable, null, "The booking changed while it was being moved. Try again.");
            }

            booking.Status = BookingStatus.Moved;
            booking.MovedToBookingId = moved.Id;
            booking.CancelledAt = Now;
            booking.CancelledBy = Clip(administrator.Name, LearningLimits.Email);
            booking.OfferExpiresAt = null;
            booking.Version++;
            if (!await TrySaveAsync(db, cancellationToken))
            {
                return new BookingResult(BookingOutcome.NotBookable, null, "The booking changed while it was being moved. Try again.");
            }

            await transaction.CommitAsync(cancellationToken);
            oldSessionId = booking.SessionId;
            newBookingId = moved.Id;
        }

        mail.Enqueue(LearningMail.Confirmed, newBookingId);
        await OfferFreedPlacesAsync(oldSessionId, cancellationToken);
        return new BookingResult(BookingOutcome.Confirmed, newBookingId);
    }

    /// <summary>
    /// Offers each free place to the longest-waiting learner whose organisation is within its quota, with a hold
    /// window; stops when the session has no free place. Safe to call at any time and from several nodes at once:
    /// taking the place is the conditional UPDATE, and the version check stops one waiting learner being offered twice.
    /// </summary>
    public async Task<int> OfferFreedPlacesAsync(int sessionId, CancellationToken cancellationToken)
    {
        var offered = 0;
        var skipped = new HashSet<int>();
        while (true)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            if (session is null || session.Status != SessionStatus.Scheduled || session.StartsAt <= Now || session.PlacesTaken >= session.Capacity)
            {
                return offered;
            }

            var next = await db.Bookings
                .Where(b => b.SessionId == sessionId && b.Status == BookingStatus.Waiting && !skipped.Contains(b.Id))
                .OrderBy(b => b.WaitingSince).ThenBy(b => b.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return offered;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var place = await PlaceCounter.TryTakeAsync(db, sessionId, next.OrganisationId, session.OrganisationQuota, cancellationToken);
            if (place == PlaceOutcome.SessionFull)
            {
                return offered;
            }

            if (place == PlaceOutcome.OrganisationFull)
            {
                skipped.Add(next.Id);
                continue;
            }

            var hold = Now + options.Value.OfferHold;
            next.Status = BookingStatus.Offered;
            next.OfferExpiresAt = hold < session.StartsAt ? hold : session.StartsAt;
            next.Version++;
            if (await TrySaveAsync(db, cancellationToken))
            {
                await transaction.CommitAsync(cancellationToken);
                mail.Enqueue(LearningMail.PlaceOffered, next.Id);
                offered++;
            }
            else
            {
                skipped.Add(next.Id);
            }
        }
    }

    /// <summary>Offers whose hold has run out lapse and the place passes to the next person waiting.</summary>
    public async Task<int> ExpireOffersAsync(CancellationToken cancellationToken)
    {
        List<int> expired;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var now = Now;
            expired = await db.Bookings.Where(b => b.Status == BookingStatus.Offered && b.OfferExpiresAt <= now)
                .OrderBy(b => b.OfferExpiresAt).Select(b => b.Id).Take(500).ToListAsync(cancellationToken);
        }

        var lapsed = 0;
        foreach (var id in expired)
        {
            if (await LapseOfferAsync(id, cancellationToken))
            {
                lapsed++;
            }
        }

        return lapsed;
    }

    private async Task<bool> LapseOfferAsync(int bookingId, CancellationToken cancellationToken)
    {
        int sessionId;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
            if (booking is not { Status: BookingStatus.Offered } || booking.OfferExpiresAt > Now)
            {
                return false;
            }

            await PlaceCounter.ReleaseAsync(db, booking.SessionId, booking.OrganisationId, cancellationToken);
            booking.Status = BookingStatus.Cancelled;
            booking.CancelledAt = Now;
            booking.CancelledBy = BookingActor.System.Name;
            booking.CancellationReason = "The offered place was not taken up in time.";
            booking.OfferExpiresAt = null;
            booking.Version++;
            if (!await TrySaveAsync(db, cancellationToken))
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            sessionId = booking.SessionId;
        }

        mail.Enqueue(LearningMail.OfferLapsed, bookingId);
        await OfferFreedPlacesAsync(sessionId, cancellationToken);
        return true;
    }

    private async Task<BookingResult> BookCoreAsync(int learnerId, int sessionId, BookingActor actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var learner = await db.Learners.AsNoTracking().FirstOrDefaultAsync(l => l.Id == learnerId, cancellationToken);
        var session = await db.Sessions.AsNoTracking().Include(s => s.Course).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (learner is null || session?.Course is null)
        {
            return new BookingResult(BookingOutcome.NotBookable, null, "The learner or the session does not exist.");
        }

        if (!learner.EmailConfirmed && !actor.IsAdministrator)
        {
            return new BookingResult(BookingOutcome.NotBookable, null, "Confirm your email address before booking.");
        }

        if (BookingWindow.Problem(session, session.Course, Now, actor.IsAdministrator) is { } problem)
        {
            return new BookingResult(BookingOutcome.NotBookable, null, problem);
        }

        var existing = await db.Bookings.FirstOrDefaultAsync(b => b.LearnerId == learnerId && b.SessionId == sessionId, cancellationToken);
        if (existing is { Status: not (BookingStatus.Cancelled or BookingStatus.Moved) })
        {
            return new BookingResult(BookingOutcome.AlreadyBooked, existing.Id);
        }

        var terms = actor.IsAdministrator ? AdministratorTerms : options.Value.TermsVersion;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var place = await PlaceCounter.TryTakeAsync(db, sessionId, learner.OrganisationId, session.OrganisationQuota, cancellationToken);
        var status = place != PlaceOutcome.Taken ? BookingStatus.Waiting
            : session.Course.RequiresManagerApproval && !actor.IsAdministrator ? BookingStatus.PendingApproval
            : BookingStatus.Confirmed;
        if (status == BookingStatus.Waiting && actor.IsAdministrator)
        {
            return new BookingResult(BookingOutcome.NotBookable, null,
                place == PlaceOutcome.OrganisationFull ? "The learner's organisation has used its places on this session." : "The session is full.");
        }

        var booking = existing ?? new Booking { LearnerId = learnerId, SessionId = sessionId, CreatedAt = Now };
        Reset(booking, status, learner.OrganisationId, terms, actor.IsAdministrator);
        if (existing is null)
        {
            db.Bookings.Add(booking);
        }

        if (!await TrySaveAsync(db, cancellationToken))
        {
            // Another request for the same learner and session won (a double submit); the rollback returns the place.
            await transaction.RollbackAsync(cancellationToken);
            var winner = await CurrentBookingIdAsync(learnerId, sessionId, cancellationToken);
            return new BookingResult(BookingOutcome.AlreadyBooked, winner);
        }

        await transaction.CommitAsync(cancellationToken);
        var (outcome, kind) = status switch
        {
            BookingStatus.Confirmed => (BookingOutcome.Confirmed, LearningMail.Confirmed),
            BookingStatus.PendingApproval => (BookingOutcome.AwaitingApproval, LearningMail.ApprovalRequested),
            _ => (BookingOutcome.Waiting, LearningMail.Waiting),
        };
        mail.Enqueue(kind, booking.Id);
        logger.LogInformation("Booking {BookingId} for learner {LearnerId} on session {SessionId}: {Status}", booking.Id, learnerId, sessionId, status);
        return new BookingResult(outcome, booking.Id);
    }

    private void Reset(Booking booking, BookingStatus status, int organisationId, string terms, bool administrator)
    {
        booking.Status = status;
        booking.OrganisationId = organisationId;
        booking.TermsVersion = terms;
        booking.AddedByAdministrator = administrator;
        booking.ConfirmedAt = status == BookingStatus.Confirmed ? Now : null;
        booking.WaitingSince = status == BookingStatus.Waiting ? Now : null;
        booking.FirstWaitedAt ??= booking.WaitingSince;
        booking.CancelledAt = null;
        booking.CancelledBy = null;
        booking.CancellationReason = null;
        booking.OfferExpiresAt = null;
        booking.MovedToBookingId = null;
        booking.Version++;
    }

    private async Task<int?> CurrentBookingIdAsync(int learnerId, int sessionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.Where(b => b.LearnerId == learnerId && b.SessionId == sessionId).Select(b => (int?)b.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>False when a unique index or a version check refused the change: someone else changed the booking first.</summary>
    private static async Task<bool> TrySaveAsync(LearningDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

/// <summary>Whether a session takes bookings now, and if not, the reason to show.</summary>
public static class BookingWindow
{
    public static string? Problem(CourseSession session, Course course, DateTime now, bool administrator)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(course);
        if (session.Status != SessionStatus.Scheduled || (!course.IsPublished && !administrator))
        {
            return "This session is not taking bookings.";
        }

        if (session.EndsAt <= now)
        {
            return "This session has finished.";
        }

        if (administrator)
        {
            return null;
        }

        if (session.BookingOpensAt is { } opens && opens > now)
        {
            return "Booking for this session has not opened yet.";
        }

        return session.BookingClosesAt is { } closes && closes <= now || session.StartsAt <= now
            ? "Booking for this session has closed."
            : null;
    }
}
