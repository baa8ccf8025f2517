using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Recording;
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
        // Visitor 1's visit spans 5 min; visitor 2's one-page visit was on screen 90 s by the script's report (instead
        // of 0 s), the other spans 60 s: 450 s over 3 visits.
        Assert.Contains("Average visit 2 min 30 s ▲ +400.0% (up from 30 s)", text, StringComparison.Ordinal);
        Assert.Contains("Bounce rate 33.3% ▼ −33.3% (down from 50.0%)", text, StringComparison.Ordinal);
        Assert.Contains("Downloads 2 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Searches that found nothing 1 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Outbound link clicks 3 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        // Top pages and sections with their share of all 7 views, and the previous period's count beside each.
        Assert.Contains("Page Page views Share of all page views Previous period /training/ 4 57.1% 1 / 1 14.3% 2 /professionals/ 1 14.3% none /training/courses/ 1 14.3% none", text, StringComparison.Ordinal);
        Assert.Contains("Section Page views Share of all page views Previous period /training/ 5 71.4% 1", text, StringComparison.Ordinal);
        Assert.Contains("Page Visits begun Share of all visits Previous period /training/ 2 66.7% none / 1 33.3% 2", text, StringComparison.Ordinal);
        Assert.Contains("Site Page views Share of all page views Previous period www.bing.com 1 14.3% none www.google.com 1 14.3% none", text, StringComparison.Ordinal);
        Assert.Contains("Source Page views Share of all page views Previous period bulletin 1 14.3% none", text, StringComparison.Ordinal);
        Assert.Contains("Device Page views Share of all page views Previous period desktop 4 57.1% 3 mobile 3 42.9% none", text, StringComparison.Ordinal);
        Assert.Contains("File Downloads Share of all downloads Previous period /media/annual-report.pdf 2 100.0% none", text, StringComparison.Ordinal);
        Assert.Contains("Destination Clicks Share of all outbound link clicks Previous period www.nspcc.org.uk/keeping-children-safe/ 2 66.7% none www.gov.uk/guidance 1 33.3% none", text, StringComparison.Ordinal);
        Assert.Contains("Search term Searches Share of all searches Previous period neglect 1 50.0% none zzqxv 1 50.0% none", text, StringComparison.Ordinal);
        Assert.Contains("Search term Searches Share of searches that found nothing Previous period zzqxv 1 100.0% none", text, StringComparison.Ordinal);
        Assert.Contains("allowed the returning-visitor cookie: 0.0% of visitors in this period (0.0% in the previous one)", text, StringComparison.Ordinal);
        // The daily chart's table: one row per day, each beside the same day of the previous period.
        Assert.Contains("Mon 16 Nov 2026 3 Mon 9 Nov 2026 0 Tue 17 Nov 2026 3 Tue 10 Nov 2026 1", text, StringComparison.Ordinal);
        Assert.Contains("Financial year 2026-27: CSV for 2026-27 , Excel for 2026-27 , printable page for 2026-27", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Choosing_a_preset_shows_its_own_dates_in_the_date_boxes_not_the_ones_typed_before(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);
        using var reader = await site.SignInAsync(AnalyticsDashboardSites.Reader);

        // The GET form sends the date boxes with every choice, so a preset arrives beside the last custom dates.
        var preset = await reader.GetPageAsync("/umbraco/analytics?period=last-7-days&from=2026-01-05&to=2026-01-09");
        Assert.Contains("id=\"field-from\" name=\"from\" type=\"date\" value=\"2026-11-15\"", preset, StringComparison.Ordinal);
        Assert.Contains("id=\"field-to\" name=\"to\" type=\"date\" value=\"2026-11-21\"", preset, StringComparison.Ordinal);
        Assert.Contains("<option value=\"last-7-days\" selected=\"selected\">", preset, StringComparison.Ordinal);

        var custom = await reader.GetPageAsync("/umbraco/analytics?period=custom&from=2026-01-05&to=2026-01-09");
        Assert.Contains("value=\"2026-01-05\"", custom, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-01-09\"", custom, StringComparison.Ordinal);

        // A rejected request shows back exactly what was typed, so it can be corrected.
        var rejected = await reader.GetAsync("/umbraco/analytics?period=custom&from=2026-01-09&to=2026-01-05");
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("id=\"field-from\" name=\"from\" type=\"date\" value=\"2026-01-09\"", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Returning_visitors_come_only_from_visitors_who_allowed_the_cookie_and_the_share_they_cover_is_shown(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);
        var host = site.Content.Site;
        var writer = host.Services.GetRequiredService<AnalyticsWriter>();
        var writtenBefore = writer.Written;
        using var visitors = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var pageViews = 0;

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string ip, string? cookie = null, Action<HttpRequestMessage>? adjust = null, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.TryAddWithoutValidation("User-Agent", Browser);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", ip);
            if (cookie is not null)
            {
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
            }

            if (form is not null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            adjust?.Invoke(request);
            var response = await visitors.SendAsync(request);
            if (method == HttpMethod.Get)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                pageViews++;
            }

            return response;
        }

        Task<HttpResponseMessage> ViewAsync(string path, string ip, string? cookie = null, Action<HttpRequestMessage>? adjust = null) => SendAsync(HttpMethod.Get, path, ip, cookie, adjust);
        Task<HttpResponseMessage> ChooseAsync(string choice, string ip, string? cookie = null, Action<HttpRequestMessage>? adjust = null, string returnUrl = "/professionals/") =>
            SendAsync(HttpMethod.Post, ReturningVisitorCookie.ConsentPath, ip, cookie, adjust, new() { ["choice"] = choice, ["returnUrl"] = returnUrl });
        static void DoNotTrack(HttpRequestMessage r) => r.Headers.TryAddWithoutValidation("DNT", "1");
        static void GlobalPrivacyControl(HttpRequestMessage r) => r.Headers.TryAddWithoutValidation("Sec-GPC", "1");

        // Every visit is today, Sunday 22 November: the other tests in this class read periods that end yesterday.
        // Visitor A: a page without any cookie, then allows it from the footer, then one more page.
        var first = await ViewAsync("/professionals/", "198.51.100.1");
        Assert.False(first.Headers.Contains("Set-Cookie"), "no cookie of any kind before consent");
        var firstHtml = await first.Content.ReadAsStringAsync();
        Assert.Contains("Allow the returning-visitor cookie", firstHtml, StringComparison.Ordinal);
        Assert.Contains($"action=\"{ReturningVisitorCookie.ConsentPath}\"", firstHtml, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/professionals/\"", firstHtml, StringComparison.Ordinal);
        var allowed = await ChooseAsync(ReturningVisitorCookie.Allow, "198.51.100.1");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("/professionals/", allowed.Headers.Location!.OriginalString);
        var setCookie = allowed.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith($"{ReturningVisitorCookie.Name}=1.2026-11-22;", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookieA = setCookie.Split(';')[0];
        Assert.Contains("Remove the cookie", await (await ViewAsync("/", "198.51.100.1", cookieA)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Visitor B never chooses: a visitor, outside the cookie figures.
        await ViewAsync("/", "198.51.100.2");

        // Visitor C sends Do Not Track: offered nothing, and asking anyway sets nothing.
        var doNotTrackHtml = await (await ViewAsync("/", "198.51.100.3", adjust: DoNotTrack)).Content.ReadAsStringAsync();
        Assert.Contains("Your browser asks websites not to track you", doNotTrackHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Allow the returning-visitor cookie", doNotTrackHtml, StringComparison.Ordinal);
        Assert.False((await ChooseAsync(ReturningVisitorCookie.Allow, "198.51.100.3", adjust: DoNotTrack)).Headers.Contains("Set-Cookie"));

        // Visitor D allowed the cookie in January but now sends Global Privacy Control: the cookie is not read.
        await ViewAsync("/", "198.51.100.4", "nscp_returning=1.2026-01-10", GlobalPrivacyControl);

        // Visitor R allowed it on Friday and is back; allowing again keeps Friday. Visitor E's cookie was not written by us.
        await ViewAsync("/", "198.51.100.5", "nscp_returning=1.2026-11-20");
        Assert.False((await ChooseAsync(ReturningVisitorCookie.Allow, "198.51.100.5", "nscp_returning=1.2026-11-20")).Headers.Contains("Set-Cookie"));
        await ViewAsync("/professionals/", "198.51.100.6", "nscp_returning=%3Cscript%3E");

        // Removing expires the cookie; bad, foreign or misdirected answers set nothing.
        var removed = await ChooseAsync(ReturningVisitorCookie.Withdraw, "198.51.100.7", cookieA);
        Assert.Contains("expires=Thu, 01 Jan 1970", removed.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        var hostile = await ChooseAsync("<script>alert(1)</script>", "198.51.100.7");
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.Contains("\"choice\"", await hostile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(hostile.Headers.Contains("Set-Cookie"));
        var crossSite = await ChooseAsync(ReturningVisitorCookie.Allow, "198.51.100.7", adjust: r => r.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.False(crossSite.Headers.Contains("Set-Cookie"));
        Assert.Equal("/", (await ChooseAsync(ReturningVisitorCookie.Withdraw, "198.51.100.7", returnUrl: "//evil.example/")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitors.PostAsync(ReturningVisitorCookie.ConsentPath, new StringContent("{\"choice\":\"allow\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        await Eventually.HoldsAsync(() => writer.Written >= writtenBefore + pageViews, TimeSpan.FromSeconds(30), $"{pageViews} scripted views written");

        using var reader = await site.SignInAsync(AnalyticsDashboardSites.Reader);
        var text = TextOf(await reader.GetPageAsync("/umbraco/analytics?period=custom&from=2026-11-22&to=2026-11-22"));

        // Hashed visitors: A, B, R and E; C and D asked not to be tracked. With the cookie: A (new today) and R (back).
        Assert.Contains("Page views 7 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Visitors (daily, summed) 4 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Visitors who allowed the returning-visitor cookie 2 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("New visitors (of those with the cookie) 1 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("Returning visitors (of those with the cookie) 1 ▲ new: none in the previous period", text, StringComparison.Ordinal);
        Assert.Contains("allowed the returning-visitor cookie: 50.0% of visitors in this period (0.0% in the previous one). Of them, 50.0% had been before.", text, StringComparison.Ordinal);

        // The financial year adds the fixture's five cookieless visitors from October and November: 2 of 9 covered.
        var rows = await (await reader.GetAsync("/umbraco/analytics/annual-report/2026?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("Headline,Visitors who allowed the returning-visitor cookie,2,22.2%", rows, StringComparison.Ordinal);
        Assert.Contains("Headline,New visitors (of those with the cookie),1,50.0%", rows, StringComparison.Ordinal);
        Assert.Contains("Headline,Returning visitors (of those with the cookie),1,50.0%", rows, StringComparison.Ordinal);
        Assert.Equal(
            [VisitorCookie.None, VisitorCookie.New, VisitorCookie.None, VisitorCookie.None, VisitorCookie.None, VisitorCookie.Returning, VisitorCookie.None],
            await StoredCookieStatusesAsync(site));
    }

    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    private static async Task<List<VisitorCookie>> StoredCookieStatusesAsync(BackOfficeTestSite site)
    {
        await using var db = await site.Content.Site.Services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>().CreateDbContextAsync();
        var from = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
        return await db.Events.AsNoTracking().Where(e => e.At >= from && e.At < to && e.Kind == AnalyticsEventKind.PageView).OrderBy(e => e.Id).Select(e => e.Cookie).ToListAsync();
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
        var rows = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Headline,Page views,", rows, StringComparison.Ordinal);
        Assert.Contains("Headline,Outbound link clicks,3,", rows, StringComparison.Ordinal);
        Assert.Contains("Outbound link,www.nspcc.org.uk/keeping-children-safe/,2,66.7%", rows, StringComparison.Ordinal);
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
        // Visits made over HTTP in this class come through a proxy that names the client, as on the live site.
        var site = await BackOfficeTestSite.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Analytics:ClientIpSource"] = "ForwardedHeader",
            ["Analytics:FlushInterval"] = "00:00:00.050",
        });
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
            // The script's reports: visitor 2's one-page visit was on screen 90 s; three clicks to other sites.
            new() { At = At(11, 17, 12, 3), Kind = AnalyticsEventKind.Engagement, Path = "/training/", Section = "/training/", VisitorHash = 2, EngagedSeconds = 90 },
            new() { At = At(11, 18, 9, 10), Kind = AnalyticsEventKind.OutboundLink, Path = "www.nspcc.org.uk/keeping-children-safe/", VisitorHash = 3 },
            new() { At = At(11, 18, 9, 11), Kind = AnalyticsEventKind.OutboundLink, Path = "www.nspcc.org.uk/keeping-children-safe/", VisitorHash = 4 },
            new() { At = At(11, 19, 9, 2), Kind = AnalyticsEventKind.OutboundLink, Path = "www.gov.uk/guidance", VisitorHash = 1 },
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
