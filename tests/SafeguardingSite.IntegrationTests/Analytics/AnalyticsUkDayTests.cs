using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Jobs;
using SafeguardingSite.Analytics.Reporting;
using SafeguardingSite.Analytics.Time;
using SafeguardingSite.Platform.Commands;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Analytics;

/// <summary>Days are Europe/London days: 23 hours on the last Sunday of March, 25 on the last Sunday of October.</summary>
public class AnalyticsUkDayTests
{
    private static DateTime Utc(int month, int day, int hour, int minute, int year = 2026) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-03-28T23:59:59Z", "2026-03-28")] // GMT: UK midnight is UTC midnight
    [InlineData("2026-03-29T00:59:59Z", "2026-03-29")] // 00:59 GMT, a minute before the clocks go forward
    [InlineData("2026-03-29T22:59:59Z", "2026-03-29")] // 23:59 BST on the 23-hour day
    [InlineData("2026-03-29T23:00:00Z", "2026-03-30")] // 00:00 BST
    [InlineData("2026-07-01T22:59:59Z", "2026-07-01")]
    [InlineData("2026-07-01T23:00:00Z", "2026-07-02")]
    [InlineData("2026-10-24T23:00:00Z", "2026-10-25")] // 00:00 BST on the 25-hour day
    [InlineData("2026-10-25T00:59:59Z", "2026-10-25")] // 01:59 BST, the first time round
    [InlineData("2026-10-25T01:00:00Z", "2026-10-25")] // 01:00 GMT, the second time round
    [InlineData("2026-10-25T23:59:59Z", "2026-10-25")] // 23:59 GMT
    [InlineData("2026-10-26T00:00:00Z", "2026-10-26")]
    public void A_moment_belongs_to_its_UK_calendar_day(string instant, string expected)
    {
        var utc = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UkCalendar.DayOf(utc));
    }

    [Fact]
    public void Clock_change_days_last_23_and_25_hours_and_financial_years_start_on_1_April_UK_time()
    {
        TimeSpan Length(DateOnly day) => UkCalendar.StartOfDayUtc(day.AddDays(1)) - UkCalendar.StartOfDayUtc(day);
        Assert.Equal(TimeSpan.FromHours(23), Length(new DateOnly(2026, 3, 29)));
        Assert.Equal(TimeSpan.FromHours(25), Length(new DateOnly(2026, 10, 25)));
        Assert.Equal(TimeSpan.FromHours(24), Length(new DateOnly(2026, 7, 1)));
        Assert.Equal(Utc(3, 31, 23, 0), UkCalendar.StartOfDayUtc(new DateOnly(2026, 4, 1)));
        Assert.Equal(2026, UkCalendar.FinancialYearOf(UkCalendar.DayOf(Utc(3, 31, 23, 0))));
        Assert.Equal(2025, UkCalendar.FinancialYearOf(UkCalendar.DayOf(Utc(3, 31, 22, 59))));
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31)), UkCalendar.FinancialYear(2026));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roll_ups_count_views_on_UK_days_across_both_clock_changes_and_midnight(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        await AddViewsAsync(site,
            (Utc(3, 28, 23, 59), 1),   // Sat 28 March, GMT
            (Utc(3, 29, 0, 30), 2),    // Sun 29 March 00:30 GMT
            (Utc(3, 29, 22, 30), 2),   // Sun 29 March 23:30 BST, same visitor 22 hours later: a second visit
            (Utc(3, 29, 23, 30), 3),   // Mon 30 March 00:30 BST
            (Utc(10, 24, 22, 59), 4),  // Sat 24 October 23:59 BST
            (Utc(10, 24, 23, 0), 8),   // Sun 25 October 00:00 BST
            (Utc(10, 25, 0, 50), 5),   // 01:50 BST, then the clocks go back ...
            (Utc(10, 25, 1, 10), 5),   // ... 01:10 GMT: 20 minutes later, one visit of 1,200 seconds
            (Utc(10, 25, 23, 59), 6),  // Sun 25 October 23:59 GMT
            (Utc(10, 26, 0, 0), 7));   // Mon 26 October
        var reports = site.Site.Services.GetRequiredService<AnalyticsReports>();

        async Task<string> DayAsync(int month, int day)
        {
            var figures = await reports.FiguresAsync(new DateOnly(2026, month, day), new DateOnly(2026, month, day));
            return $"{figures.PageViews} views, {figures.Visitors} visitors, {figures.Visits} visits";
        }

        Assert.Equal("1 views, 1 visitors, 1 visits", await DayAsync(3, 28));
        Assert.Equal("2 views, 1 visitors, 2 visits", await DayAsync(3, 29));
        Assert.Equal("1 views, 1 visitors, 1 visits", await DayAsync(3, 30));
        Assert.Equal("1 views, 1 visitors, 1 visits", await DayAsync(10, 24));
        Assert.Equal("4 views, 3 visitors, 3 visits", await DayAsync(10, 25));
        Assert.Equal("1 views, 1 visitors, 1 visits", await DayAsync(10, 26));

        var october = await reports.FiguresAsync(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25));
        Assert.Equal(400.0, october.AverageVisitSeconds);
        Assert.Equal([4L], october.DailyViews.Select(d => d.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_visitor_salt_changes_at_UK_midnight_so_a_visit_never_spans_two_report_days(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        var beforeMidnight = new DateTimeOffset(2027, 7, 1, 22, 50, 0, TimeSpan.Zero); // 23:50 BST; the site clock only moves forward
        await site.VisitAsync(beforeMidnight, "10.1.0.1", AnalyticsSite.Desktop, "/");
        await site.VisitAsync(beforeMidnight.AddMinutes(5), "10.1.0.1", AnalyticsSite.Desktop, "/");
        await site.VisitAsync(beforeMidnight.AddMinutes(20), "10.1.0.1", AnalyticsSite.Desktop, "/"); // 00:10 BST, 2 July
        await site.WrittenAsync(3);

        var hashes = (await site.StoredEventsAsync()).Select(e => e.VisitorHash).ToList();
        Assert.Equal(hashes[0], hashes[1]);
        Assert.NotEqual(hashes[1], hashes[2]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_rebuild_command_moves_totals_built_on_UTC_days_to_UK_days(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        await AddViewsAsync(site, (Utc(7, 1, 23, 30), 1)); // 00:30 BST on 2 July
        var firstJuly = new DateOnly(2026, 7, 1);
        await using (var db = await Contexts(site).CreateDbContextAsync())
        {
            // What the earlier UTC-day roll-up left: the view on 1 July, and the day marked final.
            db.DailyTotals.AddRange(
                new DailyTotal { Day = firstJuly, Metric = Metrics.Views, Value = 1 },
                new DailyTotal { Day = firstJuly, Metric = Metrics.PageViews, Dimension = "/", Value = 1 });
            db.RolledUpDays.Add(new RolledUpDay { Day = firstJuly, BuiltAt = Utc(7, 2, 1, 0) });
            await db.SaveChangesAsync();
        }

        var command = site.Site.Services.GetServices<ISiteCommand>().Single(c => c.Name == "analytics rebuild-rollups");
        using var output = new StringWriter();
        Assert.Equal(0, await command.RunAsync([], output, CancellationToken.None));
        Assert.Contains("Rebuilt the analytics totals of", output.ToString(), StringComparison.Ordinal);

        var reports = site.Site.Services.GetRequiredService<AnalyticsReports>();
        Assert.Equal(0, (await reports.FiguresAsync(firstJuly, firstJuly)).PageViews);
        var secondJuly = await reports.FiguresAsync(firstJuly.AddDays(1), firstJuly.AddDays(1));
        Assert.Equal(1, secondJuly.PageViews);
        Assert.Equal("/", secondJuly.TopPages.Single().Name);
    }

    private static IDbContextFactory<AnalyticsDbContext> Contexts(AnalyticsSite site) =>
        site.Site.Services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>();

    private static async Task AddViewsAsync(AnalyticsSite site, params (DateTime At, long Visitor)[] views)
    {
        await using var db = await Contexts(site).CreateDbContextAsync();
        db.Events.AddRange(views.Select(v => new AnalyticsEvent { At = v.At, Kind = AnalyticsEventKind.PageView, Path = "/", Section = "/", VisitorHash = v.Visitor }));
        await db.SaveChangesAsync();
    }
}
