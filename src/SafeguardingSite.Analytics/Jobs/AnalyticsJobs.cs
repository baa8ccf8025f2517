using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Time;

namespace SafeguardingSite.Analytics.Jobs;

/// <summary>Builds yesterday's and today's totals. Idempotent: each run replaces the days it builds.</summary>
public sealed class AnalyticsRollupJob(RollupBuilder builder, TimeProvider clock)
{
    public const string RecurringJobId = "analytics-rollup";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        await builder.BuildDayAsync(today.AddDays(-1), cancellationToken);
        await builder.BuildDayAsync(today, cancellationToken);
    }
}

/// <summary>
/// Deletes raw events older than the retention period (after making sure their days are rolled up, so the totals
/// survive) and salts older than yesterday. Idempotent: a second run finds nothing to delete.
/// </summary>
public sealed class AnalyticsRetentionJob(
    IDbContextFactory<AnalyticsDbContext> contexts,
    RollupBuilder builder,
    IOptions<AnalyticsOptions> options,
    TimeProvider clock)
{
    public const string RecurringJobId = "analytics-retention";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        var cutoffDay = today.AddMonths(-Math.Max(1, options.Value.RawRetentionMonths));
        var cutoff = UkCalendar.StartOfDayUtc(cutoffDay);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Events.AsNoTracking().Where(e => e.At < cutoff).OrderBy(e => e.At).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken) is { } oldest)
        {
            await builder.EnsureBuiltAsync(UkCalendar.DayOf(oldest), cutoffDay, cancellationToken);
        }

        var deleted = await db.Events.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        var yesterday = today.AddDays(-1);
        await db.Salts.Where(s => s.Day < yesterday).ExecuteDeleteAsync(cancellationToken);
        return deleted;
    }
}
