using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.ELearning;

/// <summary>
/// A learner's view of an e-learning course: its content, the pages they have finished, whether they have completed it
/// and the certificate for that.
/// </summary>
public sealed record ELearningProgress(
    Course Course,
    IReadOnlyList<ELearningModule> Modules,
    IReadOnlySet<int> FinishedPages,
    int QuestionCount,
    int PassMarkPercent,
    ELearningCompletion? Completion,
    Certificate? Certificate)
{
    public IEnumerable<ELearningPage> Pages => Modules.SelectMany(m => m.Pages);

    /// <summary>Where to pick up: the first page not yet finished, or null when every page is done.</summary>
    public ELearningPage? ResumeAt => Pages.FirstOrDefault(p => !FinishedPages.Contains(p.Id));

    public ELearningPage? After(int pageId) => Pages.SkipWhile(p => p.Id != pageId).Skip(1).FirstOrDefault();

    public bool CheckOpen => QuestionCount > 0 && ResumeAt is null;
}

public enum CheckOutcome
{
    Passed,
    Failed,

    /// <summary>An answer is missing or names no option; nothing is recorded.</summary>
    Invalid,

    /// <summary>The learner has not finished the pages yet, or the course has no questions.</summary>
    NotOpen,
}

/// <param name="Certificate">On a pass, the learner's certificate for the course (issued by this pass or an earlier one).</param>
public sealed record CheckResult(CheckOutcome Outcome, int Correct, int Questions, IReadOnlyDictionary<string, string> Errors, Certificate? Certificate = null);

/// <summary>
/// Runs an e-learning course for a signed-in learner: saves finished pages, marks the knowledge check on the server and
/// issues the certificate on a pass.
/// </summary>
public sealed class ELearningService(IDbContextFactory<LearningDbContext> databases, TimeProvider clock, CertificateService certificates)
{
    public static string AnswerField(int questionId) => "q" + questionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The published e-learning course with this slug, with the learner's progress; null for anything else.</summary>
    public async Task<ELearningProgress?> ProgressAsync(string slug, int learnerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Slug == slug && c.IsPublished && c.DeliveryMode == DeliveryMode.ELearning, cancellationToken);
        if (course is null)
        {
            return null;
        }

        var modules = await db.Set<ELearningModule>().AsNoTracking().Include(m => m.Pages)
            .Where(m => m.CourseId == course.Id).OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        foreach (var module in modules)
        {
            module.Pages = [.. module.Pages.OrderBy(p => p.Position).ThenBy(p => p.Id)];
        }

        var pageIds = modules.SelectMany(m => m.Pages).Select(p => p.Id).ToList();
        var finished = await db.Set<ELearningPageVisit>().AsNoTracking()
            .Where(v => v.LearnerId == learnerId && pageIds.Contains(v.PageId)).Select(v => v.PageId).ToListAsync(cancellationToken);
        var questions = await db.Set<ELearningQuestion>().CountAsync(q => q.CourseId == course.Id, cancellationToken);
        var passMark = await db.Set<ELearningCheck>().Where(c => c.CourseId == course.Id).Select(c => (int?)c.PassMarkPercent).FirstOrDefaultAsync(cancellationToken);
        var completion = await db.Set<ELearningCompletion>().AsNoTracking().FirstOrDefaultAsync(c => c.LearnerId == learnerId && c.CourseId == course.Id, cancellationToken);
        var certificate = completion is null ? null
            : await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.ELearningCompletionId == completion.Id, cancellationToken);
        return new ELearningProgress(course, modules, finished.ToHashSet(), questions, passMark ?? ELearningLimits.DefaultPassMark, completion, certificate);
    }

    /// <summary>Records a page as finished; finishing it twice (a refresh, a second tab) changes nothing.</summary>
    public async Task FinishPageAsync(int learnerId, int pageId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ELearningPageVisit>().AnyAsync(v => v.LearnerId == learnerId && v.PageId == pageId, cancellationToken))
        {
            return;
        }

        db.Add(new ELearningPageVisit { LearnerId = learnerId, PageId = pageId, CompletedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request recorded the same page first: the unique index kept one row, which is all that matters.
            await using var check = await databases.CreateDbContextAsync(cancellationToken);
            if (!await check.Set<ELearningPageVisit>().AnyAsync(v => v.LearnerId == learnerId && v.PageId == pageId, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task<IReadOnlyList<ELearningQuestion>> QuestionsAsync(int courseId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<ELearningQuestion>().AsNoTracking().Where(q => q.CourseId == courseId)
            .OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the check from the posted answers (field <see cref="AnswerField"/> per question, the chosen option's
    /// number). Every attempt is kept; the first pass records the completion, once.
    /// </summary>
    public async Task<CheckResult> SubmitAsync(ELearningProgress progress, Learner learner, IReadOnlyDictionary<string, string?> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(answers);
        if (!progress.CheckOpen)
        {
            return new CheckResult(CheckOutcome.NotOpen, 0, 0, new Dictionary<string, string>());
        }

        var questions = await QuestionsAsync(progress.Course.Id, cancellationToken);
        var errors = new Dictionary<string, string>();
        var correct = 0;
        foreach (var question in questions)
        {
            var field = AnswerField(question.Id);
            var answer = answers.TryGetValue(field, out var value) ? value : null;
            if (answer is not { Length: <= 2 } || !int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen)
                || chosen < 1 || chosen > question.OptionList.Count)
            {
                errors[field] = $"Choose an answer to question {question.Position}";
                continue;
            }

            correct += chosen == question.CorrectOption ? 1 : 0;
        }

        if (errors.Count > 0)
        {
            return new CheckResult(CheckOutcome.Invalid, 0, questions.Count, errors);
        }

        var passed = correct * 100 >= progress.PassMarkPercent * questions.Count;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var attempt = new ELearningAttempt { LearnerId = learner.Id, CourseId = progress.Course.Id, SubmittedAt = now, Correct = correct, Questions = questions.Count, Passed = passed };
        db.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        if (!passed)
        {
            return new CheckResult(CheckOutcome.Failed, correct, questions.Count, errors);
        }

        var completionId = await CompletionIdAsync(db, learner.Id, progress.Course.Id, cancellationToken);
        if (completionId is null)
        {
            db.Add(new ELearningCompletion { LearnerId = learner.Id, CourseId = progress.Course.Id, OrganisationId = learner.OrganisationId, AttemptId = attempt.Id, CompletedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A second tab passed at the same moment; the unique index keeps the first completion.
            }

            await using var check = await databases.CreateDbContextAsync(cancellationToken);
            completionId = await CompletionIdAsync(check, learner.Id, progress.Course.Id, cancellationToken)
                ?? throw new InvalidOperationException($"The completion of course {progress.Course.Id} by learner {learner.Id} was neither saved nor found.");
        }

        // Issued for the completion, not the attempt: a later pass or a racing tab gets the same certificate, and a
        // completion left without one (the request ended between the two saves) gets it on the next pass.
        var certificate = await certificates.IssueForCompletionAsync(completionId.Value, cancellationToken);
        return new CheckResult(CheckOutcome.Passed, correct, questions.Count, errors, certificate);
    }

    private static Task<long?> CompletionIdAsync(LearningDbContext db, int learnerId, int courseId, CancellationToken cancellationToken) =>
        db.Set<ELearningCompletion>().Where(c => c.LearnerId == learnerId && c.CourseId == courseId).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
}
