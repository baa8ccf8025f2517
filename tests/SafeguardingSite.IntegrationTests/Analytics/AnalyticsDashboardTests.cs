using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Analytics;

/// <summary>
/// The back-office dashboard and the editor panel over a scripted series of visits. The site's clock is Sunday
/// 22 November 2026, so "last 7 days" is 15–21 November and its previous period 8–14 November.
/// </summary>
public partial class AnalyticsDashboardTests(AnalyticsDashboardSites sites) : IClassFixture<AnalyticsDashboardSites>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_dashboard_shows_exact_figures_shares_and_changes_against_the_previous_period(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);
        using var reader = await site.SignInAsync(AnalyticsDashboardSites.Reader);

        var text = TextOf(await reader.GetPageAsync("/umbraco/analytics?period=last-7-days"));

        Assert.Contains("Last 7 days: 15 November 2026 to 21 November 2026 (7 days), compared with 8 November 2026 to 14 November 2026", text, StringComparison.Ordinal);
        // 7 views against 3; unique: visitor 1's three pages, visitor 2's two visits to one page, the Do Not Track view.
        Assert.Contains("Page views 7 ▲ +133.3% (up from 3)", text, StringComparison.Ordinal);
        Assert.Contains("Unique page views 6 ▲ +100.0% (up from 3)", text, StringComparison.Ordinal);
        Assert.Contains("Visitors (daily, summed) 2 no change", text, StringComparison.Ordinal);
        Assert.Contains("Visits 3 ▲ +50.0% (up from 2)", text, StringComparison.Ordinal);
        Assert.Contains("Average visit 2 min 0 s ▲ +300.0% (up from 30 s)", text, StringComparison.Ordinal);
        Assert.Contains("Bounce rate 33.3% ▼ −33.3% (down from 50.0%)", text, StringComparison.Ordinal);
        Assert.Contains("Downloads 2 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Searches that found nothing 1 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        // Top pages and sections with their share of all 7 views, and the previous period's count beside each.
        Assert.Contains("Page Page views Share of all page views Previous period /training/ 4 57.1% 1 / 1 14.3% 2 /professionals/ 1 14.3% none /training/courses/ 1 14.3% none", text, StringComparison.Ordinal);
        Assert.Contains("Section Page views Share of all page views Previous period /training/ 5 71.4% 1", text, StringComparison.Ordinal);
        Assert.Contains("Page Visits begun Share of all visits Previous period /training/ 2 66.7% none / 1 33.3% 2", text, StringComparison.Ordinal);
        Assert.Contains("Site Page views Share of all page views Previous period www.bing.com 1 14.3% none www.google.com 1 14.3% none", text, StringComparison.Ordinal);
        Assert.Contains("Source Page views Share of all page views Previous period bulletin 1 14.3% none", text, StringComparison.Ordinal);
        Assert.Contains("Device Page views Share of all page views Previous period desktop 4 57.1% 3 mobile 3 42.9% none", text, StringComparison.Ordinal);
        Assert.Contains("File Downloads Share of all downloads Previous period /media/annual-report.pdf 2 100.0% none", text, StringComparison.Ordinal);
        Assert.Contains("Search term Searches Share of all searches Previous period neglect 1 50.0% none zzqxv 1 50.0% none", text, StringComparison.Ordinal);
        Assert.Contains("Search term Searches Share of searches that found nothing Previous period zzqxv 1 100.0% none", text, StringComparison.Ordinal);
        Assert.Contains("so that consent covers 0.0% of visitors", text, StringComparison.Ordinal);
        // The daily chart's table: one row per day, each beside the same day of the previous period.
        Assert.Contains("Mon 16 Nov 2026 3 Mon 9 Nov 2026 0 Tue 17 Nov 2026 3 Tue 10 Nov 2026 1", text, StringComparison.Ordinal);
        Assert.Contains("Financial year 2026-27: CSV for 2026-27 , Excel for 2026-27 , printable page for 2026-27", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Charts_are_inline_svg_images_with_names_and_tables_and_no_style_attributes_or_scripts(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);
        using var reader = await site.SignInAsync(AnalyticsDashboardSites.Reader);

        var response = await reader.GetAsync("/umbraco/analytics?period=last-30-days");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("style-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var charts = SvgPattern().Matches(html);
        Assert.Equal(4, charts.Count); // daily views, top pages, sections, devices
        Assert.All(charts, c => Assert.Matches("role=\"img\" aria-labelledby=\"([a-z-]+)-title \\1-desc\"", c.Value));
        Assert.All(charts, c => Assert.Matches("<title id=\"[a-z-]+-title\">[^<]+</title>", c.Value));
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("://", string.Concat(Links().Matches(html).Select(m => m.Groups[1].Value)), StringComparison.Ordinal);
        Assert.True(html.Split("<table>").Length - 1 >= 10, "a table beside every chart and breakdown");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_page_filter_and_the_editor_panel_show_that_pages_views_time_and_referrers(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);
        using var reader = await site.SignInAsync(AnalyticsDashboardSites.Reader);

        var text = TextOf(await reader.GetPageAsync("/umbraco/analytics?period=last-7-days&page=%2Ftraining%2F"));
        Assert.Contains("Analytics for /training/", text, StringComparison.Ordinal);
        Assert.Contains("Page views 4 ▲ +300.0% (up from 1)", text, StringComparison.Ordinal);
        Assert.Contains("Unique page views 3 ▲ +200.0% (up from 1)", text, StringComparison.Ordinal);
        // Visitor 1 stayed 180 s before moving on, visitor 2 60 s; views with no next page are not timed.
        Assert.Contains("Average time on page 2 min 0 s ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Entrances (visits that began here) 2 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Site Page views Share of the page's views Previous period www.bing.com 1 25.0% none", text, StringComparison.Ordinal);

        // The panel, resolved as the content editor would: the last 30 days (23 Oct–21 Nov) against the 30 before.
        var panel = await PanelForAsync(site, AnalyticsDashboardSites.Reader, sites.TrainingKey(provider));
        Assert.NotNull(panel);
        Assert.Equal(
            [
                "Period: Last 30 days (23 October 2026 to 21 November 2026), compared with the 30 days before",
                "Page views: 5, +150.0% (up from 2)",
                "Unique page views: 4, +300.0% (up from 1)",
                "Average time on page: 2 min 0 s, −33.3% (down from 3 min 0 s)",
                "Top referrers: www.bing.com (1)",
            ],
            panel.Rows.Select(r => $"{r.Label}: {r.Value}"));
        Assert.Equal("/umbraco/analytics?period=last-30-days&page=%2Ftraining%2F", panel.MoreHref);
        Assert.Contains("Page views 5 ▲ +150.0% (up from 2)", TextOf(await reader.GetPageAsync(panel.MoreHref!)), StringComparison.Ordinal);

        // Writers see their own pages' figures but no link to a dashboard they cannot open; others see nothing.
        var writerPanel = await PanelForAsync(site, AnalyticsDashboardSites.Writer, sites.TrainingKey(provider));
        Assert.NotNull(writerPanel);
        Assert.Null(writerPanel.MoreHref);
        Assert.Null(await PanelForAsync(site, AnalyticsDashboardSites.OtherBranchWriter, sites.TrainingKey(provider)));
        Assert.Null(await PanelForAsync(site, AnalyticsDashboardSites.BulletinEditor, sites.TrainingKey(provider)));
        var draft = await PanelForAsync(site, AnalyticsDashboardSites.Reader, sites.DraftKey(provider));
        Assert.Equal("None yet: the page is not on the public site.", draft!.Rows.Single().Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_or_impossible_periods_get_messages_not_errors(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);
        using var reader = await site.SignInAsync(AnalyticsDashboardSites.Reader);

        async Task<string> RejectedAsync(string query)
        {
            var response = await reader.GetAsync("/umbraco/analytics?" + query);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
            Assert.Contains("There is a problem", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            return TextOf(html);
        }

        Assert.Contains("The end date must be the same as or after the start date.", await RejectedAsync("period=custom&from=2026-11-10&to=2026-11-01"), StringComparison.Ordinal);
        Assert.Contains("The period can be at most 800 days long.", await RejectedAsync("period=custom&from=2020-01-01&to=2026-11-01"), StringComparison.Ordinal);
        Assert.Contains("The start date must be in 2000 or later.", await RejectedAsync("from=0001-01-01&to=2026-11-01"), StringComparison.Ordinal);
        Assert.Contains("The end date cannot be after today.", await RejectedAsync("from=2026-11-01&to=9999-12-31"), StringComparison.Ordinal);
        Assert.Contains("Enter the start date as a real date", await RejectedAsync("period=custom&from=2026-02-30&to=2026-03-01"), StringComparison.Ordinal);
        Assert.Contains("Enter the end date as a real date", await RejectedAsync("from=2026-11-01&to=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), StringComparison.Ordinal);
        Assert.Contains("Enter the start date.", await RejectedAsync("period=custom"), StringComparison.Ordinal);
        Assert.Contains("Enter the start date as a real date", await RejectedAsync("from=1%27%20OR%201%3D1--&to=2026-11-01"), StringComparison.Ordinal);
        Assert.Contains("Enter the start date as a real date", await RejectedAsync("from=" + new string('9', 5000) + "&to=2026-11-01"), StringComparison.Ordinal);
        Assert.Contains("Choose one of the periods in the list.", await RejectedAsync("period=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), StringComparison.Ordinal);
        Assert.Contains("Enter the page as its address on the site", await RejectedAsync("period=last-7-days&page=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), StringComparison.Ordinal);
        Assert.Contains("Enter the page as its address on the site", await RejectedAsync("period=last-7-days&page=//evil.example/"), StringComparison.Ordinal);

        // A wrong format or year for the export is a problem-details answer, also not an error page.
        var export = await reader.GetAsync("/umbraco/analytics/annual-report/20x5?format=exe");
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains("\"year\"", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csv = await reader.GetAsync("/umbraco/analytics/annual-report/2026?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Headline,Page views,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_analytics_readers_and_administrators_open_the_dashboard(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);

        using var writer = await site.SignInAsync(AnalyticsDashboardSites.Writer);
        var refused = await writer.GetAsync("/umbraco/analytics");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/umbraco/access-denied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync(refused.Headers.Location.OriginalString)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.GetAsync("/umbraco/analytics/annual-report/2026?format=csv")).StatusCode);
        Assert.DoesNotContain("href=\"/umbraco/analytics\"", await writer.GetPageAsync("/umbraco"), StringComparison.Ordinal);

        using var anonymous = site.NewClient();
        var signIn = await anonymous.GetAsync("/umbraco/analytics");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/umbraco/login", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var admin = await site.SignInAsync(AnalyticsDashboardSites.Administrator);
        Assert.Contains("href=\"/umbraco/analytics\"", await admin.GetPageAsync("/umbraco"), StringComparison.Ordinal);
        Assert.Contains("Headline figures", await admin.GetPageAsync("/umbraco/analytics"), StringComparison.Ordinal);
    }

    private static async Task<ContentEditorPanel?> PanelForAsync(BackOfficeTestSite site, string email, Guid page)
    {
        await using var scope = site.Content.Site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<BackOfficeUser>>().CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
        var panel = scope.ServiceProvider.GetServices<IContentEditorPanel>().Single(p => p.GetType().Name == "AnalyticsEditorPanel");
        return await panel.BuildAsync(page, principal, CancellationToken.None);
    }

    /// <summary>The page as a screen reader would read it: text only, entities decoded, spaces collapsed.</summary>
    private static string TextOf(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex Links();

    [GeneratedRegex("<svg[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();
}

/// <summary>One started site per database for the whole class, with its users, pages and scripted visits.</summary>
public sealed class AnalyticsDashboardSites : IAsyncLifetime
{
    public const string Reader = "reader@northdale-scp.example";
    public const string Administrator = "admin@northdale-scp.example";
    public const string Writer = "writer@northdale-scp.example";
    public const string OtherBranchWriter = "branch-writer@northdale-scp.example";
    public const string BulletinEditor = "bulletin@northdale-scp.example";

    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<(BackOfficeTestSite Site, Guid Training, Guid Draft)>>> started = new();

    internal async Task<BackOfficeTestSite> GetAsync(DatabaseProvider provider) => (await StartedAsync(provider)).Site;

    internal Guid TrainingKey(DatabaseProvider provider) => StartedAsync(provider).Result.Training;

    internal Guid DraftKey(DatabaseProvider provider) => StartedAsync(provider).Result.Draft;

    private Task<(BackOfficeTestSite Site, Guid Training, Guid Draft)> StartedAsync(DatabaseProvider provider) =>
        started.GetOrAdd(provider, p => new Lazy<Task<(BackOfficeTestSite, Guid, Guid)>>(() => StartAsync(p))).Value;

    private static async Task<(BackOfficeTestSite, Guid, Guid)> StartAsync(DatabaseProvider provider)
    {
        var site = await BackOfficeTestSite.StartAsync(provider);
        var training = await site.Content.CreatePageAsync("Training");
        await site.Content.CreatePageAsync("Courses", training);
        var other = await site.Content.CreatePageAsync("Professionals");
        var draft = await site.Content.CreatePageAsync("Coming soon", publish: false);
        await Eventually.HoldsAsync(() => site.Content.Snapshot.Find(training)?.Url == "/training/", TimeSpan.FromSeconds(10), "the training page is published");
        await site.CreateUserAsync(Reader, BackOfficeGroups.AnalyticsReader);
        await site.CreateUserAsync(Administrator, UserGroups.Administrator);
        await site.CreateUserAsync(Writer, UserGroups.Writer);
        await site.CreateUserAsync(OtherBranchWriter, UserGroups.Writer, [other]);
        await site.CreateUserAsync(BulletinEditor, BackOfficeGroups.BulletinEditor);
        await ScriptVisitsAsync(site);
        return (site, training, draft);
    }

    /// <summary>Raw events as the recorder stores them: times in UTC (GMT in November), a hash per visitor and day.</summary>
    private static async Task ScriptVisitsAsync(BackOfficeTestSite site)
    {
        static DateTime At(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);
        static AnalyticsEvent View(DateTime at, string path, long? visitor, DeviceClass device = DeviceClass.Desktop, string? referrer = null, string? source = null) => new()
        {
            At = at,
            Kind = AnalyticsEventKind.PageView,
            Path = path,
            Section = path == "/" ? "/" : "/" + path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] + "/",
            VisitorHash = visitor,
            Device = device,
            ReferrerHost = referrer,
            UtmSource = source,
        };

        AnalyticsEvent[] events =
        [
            // This period. Visitor 1: three pages in five minutes, from a search engine via the bulletin link.
            View(At(11, 16, 10, 0), "/", 1, referrer: "www.google.com", source: "bulletin"),
            View(At(11, 16, 10, 2), "/training/", 1),
            View(At(11, 16, 10, 5), "/training/courses/", 1),
            // Visitor 2 on a phone: a one-page visit, then two hours later the same page twice a minute apart.
            View(At(11, 17, 12, 0), "/training/", 2, DeviceClass.Mobile, referrer: "www.bing.com"),
            View(At(11, 17, 14, 0), "/training/", 2, DeviceClass.Mobile),
            View(At(11, 17, 14, 1), "/training/", 2, DeviceClass.Mobile),
            // Do Not Track: counted, no visitor.
            View(At(11, 18, 9, 0), "/professionals/", null),
            new() { At = At(11, 18, 9, 5), Kind = AnalyticsEventKind.Download, Path = "/media/annual-report.pdf", VisitorHash = 3 },
            new() { At = At(11, 18, 9, 6), Kind = AnalyticsEventKind.Download, Path = "/media/annual-report.pdf", VisitorHash = 4 },
            new() { At = At(11, 19, 9, 0), Kind = AnalyticsEventKind.Search, Path = "/search", SearchTerm = "neglect", SearchResults = 3, VisitorHash = 1 },
            new() { At = At(11, 19, 9, 1), Kind = AnalyticsEventKind.Search, Path = "/search", SearchTerm = "zzqxv", SearchResults = 0, VisitorHash = 1 },
            // Previous period: a bounce on the home page, and a visit of home then training a minute apart.
            View(At(11, 10, 9, 0), "/", 3),
            View(At(11, 12, 9, 0), "/", 4),
            View(At(11, 12, 9, 1), "/training/", 4),
            // Early October (in the 30 days before the panel's 30): training twice, three minutes apart.
            View(At(10, 1, 10, 0), "/training/", 5),
            View(At(10, 1, 10, 3), "/training/", 5),
        ];
        await using var db = await site.Content.Site.Services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>().CreateDbContextAsync();
        db.Events.AddRange(events);
        await db.SaveChangesAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var site in started.Values.Where(s => s.IsValueCreated))
        {
            await (await site.Value).Site.DisposeAsync();
        }
    }
}
