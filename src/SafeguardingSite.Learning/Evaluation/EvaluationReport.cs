using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>One answer shown in full: free text, a choice, or a rating.</summary>
public sealed record ReportedAnswer(Respondent Respondent, DateTime SessionStartsAt, string Answer);

/// <summary>How one question was answered at one stage.</summary>
public sealed record QuestionSummary(EvaluationStage Stage, string Question, QuestionKind Kind, bool MeasuresConfidence, bool ForManager, int Answers,
    double? AverageRating, IReadOnlyList<(string Choice, int Count)> ChoiceCounts, IReadOnlyList<ReportedAnswer> Texts);

/// <summary>
/// Average confidence before and after a course: the mean of every rating given to a question measuring confidence at
/// that stage. The per-course evaluation report and the training report's evaluation columns both compute it here.
/// </summary>
/// <param name="Before">Average of the confidence ratings given before the course, or null when none were.</param>
public sealed record ConfidenceAverages(double? Before, double? After)
{
    /// <summary>After minus before: how much more (or less) confident learners say they are.</summary>
    public double? Change => Before is { } before && After is { } after ? after - before : null;

    /// <summary>Averages the ratings of the answers given to questions measuring confidence; other answers are ignored.</summary>
    public static ConfidenceAverages Of(IEnumerable<(EvaluationStage Stage, bool MeasuresConfidence, int? Rating)> answers)
    {
        var ratings = answers.Where(a => a.MeasuresConfidence && a.Rating is not null).ToLookup(a => a.Stage, a => (double)a.Rating!.Value);
        double? Average(EvaluationStage stage) => ratings[stage].Any() ? ratings[stage].Average() : null;
        return new(Average(EvaluationStage.BeforeCourse), Average(EvaluationStage.AfterCourse));
    }
}

public sealed record CourseEvaluationReport(Course Course, IReadOnlyDictionary<EvaluationStage, int> Responses, ConfidenceAverages Confidence,
    IReadOnlyList<QuestionSummary> Questions)
{
    public IEnumerable<QuestionSummary> Impact => Questions.Where(q => q.Stage == EvaluationStage.FollowUp);
}

/// <summary>A course on the report's index: how many answered each stage.</summary>
public sealed record CourseEvaluationCount(int CourseId, string Title, int Before, int After, int FollowUp);

/// <summary>The evaluation results per course: the confidence change and the answers to every question, the impact follow-up's included.</summary>
public sealed class EvaluationReportService(IDbContextFactory<LearningDbContext> databases)
{
    public async Task<IReadOnlyList<CourseEvaluationCount>> CoursesAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<EvaluationResponse>().GroupBy(r => new { r.CourseId, r.Stage }).Select(g => new { g.Key.CourseId, g.Key.Stage, Count = g.Count() }).ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.CourseId).Distinct().ToList();
        var titles = await db.Courses.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        int Count(int course, EvaluationStage stage) => counts.Where(c => c.CourseId == course && c.Stage == stage).Sum(c => c.Count);
        return [.. ids.Select(id => new CourseEvaluationCount(id, titles[id], Count(id, EvaluationStage.BeforeCourse), Count(id, EvaluationStage.AfterCourse), Count(id, EvaluationStage.FollowUp)))
            .OrderBy(c => c.Title, StringComparer.CurrentCulture)];
    }

    public async Task<CourseEvaluationReport?> ForCourseAsync(int courseId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken) is not { } course)
        {
            return null;
        }

        var rows = await (
            from r in db.Set<EvaluationResponse>()
            where r.CourseId == courseId
            join a in db.Set<EvaluationAnswer>() on r.Id equals a.ResponseId
            join q in db.Set<EvaluationQuestion>() on a.QuestionId equals q.Id
            join s in db.Sessions on r.SessionId equals s.Id
            select new { r.Stage, r.Respondent, s.StartsAt, Question = q, a.Rating, a.Text })
            .AsNoTracking().ToListAsync(cancellationToken);
        var responses = await db.Set<EvaluationResponse>().Where(r => r.CourseId == courseId).GroupBy(r => r.Stage)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        // Questions with the same wording at the same stage (the default's and a course copy's) are one line of the report.
        var questions = rows.GroupBy(r => (r.Stage, r.Question.Text, r.Question.Kind, r.Question.ForManager))
            .OrderBy(g => g.Key.Stage).ThenBy(g => g.Min(r => r.Question.Order))
            .Select(g => new QuestionSummary(g.Key.Stage, g.Key.Text, g.Key.Kind, g.Any(r => r.Question.MeasuresConfidence), g.Key.ForManager, g.Count(),
                g.Key.Kind == QuestionKind.Rating ? g.Average(r => (double?)r.Rating) : null,
                g.Key.Kind == QuestionKind.Choice ? [.. g.GroupBy(r => r.Text!).Select(c => (c.Key, c.Count())).OrderByDescending(c => c.Item2)] : [],
                g.Key.Kind != QuestionKind.FreeText ? [] : [.. g.OrderByDescending(r => r.StartsAt).Select(r => new ReportedAnswer(r.Respondent, r.StartsAt, r.Text!))]))
            .ToList();
        return new CourseEvaluationReport(course, responses, ConfidenceAverages.Of(rows.Select(r => (r.Stage, r.Question.MeasuresConfidence, r.Rating))), questions);
    }
}
