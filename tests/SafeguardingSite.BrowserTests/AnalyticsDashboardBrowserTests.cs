using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Recording;
using SafeguardingSite.BackOffice.Identity;

namespace SafeguardingSite.BrowserTests;

/// <summary>
/// The analytics dashboard in a real chromium: axe (WCAG 2.2 AA) at desktop and 320px, period changed by keyboard;
/// and the public site's script reporting to the site itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AnalyticsDashboardBrowserTests(BrowserSite site)
{
    private const string Password = "meadow-lantern-copper-62";

    [Fact]
    public async Task A_reader_changes_the_period_by_keyboard_and_the_dashboard_passes_axe_at_desktop_and_320_pixels()
    {
        var email = $"reader-{Guid.NewGuid():N}@northdale-scp.example";
        await CreateReaderAsync(email);
        await AddVisitsAsync();
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{site.BaseAddress.Port}",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umbraco/login?returnUrl=%2Fumbraco%2Fanalytics");
        await page.FillAsync("#field-email", email);
        await page.FillAsync("#field-password", Password);
        await page.PressAsync("#field-password", "Enter");
        await page.WaitForURLAsync("**/umbraco/analytics");
        var problems = new List<string>();
        await AxeAsync(page, "last 30 days at 1280px", problems);

        // Keyboard only: to the period list, one up from "Last 30 days" to "Last 7 days", then to the button.
        await TabToAsync(page, "field-period");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal("last-7-days", await page.InputValueAsync("#field-period"));
        await TabToAsync(page, "show-figures");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("period=last-7-days", StringComparison.Ordinal));
        Assert.Contains("Last 7 days: 15 November 2026 to 21 November 2026", await page.InnerTextAsync(".analytics-summary"), StringComparison.Ordinal);
        await AxeAsync(page, "last 7 days at 1280px", problems);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(), FullPage = true });

        await page.SetViewportSizeAsync(320, 640);
        await page.ReloadAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > 320)
        {
            problems.Add($"the dashboard is {width}px wide at 320px");
        }

        await AxeAsync(page, "last 7 days at 320px", problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_public_script_reports_an_outbound_click_and_the_time_on_screen_when_the_page_is_left_without_a_cookie()
    {
        // A browser user agent: the site does not count headless browsers, which name themselves.
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{site.BaseAddress.Port}",
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal(AnalyticsBeacon.Path, await page.GetAttributeAsync("body", "data-analytics-beacon"));

        // A link to another site, as editors put in page content; its query string must not be reported. The test
        // machine has no internet, so the link goes nowhere (routing the other site instead would hold back the
        // beacons sent as the page unloads).
        await page.EvaluateAsync("""
            () => {
              const link = document.createElement('a');
              link.href = 'https://partner.example/help/?name=someone#top';
              link.textContent = 'Partner help';
              link.id = 'partner-link';
              link.addEventListener('click', (event) => event.preventDefault());
              document.querySelector('main').append(link);
            }
            """);

        // Over two seconds on screen since the script started (deferred scripts run before DOMContentLoaded), by the
        // page's own clock, so there is engaged time to report when it is left.
        await page.WaitForFunctionAsync("() => performance.now() - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd > 2100");
        await page.ClickAsync("#partner-link");
        // Closing the tab as a visitor would: the page is hidden and unloaded, and reports its time on screen.
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });

        var contexts = site.Site.Services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>();
        List<AnalyticsEvent> reported = [];
        await Testing.Eventually.HoldsAsync(
            async () =>
            {
                await using var db = await contexts.CreateDbContextAsync();
                reported = await db.Events.AsNoTracking()
                    .Where(e => (e.Kind == AnalyticsEventKind.OutboundLink && e.Path == "partner.example/help/") || (e.Kind == AnalyticsEventKind.Engagement && e.Path == "/"))
                    .ToListAsync();
                return reported.Select(e => e.Kind).Distinct().Count() == 2;
            },
            TimeSpan.FromSeconds(30),
            "an outbound-link and an engagement beacon recorded");

        Assert.InRange(reported.Where(e => e.Kind == AnalyticsEventKind.Engagement).Sum(e => e.EngagedSeconds!.Value), 2, AnalyticsBeacon.MaxEngagedSeconds);
        Assert.Single(reported.Select(e => e.VisitorHash).Distinct());
        Assert.Empty(await context.CookiesAsync());
        await context.CloseAsync();
    }

    private async Task CreateReaderAsync(string email)
    {
        await using var scope = site.Site.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
        var (user, result) = await accounts.CreateAsync(email, "Analytics Reader", [BackOfficeGroups.AnalyticsReader], [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        Assert.True((await users.AddPasswordAsync(user!, Password)).Succeeded);
    }

    /// <summary>A fortnight of visits before the site's date (22 November 2026), so both periods have figures.</summary>
    private async Task AddVisitsAsync()
    {
        string[] pages = ["/", "/training/", "/professionals/", "/worried-about-a-child/", "/resources/"];
        var events = new List<AnalyticsEvent>();
        for (var day = 1; day <= 14; day++)
        {
            for (var visitor = 0; visitor < day % 5 + 2; visitor++)
            {
                var start = new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc).AddDays(-day).AddMinutes(visitor * 40);
                for (var view = 0; view <= visitor % 3; view++)
                {
                    var path = pages[(visitor + view + day) % pages.Length];
                    events.Add(new AnalyticsEvent
                    {
                        At = start.AddMinutes(view * 2),
                        Kind = AnalyticsEventKind.PageView,
                        Path = path,
                        Section = path,
                        VisitorHash = (day * 100) + visitor,
                        Device = visitor % 2 == 0 ? DeviceClass.Desktop : DeviceClass.Mobile,
                        ReferrerHost = view == 0 && visitor % 3 == 1 ? "www.google.com" : null,
                    });
                }
            }
        }

        await using var db = await site.Site.Services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>().CreateDbContextAsync();
        db.Events.AddRange(events);
        await db.SaveChangesAsync();
    }

    private static string ScreenshotPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SafeguardingSite.sln")))
        {
            folder = folder.Parent;
        }

        var images = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "docs", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, "analytics-dashboard.png");
    }
}
