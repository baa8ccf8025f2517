using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Jobs;
using SafeguardingSite.Analytics.Time;

namespace SafeguardingSite.Analytics.Reporting;

public sealed record Share(string Name, long Count, double Fraction);

public sealed record DayCount(DateOnly Day, long Count);

/// <summary>The figures for one period. Visitors are daily unique visitors summed over the days (the salt is daily).</summary>
public sealed record PeriodFigures(
    DateOnly From,
    DateOnly To,
    long PageViews,
    long UniquePageViews,
    long Visitors,
    long Visits,
    double AverageVisitSeconds,
    double BounceRate,
    long Downloads,
    long Searches,
    long ZeroResultSearches,
    IReadOnlyList<Share> TopPages,
    IReadOnlyList<Share> Sections,
    IReadOnlyList<Share> EntryPages,
    IReadOnlyList<Share> Referrers,
    IReadOnlyList<Share> Sources,
    IReadOnlyList<Share> Campaigns,
    IReadOnlyList<Share> Devices,
    IReadOnlyList<Share> TopDownloads,
    long OutboundClicks,
    IReadOnlyList<Share> TopOutboundLinks,
    IReadOnlyList<Share> TopSearches,
    IReadOnlyList<Share> ZeroResultTerms,
    IReadOnlyList<DayCount> DailyViews,
    long CookieVisitors,
    long ReturningVisitors)
{
    /// <summary>Visitors who allowed the cookie and were seeing the site for the first time since.</summary>
    public long NewVisitors => CookieVisitors - ReturningVisitors;

    /// <summary>The share of visitors that new and returning figures describe: those who allowed the cookie.</summary>
    public double CookieCoverage => Visitors == 0 ? 0 : Math.Round((double)CookieVisitors / Visitors, 4);

    public double NewShare => CookieVisitors == 0 ? 0 : Math.Round((double)NewVisitors / CookieVisitors, 4);

    public double ReturningShare => CookieVisitors == 0 ? 0 : Math.Round((double)ReturningVisitors / CookieVisitors, 4);
}

public sealed record PeriodComparison(PeriodFigures Current, PeriodFigures Previous);

/// <summary>One page's figures for a period; time on page counts only views followed by another in the same visit.</summary>
public sealed record PageFigures(
    string Path,
    DateOnly From,
    DateOnly To,
    long PageViews,
    long UniquePageViews,
    double AverageSecondsOnPage,
    long Entrances,
    IReadOnlyList<Share> Referrers,
    IReadOnlyList<DayCount> DailyViews);

public sealed record PageComparison(PageFigures Current, PageFigures Previous);

public sealed record MonthFigures(string Month, long PageViews, long UniquePageViews, long Visitors);

public sealed record AnnualReport(string FinancialYear, PeriodFigures Figures, IReadOnlyList<MonthFigures> Months);

/// <summary>Reports read the daily totals only (building any day not final yet), so they work long after raw events are gone.</summary>
public sealed class AnalyticsReports(IDbContextFactory<AnalyticsDbContext> contexts, RollupBuilder rollups)
{
    public const int MaxPeriodDays = 800;
    private const int TopCount = 20;

    /// <summary>Metrics read only for one page at a time; the site-wide figures leave them out to stay small.</summary>
    private static readonly string[] PerPageOnly = [Metrics.PageUniqueViews, Metrics.PageTimeSeconds, Metrics.PageTimedViews, Metrics.PageReferrers];

    /// <summary>The period of the same number of days that ends the day before <paramref name="from"/>.</summary>
    public static (DateOnly From, DateOnly To) PreviousOf(DateOnly from, DateOnly to)
    {
        var previousTo = from.AddDays(-1);
        return (previousTo.AddDays(from.DayNumber - to.DayNumber), previousTo);
    }

    public async Task<PeriodComparison> CompareAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var previous = PreviousOf(from, to);
        return new PeriodComparison(
            await FiguresAsync(from, to, cancellationToken),
            await FiguresAsync(previous.From, previous.To, cancellationToken));
    }

    public async Task<PageComparison> ComparePageAsync(string path, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var previous = PreviousOf(from, to);
        return new PageComparison(
            await PageAsync(path, from, to, cancellationToken),
            await PageAsync(path, previous.From, previous.To, cancellationToken));
    }

    /// <summary>The financial year that starts on 1 April of <paramref name="startYear"/> and ends on 31 March after, in UK days.</summary>
    public async Task<AnnualReport> FinancialYearAsync(int startYear, CancellationToken cancellationToken = default)
    {
        var (from, to) = UkCalendar.FinancialYear(startYear);
        var figures = await FiguresAsync(from, to, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        string[] monthly = [Metrics.Views, Metrics.UniqueViews, Metrics.Visitors];
        var rows = await db.DailyTotals.AsNoTracking()
            .Where(t => t.Day >= from && t.Day <= to && t.Dimension == string.Empty && monthly.Contains(t.Metric))
            .ToListAsync(cancellationToken);
        var months = Enumerable.Range(0, 12).Select(i => from.AddMonths(i)).Select(month =>
        {
            var inMonth = rows.Where(r => r.Day.Year == month.Year && r.Day.Month == month.Month).ToList();
            long Sum(string metric) => inMonth.Where(r => r.Metric == metric).Sum(r => r.Value);
            return new MonthFigures(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), Sum(Metrics.Views), Sum(Metrics.UniqueViews), Sum(Metrics.Visitors));
        }).ToList();
        return new AnnualReport($"{startYear}-{(startYear + 1) % 100:00}", figures, months);
    }

    public async Task<PeriodFigures> FiguresAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await rollups.EnsureBuiltAsync(from, to, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sums = await db.DailyTotals.AsNoTracking()
            .Where(t => t.Day >= from && t.Day <= to && !PerPageOnly.Contains(t.Metric))
            .GroupBy(t => new { t.Metric, t.Dimension })
            .Select(g => new { g.Key.Metric, g.Key.Dimension, Value = g.Sum(t => t.Value) })
            .ToListAsync(cancellationToken);
        long Total(string metric) => sums.Where(s => s.Metric == metric && s.Dimension.Length == 0).Sum(s => s.Value);
        IReadOnlyList<Share> Breakdown(string metric, long whole) => sums
            .Where(s => s.Metric == metric && s.Dimension.Length > 0)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Dimension, StringComparer.Ordinal)
            .Take(TopCount)
            .Select(s => new Share(s.Dimension, s.Value, whole == 0 ? 0 : Math.Round((double)s.Value / whole, 4)))
            .ToList();
        long DimensionTotal(string metric) => sums.Where(s => s.Metric == metric).Sum(s => s.Value);

        var views = Total(Metrics.Views);
        var visits = Total(Metrics.Visits);
        var downloads = DimensionTotal(Metrics.Downloads);
        var outbound = DimensionTotal(Metrics.OutboundLinks);
        var searches = DimensionTotal(Metrics.Searches);
        var zero = DimensionTotal(Metrics.ZeroResultSearches);
        return new PeriodFigures(
            from,
            to,
            views,
            Total(Metrics.UniqueViews),
            Total(Metrics.Visitors),
            visits,
            visits == 0 ? 0 : Math.Round((double)Total(Metrics.DurationSeconds) / visits, 1),
            visits == 0 ? 0 : Math.Round((double)Total(Metrics.Bounces) / visits, 4),
            downloads,
            searches,
            zero,
            Breakdown(Metrics.PageViews, views),
            Breakdown(Metrics.SectionViews, views),
            Breakdown(Metrics.EntryPages, visits),
            Breakdown(Metrics.Referrers, views),
            Breakdown(Metrics.UtmSources, views),
            Breakdown(Metrics.UtmCampaigns, views),
            Breakdown(Metrics.Devices, views),
            Breakdown(Metrics.Downloads, downloads),
            outbound,
            Breakdown(Metrics.OutboundLinks, outbound),
            Breakdown(Metrics.Searches, searches),
            Breakdown(Metrics.ZeroResultSearches, zero),
            await DailyAsync(db, from, to, Metrics.Views, string.Empty, cancellationToken),
            Total(Metrics.CookieVisitors),
            Total(Metrics.ReturningVisitors));
    }

    public async Task<PageFigures> PageAsync(string path, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        await rollups.EnsureBuiltAsync(from, to, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        string[] exact = [Metrics.PageViews, Metrics.PageUniqueViews, Metrics.PageTimeSeconds, Metrics.PageTimedViews, Metrics.EntryPages];
        var referrerPrefix = path + " ";
        var sums = await db.DailyTotals.AsNoTracking()
            .Where(t => t.Day >= from && t.Day <= to
                && ((exact.Contains(t.Metric) && t.Dimension == path) || (t.Metric == Metrics.PageReferrers && t.Dimension.StartsWith(referrerPrefix))))
            .GroupBy(t => new { t.Metric, t.Dimension })
            .Select(g => new { g.Key.Metric, g.Key.Dimension, Value = g.Sum(t => t.Value) })
            .ToListAsync(cancellationToken);
        long Sum(string metric) => sums.Where(s => s.Metric == metric && s.Dimension == path).Sum(s => s.Value);
        var views = Sum(Metrics.PageViews);
        var timed = Sum(Metrics.PageTimedViews);
        var referrers = sums
            .Where(s => s.Metric == Metrics.PageReferrers)
            .Select(s => (Split: Metrics.SplitPageReferrer(s.Dimension), s.Value))
            .Where(r => r.Split.Path == path)
            .OrderByDescending(r => r.Value).ThenBy(r => r.Split.Host, StringComparer.Ordinal)
            .Take(TopCount)
            .Select(r => new Share(r.Split.Host, r.Value, views == 0 ? 0 : Math.Round((double)r.Value / views, 4)))
            .ToList();
        return new PageFigures(
            path,
            from,
            to,
            views,
            Sum(Metrics.PageUniqueViews),
            timed == 0 ? 0 : Math.Round((double)Sum(Metrics.PageTimeSeconds) / timed, 1),
            Sum(Metrics.EntryPages),
            referrers,
            await DailyAsync(db, from, to, Metrics.PageViews, path, cancellationToken));
    }

    /// <summary>One count per day of the period, zero for days without any.</summary>
    private static async Task<IReadOnlyList<DayCount>> DailyAsync(AnalyticsDbContext db, DateOnly from, DateOnly to, string metric, string dimension, CancellationToken cancellationToken)
    {
        var stored = await db.DailyTotals.AsNoTracking()
            .Where(t => t.Day >= from && t.Day <= to && t.Metric == metric && t.Dimension == dimension)
            .ToDictionaryAsync(t => t.Day, t => t.Value, cancellationToken);
        var days = new List<DayCount>(to.DayNumber - from.DayNumber + 1);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(new DayCount(day, stored.GetValueOrDefault(day)));
        }

        return days;
    }
}
