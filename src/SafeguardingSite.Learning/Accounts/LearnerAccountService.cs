using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Learning.Accounts;

/// <summary>What the registration form posts. Everything arrives as text so wrong types become messages, not binding errors.</summary>
public sealed class RegistrationForm
{
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? JobRole { get; set; }
    public string? Organisation { get; set; }
    public string? WorkArea { get; set; }
    public string? ManagerEmail { get; set; }
}

public enum RegistrationOutcome
{
    /// <summary>A confirmation link went out; the same answer is given when the address already has an account.</summary>
    CheckEmail,
    Invalid,
}

public sealed record RegistrationResult(RegistrationOutcome Outcome, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Learner accounts: registration with an individual work address, confirmation and sign-in by single-use links, the
/// learner's own data as JSON and deletion on request.
/// </summary>
public sealed class LearnerAccountService(
    IDbContextFactory<LearningDbContext> databases,
    TimeProvider clock,
    IOptions<LearningOptions> options,
    LearningMessages messages,
    IMailSender mail,
    BookingService bookings,
    ILogger<LearnerAccountService> logger)
{
    public const string DeletedEmailDomain = "deleted.invalid";

    public async Task<IReadOnlyList<Organisation>> OrganisationChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }

    public async Task<RegistrationResult> RegisterAsync(RegistrationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var organisations = await OrganisationChoicesAsync(cancellationToken);
        var errors = Validate(form, organisations);
        if (errors.Count > 0)
        {
            return new RegistrationResult(RegistrationOutcome.Invalid, errors);
        }

        var email = WorkEmail.Normalise(form.Email);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var learner = await db.Learners.FirstOrDefaultAsync(l => l.Email == email, cancellationToken);
        if (learner is not null)
        {
            // Same answer as a new account, so the form cannot be used to learn who has one; the owner gets a way in.
            await SendLinkAsync(db, learner, learner.EmailConfirmed ? LearnerLinkPurpose.SignIn : LearnerLinkPurpose.ConfirmEmail, cancellationToken);
            return new RegistrationResult(RegistrationOutcome.CheckEmail, errors);
        }

        learner = new Learner
        {
            Email = email,
            Name = form.Name!.Trim(),
            JobRole = form.JobRole!.Trim(),
            OrganisationId = int.Parse(form.Organisation!, CultureInfo.InvariantCulture),
            WorkArea = form.WorkArea!.Trim(),
            ManagerEmail = WorkEmail.Normalise(form.ManagerEmail),
            CreatedAt = Now,
        };
        db.Learners.Add(learner);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address registered twice at once (a double submit): the first request's mail is enough.
            return new RegistrationResult(RegistrationOutcome.CheckEmail, errors);
        }

        await SendLinkAsync(db, learner, LearnerLinkPurpose.ConfirmEmail, cancellationToken);
        return new RegistrationResult(RegistrationOutcome.CheckEmail, errors);
    }

    /// <summary>Sends a sign-in link to a confirmed account (or a fresh confirmation to an unconfirmed one); silent otherwise.</summary>
    public async Task RequestSignInAsync(string? email, CancellationToken cancellationToken)
    {
        if (WorkEmail.Problem(email) is not null)
        {
            return;
        }

        var address = WorkEmail.Normalise(email);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Learners.FirstOrDefaultAsync(l => l.Email == address, cancellationToken) is { } learner)
        {
            await SendLinkAsync(db, learner, learner.EmailConfirmed ? LearnerLinkPurpose.SignIn : LearnerLinkPurpose.ConfirmEmail, cancellationToken);
        }
    }

    /// <summary>Uses a confirmation link: the account is confirmed and the learner signed in. Null when the link is not valid.</summary>
    public async Task<Learner?> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await ConsumeAsync(db, token, LearnerLinkPurpose.ConfirmEmail, cancellationToken) is not { } learnerId)
        {
            return null;
        }

        var learner = await db.Learners.FirstAsync(l => l.Id == learnerId, cancellationToken);
        learner.EmailConfirmed = true;
        learner.ConfirmedAt ??= Now;
        learner.LastSignedInAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return learner;
    }

    /// <summary>Uses a sign-in link. Null when it is unknown, used, expired or for another purpose.</summary>
    public async Task<Learner?> SignInAsync(string? token, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await ConsumeAsync(db, token, LearnerLinkPurpose.SignIn, cancellationToken) is not { } learnerId)
        {
            return null;
        }

        var learner = await db.Learners.FirstAsync(l => l.Id == learnerId, cancellationToken);
        learner.LastSignedInAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return learner;
    }

    public async Task<Learner?> FindAsync(int learnerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Learners.AsNoTracking().Include(l => l.Organisation)
            .FirstOrDefaultAsync(l => l.Id == learnerId && l.EmailConfirmed, cancellationToken);
    }

    public async Task<IReadOnlyList<Booking>> BookingsAsync(int learnerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking().AsSplitQuery()
            .Include(b => b.Session).ThenInclude(s => s!.Course)
            .Include(b => b.Session).ThenInclude(s => s!.Dates)
            .Where(b => b.LearnerId == learnerId)
            .OrderByDescending(b => b.Session!.StartsAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Everything the site holds about the learner, for a subject access request answered by the learner themselves.</summary>
    public async Task<object?> ExportAsync(int learnerId, CancellationToken cancellationToken)
    {
        if (await FindAsync(learnerId, cancellationToken) is not { } learner)
        {
            return null;
        }

        var history = await BookingsAsync(learnerId, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var certificates = await db.Set<Certificate>().AsNoTracking().Where(c => c.LearnerId == learnerId).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        var attempts = await db.Set<ELearningAttempt>().AsNoTracking().Where(a => a.LearnerId == learnerId).OrderBy(a => a.SubmittedAt)
            .Join(db.Courses, a => a.CourseId, c => c.Id, (a, c) => new { course = c.Title, a.SubmittedAt, a.Correct, a.Questions, a.Passed })
            .ToListAsync(cancellationToken);
        var completions = await db.Set<ELearningCompletion>().AsNoTracking().Where(e => e.LearnerId == learnerId).OrderBy(e => e.CompletedAt)
            .Join(db.Courses, e => e.CourseId, c => c.Id, (e, c) => new { course = c.Title, e.CompletedAt })
            .ToListAsync(cancellationToken);
        return new
        {
            exportedAt = Now,
            account = new
            {
                learner.Email, learner.Name, learner.JobRole, organisation = learner.Organisation?.Name, learner.WorkArea,
                learner.ManagerEmail, learner.CreatedAt, learner.ConfirmedAt, learner.LastSignedInAt,
            },
            bookings = history.Select(b => new
            {
                course = b.Session!.Course!.Title, sessionStartsAt = b.Session.StartsAt, status = b.Status.ToString(),
                b.CreatedAt, b.ConfirmedAt, b.CancelledAt, b.CancellationReason, b.TermsVersion,
            }),
            eLearning = new { completions, attempts },
            certificates = certificates.Select(c => new
            {
                code = CertificateCode.Display(c.Code), course = c.CourseTitle, kind = c.ELearningCompletionId is null ? "attendance" : "e-learning",
                c.SessionStartsAt, c.CompletedAt, c.IssuedAt,
            }),
        };
    }

    /// <summary>
    /// Deletes the account on the learner's request: live bookings are cancelled (their places go to the waiting
    /// list), sign-in links removed, and the personal details erased. The row itself stays, anonymised, because
    /// bookings, attendance and charges already raised refer to it.
    /// </summary>
    public async Task<bool> DeleteAsync(int learnerId, CancellationToken cancellationToken)
    {
        List<int> live;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            live = await db.Bookings.Where(b => b.LearnerId == learnerId
                    && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.PendingApproval || b.Status == BookingStatus.Waiting || b.Status == BookingStatus.Offered))
                .Select(b => b.Id).ToListAsync(cancellationToken);
        }

        foreach (var bookingId in live)
        {
            await bookings.CancelAsync(bookingId, BookingActor.System, "The learner deleted their account.", cancellationToken);
        }

        await using var context = await databases.CreateDbContextAsync(cancellationToken);
        await context.LearnerLinks.Where(l => l.LearnerId == learnerId).ExecuteDeleteAsync(cancellationToken);

        // Certificates carry a copy of the name for the public verification page; it goes before the account's own
        // details, so an interrupted deletion is finished by asking again while the account still exists.
        await context.Set<Certificate>().Where(c => c.LearnerId == learnerId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.LearnerName, Certificate.RemovedName), cancellationToken);
        var erased = await context.Learners.Where(l => l.Id == learnerId && l.EmailConfirmed).ExecuteUpdateAsync(l => l
            .SetProperty(x => x.Email, $"learner-{learnerId}@{DeletedEmailDomain}")
            .SetProperty(x => x.Name, "Deleted learner")
            .SetProperty(x => x.JobRole, string.Empty)
            .SetProperty(x => x.WorkArea, string.Empty)
            .SetProperty(x => x.ManagerEmail, string.Empty)
            .SetProperty(x => x.EmailConfirmed, false), cancellationToken);
        return erased == 1;
    }

    public static Dictionary<string, string> Validate(RegistrationForm form, IReadOnlyList<Organisation> organisations)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(organisations);
        var errors = new Dictionary<string, string>();
        if (WorkEmail.IndividualProblem(form.Email) is { } email)
        {
            errors[nameof(form.Email)] = email;
        }

        Text(errors, nameof(form.Name), "your full name", form.Name, LearningLimits.Name);
        Text(errors, nameof(form.JobRole), "your job role", form.JobRole, LearningLimits.JobRole);
        Text(errors, nameof(form.WorkArea), "the area you work in", form.WorkArea, LearningLimits.WorkArea);
        if (!int.TryParse(form.Organisation, NumberStyles.None, CultureInfo.InvariantCulture, out var organisationId)
            || organisations.All(o => o.Id != organisationId))
        {
            errors[nameof(form.Organisation)] = "Choose your organisation from the list.";
        }

        if (WorkEmail.Problem(form.ManagerEmail, "Line manager's email address") is { } manager)
        {
            errors[nameof(form.ManagerEmail)] = manager;
        }
        else if (WorkEmail.Normalise(form.ManagerEmail) == WorkEmail.Normalise(form.Email))
        {
            errors[nameof(form.ManagerEmail)] = "Enter your line manager's email address, not your own.";
        }

        return errors;
    }

    private static void Text(Dictionary<string, string> errors, string field, string label, string? value, int limit)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            errors[field] = $"Enter {label}.";
        }
        else if (text.Length > limit)
        {
            errors[field] = $"Shorten {label} to {limit} characters or fewer.";
        }
        else if (text.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            errors[field] = $"Remove the characters < > and line breaks from {label}.";
        }
    }

    private async Task SendLinkAsync(LearningDbContext db, Learner learner, LearnerLinkPurpose purpose, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var lifetime = purpose == LearnerLinkPurpose.SignIn ? options.Value.SignInLinkLifetime : options.Value.ConfirmationLinkLifetime;
        db.LearnerLinks.Add(new LearnerLink { LearnerId = learner.Id, Purpose = purpose, TokenHash = Hash(token), CreatedAt = Now, ExpiresAt = Now + lifetime });
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await mail.SendAsync(purpose == LearnerLinkPurpose.SignIn ? messages.SignIn(learner, token) : messages.ConfirmEmail(learner, token), cancellationToken);
        }
        catch (MailDeliveryException exception)
        {
            // The page still says "check your email"; asking again sends a new link.
            logger.LogWarning(exception, "Could not send a {Purpose} link to learner {LearnerId}", purpose, learner.Id);
        }
    }

    /// <summary>Marks the link used with one conditional UPDATE, so the same link clicked twice works once.</summary>
    private async Task<int?> ConsumeAsync(LearningDbContext db, string? token, LearnerLinkPurpose purpose, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = Now;
        var used = await db.LearnerLinks
            .Where(l => l.TokenHash == hash && l.Purpose == purpose && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.UsedAt, now), cancellationToken);
        return used == 1
            ? await db.LearnerLinks.Where(l => l.TokenHash == hash).Select(l => (int?)l.LearnerId).FirstAsync(cancellationToken)
            : null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
