using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Reporting;

namespace SafeguardingSite.Analytics.Jobs;

/// <summary>
/// Builds a day's totals from its raw events, replacing whatever was there, so running it twice gives the same rows.
/// A day is marked final once built after it ended; final days are never rebuilt, which keeps them after their raw
/// events are deleted.
/// </summary>
public sealed class RollupBuilder(IDbContextFactory<AnalyticsDbContext> contexts, IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    public async Task BuildDayAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.Events.AsNoTracking().Where(e => e.At >= start && e.At < end).ToListAsync(cancellationToken);
        var totals = DailyFigures.Compute(day, events, options.Value.VisitTimeout);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DailyTotals.Where(t => t.Day == day).ExecuteDeleteAsync(cancellationToken);
        await db.RolledUpDays.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
        db.DailyTotals.AddRange(totals);
        if (now >= end)
        {
            db.RolledUpDays.Add(new RolledUpDay { Day = day, BuiltAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Builds every day in the range that is not final yet (today, recent days, days never rolled up).</summary>
    public async Task EnsureBuiltAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var last = to > today ? today : to;
        if (last < from)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var final = (await db.RolledUpDays.AsNoTracking().Where(d => d.Day >= from && d.Day <= last).Select(d => d.Day).ToListAsync(cancellationToken)).ToHashSet();
        for (var day = from; day <= last; day = day.AddDays(1))
        {
            if (final.Contains(day))
            {
                continue;
            }

            await BuildDayAsync(day, cancellationToken);
        }
    }
}
