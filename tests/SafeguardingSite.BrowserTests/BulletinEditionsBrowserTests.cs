using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.BrowserTests;

/// <summary>A site of its own with mail going to an SMTP sink, so the browser test can see the edition arrive.</summary>
public sealed class BulletinEditionsBrowserSite : IAsyncLifetime
{
    private TestDatabase? database;

    public SiteHost Site { get; private set; } = null!;
    public SmtpSink Sink { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Sink = SmtpSink.Start();
        Site = new SiteHost(database).WithMailSink(Sink).WithSetting("Bulletin:PublicBaseUrl", "https://www.northdale-scp.example");
        BaseAddress = Site.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Sink.DisposeAsync();
        await database!.DisposeAsync();
    }
}

/// <summary>A bulletin editor composes, previews and sends an edition in chromium; axe on the list, compose and progress screens.</summary>
[Collection(BrowserCollection.Name)]
public class BulletinEditionsBrowserTests(BrowserSite browser, BulletinEditionsBrowserSite site) : IClassFixture<BulletinEditionsBrowserSite>
{
    private const string Password = "meadow-quartz-signal-62";

    [Fact]
    public async Task An_editor_composes_previews_and_sends_an_edition_and_watches_it_reach_sent()
    {
        const string Title = "December safeguarding bulletin";
        var email = $"bulletin-{Guid.NewGuid():N}@northdale-scp.example";
        await CreateBulletinEditorAsync(email);
        var readers = await AddSubscribersAsync(3);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{site.BaseAddress.Port}",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        await page.GotoAsync("/umbraco/login");
        await page.FillAsync("#field-email", email);
        await page.FillAsync("#field-password", Password);
        await page.PressAsync("#field-password", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));

        await page.GotoAsync("/umbraco/bulletin");
        await AxeAsync(page, "editions list", problems);
        await page.ClickAsync("text=Compose a new edition");
        await page.FillAsync("#field-title", Title);
        await page.ClickAsync("button:has-text('Add article')");
        await page.FillAsync("[id='field-blocks[0].heading']", "Safer sleep week");
        await page.FillAsync("[id='field-blocks[0].body']", "New **leaflets** for parents.\n\nSee [the campaign](/safer-sleep/).");
        Assert.Equal(Title, await page.InputValueAsync("#field-title"));
        await AxeAsync(page, "compose", problems);

        // Saved by keyboard, as every back-office action must allow.
        var savePreview = page.Locator("button[value='save-preview']").First;
        await savePreview.FocusAsync();
        await savePreview.PressAsync("Enter");
        await page.WaitForURLAsync("**/preview");
        Assert.Equal("Safer sleep week", await page.FrameLocator("iframe").Locator("h2").First.InnerTextAsync());
        Assert.Contains("Safer sleep week", await page.InnerTextAsync(".preview-text"), StringComparison.Ordinal);

        // Sent with the mouse from the top of the page: the click scrolls past the email preview frame, which once took
        // the click for itself (see docs/bulletin.md).
        await page.Locator("button:has-text('Send or schedule')").ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Sending: {Title}", new() { Timeout = 60_000 });
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"Send did not reach the progress page; still on {page.Url}: {await page.InnerTextAsync("main")}");
        }

        await AxeAsync(page, "progress", problems);
        await Assertions.Expect(page.Locator("[data-field='statusText']")).ToHaveTextAsync("Sent", new() { Timeout = 60_000 });
        Assert.Equal("3", await page.InnerTextAsync("[data-field='sent']"));
        await AxeAsync(page, "progress when sent", problems);

        var received = site.Sink.Messages.Where(m => m.Subject == Title).SelectMany(m => m.EnvelopeTo).Order().ToList();
        Assert.Equal(readers.Order(), received);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await context.CloseAsync();
    }

    private async Task CreateBulletinEditorAsync(string email)
    {
        await using var scope = site.Site.Services.CreateAsyncScope();
        var (user, result) = await scope.ServiceProvider.GetRequiredService<BackOfficeUsers>().CreateAsync(email, "Bulletin Editor", [BackOfficeGroups.BulletinEditor], [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().AddPasswordAsync(user!, Password)).Succeeded);
    }

    private async Task<List<string>> AddSubscribersAsync(int count)
    {
        await using var db = await site.Site.Services.GetRequiredService<IDbContextFactory<BulletinDbContext>>().CreateDbContextAsync();
        var now = site.Site.Clock.GetUtcNow().UtcDateTime;
        var emails = Enumerable.Range(1, count).Select(i => $"reader{i}-{Guid.NewGuid():N}@schools.example").ToList();
        db.Subscribers.AddRange(emails.Select(e => new Subscriber
        {
            Id = Guid.NewGuid(), Email = e, Name = "Reader", Status = SubscriberStatus.Subscribed, CreatedAt = now, ConfirmedAt = now,
            ConfirmationRequestedAt = now, ConsentWording = "test", ConsentSourceUrl = "/test",
        }));
        await db.SaveChangesAsync();
        return emails;
    }
}
