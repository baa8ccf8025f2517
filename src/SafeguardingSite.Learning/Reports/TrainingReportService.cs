using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;

namespace SafeguardingSite.Learning.Reports;

/// <summary>Gathers a period's bookings and completions once, then lets each column set count them per row.</summary>
public sealed class TrainingReportService(IDbContextFactory<LearningDbContext> databases, IEnumerable<ITrainingReportColumns> columnSets)
{
    public async Task<TrainingReport> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var facts = await FactsAsync(query.Period, cancellationToken);
        var sets = columnSets.OrderBy(s => s.Order).ToList();
        var values = new List<(ITrainingReportColumns Set, IReadOnlyDictionary<ReportRowKey, IReadOnlyList<object?>> Values)>();
        foreach (var set in sets)
        {
            values.Add((set, await set.ValuesAsync(query, facts, cancellationToken)));
        }

        var rows = facts.Rows(query.Dimension).Select(row => new ReportRow(row.Key, row.Label,
            [.. values.SelectMany(v => v.Values.TryGetValue(row.Key, out var cells) ? cells : Enumerable.Repeat<object?>(null, v.Set.Headings.Count))])).ToList();
        return new TrainingReport(query, [.. sets.SelectMany(s => s.Headings)], rows);
    }

    public async Task<ReportFacts> FactsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (start, end) = (period.StartUtc, period.EndUtc);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var bookings = await (
            from b in db.Bookings
            join s in db.Sessions on b.SessionId equals s.Id
            join c in db.Courses on s.CourseId equals c.Id
            join o in db.Organisations on b.OrganisationId equals o.Id
            where s.StartsAt >= start && s.StartsAt < end && b.Status != BookingStatus.Moved
            select new { b.Id, CourseId = c.Id, c.Title, SessionId = s.Id, s.StartsAt, OrganisationId = o.Id, o.Name, o.Sector, b.ConfirmedAt, b.FirstWaitedAt })
            .ToListAsync(cancellationToken);

        // Attendance counts once the trainer has closed the register; a draft can still change.
        var marks = await (
            from m in db.Set<RegisterMark>()
            join r in db.Set<SessionRegister>() on m.SessionId equals r.SessionId
            join s in db.Sessions on m.SessionId equals s.Id
            where r.Status == RegisterStatus.Closed && s.StartsAt >= start && s.StartsAt < end
            select new { m.BookingId, m.Attendance }).ToDictionaryAsync(m => m.BookingId, m => m.Attendance, cancellationToken);
        var late = (await (
            from x in db.Set<SelfCancellation>()
            join b in db.Bookings on x.BookingId equals b.Id
            join s in db.Sessions on b.SessionId equals s.Id
            where x.IsLate && s.StartsAt >= start && s.StartsAt < end
            select x.BookingId).ToListAsync(cancellationToken)).ToHashSet();
        var charges = await db.Set<Charge>().AsNoTracking()
            .Where(c => c.SessionStartsAt >= start && c.SessionStartsAt < end)
            .Select(c => new { c.BookingId, c.Status, c.Amount }).ToDictionaryAsync(c => c.BookingId, cancellationToken);
        var completions = await (
            from x in db.Set<ELearningCompletion>()
            join c in db.Courses on x.CourseId equals c.Id
            join o in db.Organisations on x.OrganisationId equals o.Id
            where x.CompletedAt >= start && x.CompletedAt < end
            select new CompletionFact(c.Id, c.Title, o.Id, o.Name, o.Sector)).ToListAsync(cancellationToken);

        return new ReportFacts(
            [.. bookings.Select(b => new BookingFact(
                b.Id, b.CourseId, b.Title, b.SessionId, b.StartsAt, b.OrganisationId, b.Name, b.Sector,
                HeldPlace: b.ConfirmedAt is not null, Waited: b.FirstWaitedAt is not null,
                Mark: marks.TryGetValue(b.Id, out var mark) ? mark : null, LateCancellation: late.Contains(b.Id),
                Charge: charges.TryGetValue(b.Id, out var charge) ? charge.Status : null, ChargeAmount: charge?.Amount ?? 0m))],
            completions);
    }
}

public static class TrainingReportRegistration
{
    /// <summary>The report, its own columns and the evaluation results; further column sets are added with their own registrations.</summary>
    public static IServiceCollection AddTrainingReports(this IServiceCollection services)
    {
        services.AddScoped<TrainingReportService>();
        services.AddScoped<ITrainingReportColumns, AttendanceColumns>();
        services.AddScoped<ITrainingReportColumns, EvaluationColumns>();
        return services;
    }
}
