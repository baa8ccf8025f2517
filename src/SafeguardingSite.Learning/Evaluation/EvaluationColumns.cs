using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Reports;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>
/// The training report's evaluation results: questionnaires answered at each stage (learners and, at the follow-up,
/// line managers) and the average confidence before and after, for the bookings of each row.
/// </summary>
public sealed class EvaluationColumns(IDbContextFactory<LearningDbContext> databases) : ITrainingReportColumns
{
    public int Order => 10;

    public IReadOnlyList<string> Headings { get; } =
    [
        "Evaluations before", "Evaluations after", "Follow-up evaluations",
        "Confidence before (1-5)", "Confidence after (1-5)", "Confidence change",
    ];

    public async Task<IReadOnlyDictionary<ReportRowKey, IReadOnlyList<object?>>> ValuesAsync(ReportQuery query, ReportFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(facts);
        var keys = facts.Bookings.ToDictionary(b => b.BookingId, b => ReportFacts.KeyOf(query.Dimension, b));
        var (start, end) = (query.Period.StartUtc, query.Period.EndUtc);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        // The same period as the facts: responses to sessions that started in it.
        var inPeriod = from r in db.Set<EvaluationResponse>()
                       join s in db.Sessions on r.SessionId equals s.Id
                       where s.StartsAt >= start && s.StartsAt < end
                       select r;
        var responses = await inPeriod.Select(r => new { r.BookingId, r.Stage }).ToListAsync(cancellationToken);
        var ratings = await (
            from r in inPeriod
            join a in db.Set<EvaluationAnswer>() on r.Id equals a.ResponseId
            join q in db.Set<EvaluationQuestion>() on a.QuestionId equals q.Id
            where q.MeasuresConfidence && a.Rating != null
            select new { r.BookingId, r.Stage, q.MeasuresConfidence, a.Rating }).ToListAsync(cancellationToken);

        var responsesByRow = responses.Where(r => keys.ContainsKey(r.BookingId)).ToLookup(r => keys[r.BookingId], r => r.Stage);
        var ratingsByRow = ratings.Where(r => keys.ContainsKey(r.BookingId)).ToLookup(r => keys[r.BookingId], r => (r.Stage, r.MeasuresConfidence, r.Rating));
        return keys.Values.Distinct().ToDictionary(key => key, key => Values([.. responsesByRow[key]], ConfidenceAverages.Of(ratingsByRow[key])));
    }

    private static IReadOnlyList<object?> Values(IReadOnlyList<EvaluationStage> responses, ConfidenceAverages confidence) =>
    [
        responses.Count(s => s == EvaluationStage.BeforeCourse), responses.Count(s => s == EvaluationStage.AfterCourse), responses.Count(s => s == EvaluationStage.FollowUp),
        Rounded(confidence.Before), Rounded(confidence.After), Rounded(confidence.Change),
    ];

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
