using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;

namespace SafeguardingSite.Analytics.Jobs;

/// <summary>Builds yesterday's and today's totals. Idempotent: each run replaces the days it builds.</summary>
public sealed class AnalyticsRollupJob(RollupBuilder builder, TimeProvider clock)
{
    public const string RecurringJobId = "analytics-rollup";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.Date.AddMonths(-Math.Max(1, options.Value.RawRetentionMonths));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Events.AsNoTracking().Where(e => e.At < cutoff).OrderBy(e => e.At).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken) is { } oldest)
        {
            await builder.EnsureBuiltAsync(DateOnly.FromDateTime(oldest), DateOnly.FromDateTime(cutoff), cancellationToken);
        }

        var deleted = await db.Events.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        var yesterday = DateOnly.FromDateTime(now).AddDays(-1);
        await db.Salts.Where(s => s.Day < yesterday).ExecuteDeleteAsync(cancellationToken);
        return deleted;
    }
}
