using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.BrowserTests;

/// <summary>
/// One real site with the demo content on a loopback port, and Debian's chromium driven by Playwright, shared by the
/// browser tests in a collection. Each test opens its own browser context, so cookies and history never leak between tests.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>A stand-in for the neutral site the quick exit goes to: the test machine has no internet.</summary>
    public const string NeutralSite = "https://neutral.example/weather";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private TestDatabase? database;
    private IPlaywright? playwright;

    public SiteHost Site { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public PublishedSnapshot Snapshot => Site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Site = new SiteHost(database, extraSettings: new Dictionary<string, string?> { ["Site:QuickExitUrl"] = NeutralSite });
        BaseAddress = Site.StartKestrel();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Args = ChromiumArguments,
            Headless = true,
        });
    }

    /// <summary>A fresh browser context and page; the neutral site answers locally so the quick exit can be followed.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        await context.RouteAsync("https://neutral.example/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html",
            Body = "<!DOCTYPE html><html lang=\"en\"><title>Weather</title><h1>Weather</h1></html>",
        }));
        return await context.NewPageAsync();
    }

    /// <summary>The first published page of each document type: every template the site has, from the demo content.</summary>
    public IReadOnlyDictionary<string, string> OnePagePerType() => Snapshot.All
        .GroupBy(p => p.ContentTypeAlias)
        .ToDictionary(g => g.Key, g => g.First().Url);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("SAFEGUARDING_CHROMIUM");
        foreach (var candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Browser tests need Debian's chromium: apt-get install -y chromium (or set SAFEGUARDING_CHROMIUM).");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser";
}
