using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Analytics;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Jobs;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.IntegrationTests.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Analytics;

public class AnalyticsRetentionAndExportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Retention_deletes_old_raw_events_but_the_daily_totals_stay(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        var now = site.Site.Clock.GetUtcNow().UtcDateTime;
        var old = now.AddMonths(-14);
        var recent = now.AddDays(-3);
        await AddEventsAsync(site, (old, "/training/", 1), (old.AddMinutes(2), "/", 1), (recent, "/", 2));

        var job = site.Site.Services.GetRequiredService<AnalyticsRetentionJob>();
        Assert.Equal(2, await job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));

        var remaining = await site.StoredEventsAsync();
        Assert.Equal([recent], remaining.Select(e => e.At));
        using var admin = await site.ClientForGroupAsync(UserGroups.Administrator);
        var oldDay = old.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var body = JsonNode.Parse(await admin.GetStringAsync($"{AnalyticsRegistration.ApiPath}/summary?from={oldDay}&to={oldDay}"))!;
        Assert.Equal(2, (long)body["current"]!["pageViews"]!);
        Assert.Equal(1, (long)body["current"]!["visitors"]!);
        Assert.Equal(1, (long)body["current"]!["visits"]!);
        Assert.Equal(120.0, (double)body["current"]!["averageVisitSeconds"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Financial_year_export_sums_1_April_to_31_March_in_UK_time_as_csv_xlsx_and_html(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        // UK time: 23:59 UTC on 31 March 2025 is 00:59 BST on 1 April (in the year); the same on 31 March 2026 is
        // already 1 April 2026 (the next year). Midnight UTC on 1 April is 01:00 BST, in the year.
        await AddEventsAsync(site,
            (new DateTime(2025, 3, 30, 22, 59, 0, DateTimeKind.Utc), "/", 6),
            (new DateTime(2025, 3, 31, 23, 59, 0, DateTimeKind.Utc), "/", 1),
            (new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc), "/", 2),
            (new DateTime(2025, 4, 1, 0, 10, 0, DateTimeKind.Utc), "/training/", 2),
            (new DateTime(2025, 12, 24, 12, 0, 0, DateTimeKind.Utc), "/=HYPERLINK(\"x\")/", 3),
            (new DateTime(2026, 3, 31, 22, 59, 0, DateTimeKind.Utc), "/training/", 4),
            (new DateTime(2026, 3, 31, 23, 0, 0, DateTimeKind.Utc), "/", 5));
        using var admin = await site.ClientForGroupAsync(UserGroups.Administrator);
        var path = AnalyticsRegistration.ApiPath + "/annual-report/2025";

        var json = JsonNode.Parse(await admin.GetStringAsync(path))!;
        Assert.Equal("2025-26", (string?)json["financialYear"]);
        Assert.Equal(5, (long)json["figures"]!["pageViews"]!);
        Assert.Equal(4, (long)json["figures"]!["visitors"]!);
        Assert.Equal(["2025-04 3", "2025-12 1", "2026-03 1"], json["months"]!.AsArray().Where(m => (long)m!["pageViews"]! > 0).Select(m => $"{m!["month"]} {m["pageViews"]}"));

        var csv = await admin.GetStringAsync(path + "?format=csv");
        Assert.Contains("Headline,Page views,5,", csv, StringComparison.Ordinal);
        Assert.Contains("Top page,/training/,2,40.0%", csv, StringComparison.Ordinal);
        Assert.Contains("Top page,\"/=HYPERLINK(\"\"x\"\")/\",1,20.0%", csv, StringComparison.Ordinal);

        var xlsx = await admin.GetByteArrayAsync(path + "?format=xlsx");
        using (var zip = new ZipArchive(new MemoryStream(xlsx)))
        {
            using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var sheet = await reader.ReadToEndAsync();
            Assert.Contains("<t>Page views</t></is></c><c t=\"n\"><v>5</v>", sheet, StringComparison.Ordinal);
            Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        }

        var html = await admin.GetStringAsync(path + "?format=html");
        Assert.Contains("<h1>Website figures for the financial year 2025-26</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("=HYPERLINK(\"x\")", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_need_the_analytics_policy_and_reject_bad_input_with_problem_details(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        using var writer = await site.ClientForGroupAsync(UserGroups.Writer);
        using var admin = await site.ClientForGroupAsync(UserGroups.Administrator);
        var summary = AnalyticsRegistration.ApiPath + "/summary";

        Assert.Equal(HttpStatusCode.Unauthorized, (await site.Client.GetAsync(summary + "?from=2026-01-01&to=2026-01-31")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync(summary + "?from=2026-01-01&to=2026-01-31")).StatusCode);
        await ManagementApiContext.AssertProblemAsync(await admin.GetAsync(summary + "?from=<script>&to=2026-01-31"), HttpStatusCode.BadRequest, "from");
        await ManagementApiContext.AssertProblemAsync(await admin.GetAsync(summary + "?from=2026-02-01&to=2026-01-01"), HttpStatusCode.BadRequest, "to");
        await ManagementApiContext.AssertProblemAsync(await admin.GetAsync(summary + "?from=2000-01-01&to=2026-01-01"), HttpStatusCode.BadRequest, "to");
        await ManagementApiContext.AssertProblemAsync(await admin.GetAsync(AnalyticsRegistration.ApiPath + "/annual-report/1%27%20OR%201=1"), HttpStatusCode.BadRequest, "year");
        await ManagementApiContext.AssertProblemAsync(await admin.GetAsync(AnalyticsRegistration.ApiPath + "/annual-report/2025?format=exe"), HttpStatusCode.BadRequest, "format");
    }

    private static async Task AddEventsAsync(AnalyticsSite site, params (DateTime At, string Path, long Visitor)[] views)
    {
        await using var db = await site.Site.Services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>().CreateDbContextAsync();
        db.Events.AddRange(views.Select(v => new AnalyticsEvent { At = v.At, Kind = AnalyticsEventKind.PageView, Path = v.Path, Section = "/", VisitorHash = v.Visitor }));
        await db.SaveChangesAsync();
    }
}
