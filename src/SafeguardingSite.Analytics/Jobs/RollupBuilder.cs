using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Reporting;
using SafeguardingSite.Analytics.Time;

namespace SafeguardingSite.Analytics.Jobs;

/// <summary>
/// Builds a UK day's totals (local midnight to midnight: 23 or 25 hours on clock-change days) from its raw events,
/// replacing whatever was there, so running it twice gives the same rows.
/// A day is marked final once built after it ended; final days are never rebuilt, which keeps them after their raw
/// events are deleted.
/// </summary>
public sealed class RollupBuilder(IDbContextFactory<AnalyticsDbContext> contexts, IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    public async Task BuildDayAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var start = UkCalendar.StartOfDayUtc(day);
        var end = UkCalendar.StartOfDayUtc(day.AddDays(1));
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
        var today = UkCalendar.Today(clock);
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

    /// <summary>
    /// Rebuilds, final or not, every day whose raw events are complete, from the oldest event kept to today; when
    /// retention has reached that oldest day it may have lost its first hours, so it keeps its totals like the days
    /// before (which keep whatever meaning they were built with). Used once after the meaning of a day or a metric changes; returns the days rebuilt.
    /// </summary>
    public async Task<int> RebuildFromRawEventsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var oldest = await db.Events.AsNoTracking().OrderBy(e => e.At).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken);
        if (oldest is null)
        {
            return 0;
        }

        var today = UkCalendar.Today(clock);
        var oldestDay = UkCalendar.DayOf(oldest.Value);

        // Totals built on UTC days may hold that UTC date's late-evening views, which are now the next UK day.
        var first = DateOnly.FromDateTime(oldest.Value);
        if (oldestDay <= today.AddMonths(-Math.Max(1, options.Value.RawRetentionMonths)))
        {
            first = oldestDay.AddDays(1);
        }

        var rebuilt = 0;
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            await BuildDayAsync(day, cancellationToken);
            rebuilt++;
        }

        return rebuilt;
    }
}
