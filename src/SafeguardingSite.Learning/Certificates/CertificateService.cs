using System.Linq.Expressions;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;

namespace SafeguardingSite.Learning.Certificates;

/// <summary>
/// Certificates of full attendance, issued once the learner has sent the after-course questionnaire (one per booking),
/// and of e-learning, issued when the knowledge check is passed (one per completion); each has a random verification
/// code anyone can check on the public verification page.
/// </summary>
public sealed class CertificateService(IDbContextFactory<LearningDbContext> databases, TimeProvider clock)
{
    /// <summary>Issues the booking's certificate if the register shows full attendance; returns the existing one when already issued.</summary>
    public async Task<Certificate?> IssueIfEligibleAsync(int bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.BookingId == bookingId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var source = await (
            from b in db.Bookings
            join m in db.Set<RegisterMark>() on b.Id equals m.BookingId
            join r in db.Set<SessionRegister>() on b.SessionId equals r.SessionId
            where b.Id == bookingId && m.Attendance == Attendance.Attended && r.Status == RegisterStatus.Closed
                && db.Set<EvaluationResponse>().Any(e => e.BookingId == b.Id && e.Stage == EvaluationStage.AfterCourse && e.Respondent == Respondent.Learner)
            select new { b.LearnerId, b.SessionId, b.Learner!.Name, b.Session!.Course!.Title, b.Session.StartsAt, b.Session.EndsAt, b.Session.Course.DurationMinutes })
            .FirstOrDefaultAsync(cancellationToken);
        return source is null ? null : await SaveOnceAsync(db, new Certificate
        {
            BookingId = bookingId, LearnerId = source.LearnerId, SessionId = source.SessionId, LearnerName = source.Name,
            CourseTitle = source.Title, SessionStartsAt = source.StartsAt, SessionEndsAt = source.EndsAt, DurationMinutes = source.DurationMinutes,
        }, c => c.BookingId == bookingId, cancellationToken);
    }

    /// <summary>
    /// Issues the certificate of an e-learning completion, dated the moment the check was passed; returns the existing
    /// one when already issued, so passing again or a second tab never makes another.
    /// </summary>
    public async Task<Certificate?> IssueForCompletionAsync(long completionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.ELearningCompletionId == completionId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var source = await (
            from x in db.Set<ELearningCompletion>()
            join l in db.Learners on x.LearnerId equals l.Id
            join c in db.Courses on x.CourseId equals c.Id
            where x.Id == completionId
            select new { x.LearnerId, l.Name, c.Title, x.CompletedAt, c.DurationMinutes })
            .FirstOrDefaultAsync(cancellationToken);
        return source is null ? null : await SaveOnceAsync(db, new Certificate
        {
            ELearningCompletionId = completionId, LearnerId = source.LearnerId, LearnerName = source.Name,
            CourseTitle = source.Title, CompletedAt = source.CompletedAt, DurationMinutes = source.DurationMinutes,
        }, c => c.ELearningCompletionId == completionId, cancellationToken);
    }

    /// <summary>Adds the code and issue time and saves; when a racing request issued the same certificate first, theirs is returned.</summary>
    private async Task<Certificate?> SaveOnceAsync(LearningDbContext db, Certificate certificate, Expression<Func<Certificate, bool>> sameSource, CancellationToken cancellationToken)
    {
        certificate.Code = CertificateCode.New();
        certificate.IssuedAt = clock.GetUtcNow().UtcDateTime;
        db.Add(certificate);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return certificate;
        }
        catch (DbUpdateException)
        {
            // The unique booking or completion index kept the racing request's certificate.
            await using var again = await databases.CreateDbContextAsync(cancellationToken);
            return await again.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(sameSource, cancellationToken);
        }
    }

    /// <summary>
    /// The certificate a typed code belongs to, or null. Every input, well-formed or not, costs one indexed lookup, so
    /// the answer's timing does not tell a forged code from a malformed one.
    /// </summary>
    public async Task<Certificate?> VerifyAsync(string? typed, CancellationToken cancellationToken)
    {
        var code = CertificateCode.Normalise(typed);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
    }

    public async Task<IReadOnlyList<Certificate>> ForLearnerAsync(int learnerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<Certificate>().AsNoTracking().Where(c => c.LearnerId == learnerId).OrderByDescending(c => c.CompletedAt ?? c.SessionStartsAt).ToListAsync(cancellationToken);
    }

    /// <summary>The certificate if it belongs to the learner; someone else's id finds nothing.</summary>
    public async Task<Certificate?> OwnedAsync(int certificateId, int learnerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificateId && c.LearnerId == learnerId, cancellationToken);
    }

    public async Task<Certificate?> ForBookingAsync(int bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.BookingId == bookingId, cancellationToken);
    }
}

/// <summary>
/// Limits certificate checks per client address (a fixed window a minute), so nobody can try codes in bulk. The site
/// has no request rate-limiting middleware, so the verification page asks this directly.
/// </summary>
public sealed class VerificationLimiter(IOptions<EvaluationOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.VerificationsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string client)
    {
        using var lease = limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
