using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Accounts;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Cancellation;

/// <summary>What cancelling a booking now would mean: free until <see cref="FreeUntil"/>, then the quoted charge.</summary>
public sealed record CancellationQuote(
    Booking Booking,
    Learner Learner,
    CourseSession Session,
    Course Course,
    Organisation Organisation,
    DateTime FreeUntil,
    bool IsLate,
    ChargeQuote Charge,
    ChargingPolicyVersion Policy)
{
    /// <summary>Only a confirmed place can be charged for; leaving a waiting list or an unapproved request is always free.</summary>
    public decimal AmountDue => IsLate && Booking.Status == BookingStatus.Confirmed && Charge.IsCharged ? Charge.Amount : 0m;

    public bool CanChange => Booking.Status is BookingStatus.Confirmed or BookingStatus.PendingApproval or BookingStatus.Waiting or BookingStatus.Offered;
}

public enum SelfServiceOutcome
{
    Done,

    /// <summary>The charge has changed since the learner was told it (the notice ran out while the page was open).</summary>
    QuoteChanged,
    AlreadyCancelled,
    SessionStarted,
    InvalidLink,
    Invalid,
}

public sealed record SelfServiceResult(SelfServiceOutcome Outcome, CancellationQuote? Quote = null, IReadOnlyDictionary<string, string>? Errors = null);

/// <summary>The colleague a learner hands their place to.</summary>
public sealed class SubstituteForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? ManagerEmail { get; set; }

    /// <summary>The learner confirms the colleague works for the same organisation.</summary>
    public bool SameOrganisation { get; set; }
}

/// <summary>
/// A learner's own changes through the signed link in their confirmation: cancelling (free before the notice runs
/// out, at the quoted charge after) and handing the place to a colleague, both until the session starts.
/// </summary>
public sealed class CancellationService(
    IDbContextFactory<LearningDbContext> databases,
    BookingLinks links,
    BankHolidayCalendar holidays,
    ChargingPolicyService policies,
    BookingService bookings,
    ILearningMailQueue mail,
    TimeProvider clock)
{
    public async Task<CancellationQuote?> QuoteAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } link)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var booking = await db.Set<Booking>().AsNoTracking()
            .Include(b => b.Learner).Include(b => b.Session).ThenInclude(s => s!.Course).Include(b => b.Session).ThenInclude(s => s!.Dates)
            .FirstOrDefaultAsync(b => b.Id == link.BookingId && b.LearnerId == link.LearnerId, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var organisation = await db.Set<Organisation>().AsNoTracking().FirstAsync(o => o.Id == booking.OrganisationId, cancellationToken);
        var session = booking.Session!;
        var policy = await policies.CurrentAsync(cancellationToken);
        var calendar = await holidays.LoadAsync(cancellationToken);
        var freeUntil = calendar.FreeCancellationEndsAt(session.StartsAt, policy.NoticeWorkingDays);
        var charge = ChargeCalculator.Quote(ChargeKind.LateCancellation, SessionLength.Of(session, session.Course!),
            new ChargeableOrganisation(organisation.Id, organisation.Sector, organisation.IsChargeExempt), policy.Terms);
        return new CancellationQuote(booking, booking.Learner!, session, session.Course!, organisation, freeUntil,
            clock.GetUtcNow().UtcDateTime >= freeUntil, charge, policy);
    }

    public bool HasStarted(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return clock.GetUtcNow().UtcDateTime >= session.StartsAt;
    }

    /// <param name="acceptedAmount">The charge the learner was shown and accepted; a different charge now means showing them again.</param>
    public async Task<SelfServiceResult> CancelAsync(string? token, decimal acceptedAmount, CancellationToken cancellationToken)
    {
        if (await QuoteAsync(token, cancellationToken) is not { } quote)
        {
            return new SelfServiceResult(SelfServiceOutcome.InvalidLink);
        }

        if (!quote.CanChange)
        {
            return new SelfServiceResult(SelfServiceOutcome.AlreadyCancelled, quote);
        }

        if (HasStarted(quote.Session))
        {
            return new SelfServiceResult(SelfServiceOutcome.SessionStarted, quote);
        }

        if (quote.AmountDue != acceptedAmount)
        {
            return new SelfServiceResult(SelfServiceOutcome.QuoteChanged, quote);
        }

        var heldPlace = quote.Booking.Status == BookingStatus.Confirmed;
        if (!await bookings.CancelAsync(quote.Booking.Id, BookingActor.Learner(quote.Learner.Email), "cancelled by the learner through their booking link", cancellationToken))
        {
            return new SelfServiceResult(SelfServiceOutcome.AlreadyCancelled, quote);
        }

        await RecordAsync(quote, heldPlace, cancellationToken);
        return new SelfServiceResult(SelfServiceOutcome.Done, quote);
    }

    public async Task<SelfServiceResult> SubstituteAsync(string? token, SubstituteForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await QuoteAsync(token, cancellationToken) is not { } quote)
        {
            return new SelfServiceResult(SelfServiceOutcome.InvalidLink);
        }

        if (quote.Booking.Status != BookingStatus.Confirmed)
        {
            return new SelfServiceResult(SelfServiceOutcome.AlreadyCancelled, quote);
        }

        if (HasStarted(quote.Session))
        {
            return new SelfServiceResult(SelfServiceOutcome.SessionStarted, quote);
        }

        var errors = Validate(form, quote);
        if (errors.Count > 0)
        {
            return new SelfServiceResult(SelfServiceOutcome.Invalid, quote, errors);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = WorkEmail.Normalise(form.Email);
        var colleague = await db.Set<Learner>().FirstOrDefaultAsync(l => l.Email == email, cancellationToken);
        if (colleague is not null)
        {
            var problem = colleague.OrganisationId != quote.Booking.OrganisationId
                ? $"{email} is registered with another organisation. Only a colleague from {quote.Organisation.Name} can take your place."
                : await db.Set<Booking>().AnyAsync(b => b.SessionId == quote.Session.Id && b.LearnerId == colleague.Id, cancellationToken)
                    ? $"{email} already has a booking on this session."
                    : null;
            if (problem is not null)
            {
                return new SelfServiceResult(SelfServiceOutcome.Invalid, quote, new Dictionary<string, string> { [nameof(SubstituteForm.Email)] = problem });
            }
        }
        else
        {
            colleague = new Learner
            {
                Email = email,
                Name = form.Name!.Trim(),
                OrganisationId = quote.Booking.OrganisationId,
                ManagerEmail = WorkEmail.Normalise(string.IsNullOrWhiteSpace(form.ManagerEmail) ? quote.Learner.ManagerEmail : form.ManagerEmail),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(colleague);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The version check makes a substitution racing with a cancel (or a second substitution) lose cleanly.
        var moved = await db.Set<Booking>()
            .Where(b => b.Id == quote.Booking.Id && b.Version == quote.Booking.Version && b.Status == BookingStatus.Confirmed && b.LearnerId == quote.Learner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LearnerId, colleague.Id).SetProperty(b => b.Version, b => b.Version + 1), cancellationToken);
        if (moved == 0)
        {
            return new SelfServiceResult(SelfServiceOutcome.AlreadyCancelled, quote);
        }

        db.Add(new Substitution { BookingId = quote.Booking.Id, FromLearnerId = quote.Learner.Id, ToLearnerId = colleague.Id, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        mail.Enqueue(LearningMail.Confirmed, quote.Booking.Id);
        return new SelfServiceResult(SelfServiceOutcome.Done, quote);
    }

    private static Dictionary<string, string> Validate(SubstituteForm form, CancellationQuote quote)
    {
        var errors = new Dictionary<string, string>();
        var name = form.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors[nameof(SubstituteForm.Name)] = "Enter your colleague's name";
        }
        else if (name.Length > LearningLimits.Name)
        {
            errors[nameof(SubstituteForm.Name)] = $"Keep the name to {LearningLimits.Name} characters or fewer";
        }

        if (WorkEmail.IndividualProblem(form.Email) is { } emailProblem)
        {
            errors[nameof(SubstituteForm.Email)] = emailProblem.Replace("your", "your colleague's", StringComparison.Ordinal);
        }
        else if (WorkEmail.Normalise(form.Email) == quote.Learner.Email)
        {
            errors[nameof(SubstituteForm.Email)] = "Enter your colleague's email address, not your own";
        }

        if (!string.IsNullOrWhiteSpace(form.ManagerEmail) && WorkEmail.Problem(form.ManagerEmail, "Manager's email address") is { } managerProblem)
        {
            errors[nameof(SubstituteForm.ManagerEmail)] = managerProblem;
        }

        if (!form.SameOrganisation)
        {
            errors[nameof(SubstituteForm.SameOrganisation)] = $"Confirm that your colleague works for {quote.Organisation.Name}";
        }

        return errors;
    }

    /// <summary>Keeps what the learner was told; a later cancellation of a reopened booking replaces it.</summary>
    private async Task RecordAsync(CancellationQuote quote, bool heldPlace, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<SelfCancellation>().FirstOrDefaultAsync(c => c.BookingId == quote.Booking.Id, cancellationToken);
        if (record is null)
        {
            record = new SelfCancellation { BookingId = quote.Booking.Id };
            db.Add(record);
        }

        record.CancelledAt = clock.GetUtcNow().UtcDateTime;
        record.IsLate = quote.IsLate && heldPlace;
        record.FreeUntil = quote.FreeUntil;
        record.PolicyVersionId = quote.Policy.Id;
        record.QuotedAmount = quote.AmountDue;
        record.Band = quote.Charge.Band;
        await db.SaveChangesAsync(cancellationToken);
    }
}
