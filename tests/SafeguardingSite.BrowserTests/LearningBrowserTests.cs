using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.BrowserTests;

/// <summary>
/// A learner's first booking in a real chromium, by keyboard: register, confirm by the emailed link, book, and receive
/// the confirmation with its calendar invite. This site has its own host because its mail must reach an SMTP sink.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LearningBrowserTests(BrowserSite browsers)
{
    private const string BaseUrl = "https://www.northdale-scp.example";

    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [Fact]
    public async Task A_learner_registers_confirms_books_and_receives_the_invite()
    {
        await using var sink = SmtpSink.Start();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var site = new SiteHost(database).WithMailSink(sink).WithSetting("Learning:PublicBaseUrl", BaseUrl);
        var address = site.StartKestrel();
        var session = await SeedAsync(site);

        await using var context = await browsers.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 320, Height = 640 },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/training");
        Assert.Contains("Safer sleep for babies", await page.TextContentAsync("main") ?? string.Empty, StringComparison.Ordinal);
        await AssertAxeCleanAsync(page, "listing");
        await AssertNoSidewaysScrollAsync(page, "listing");

        await page.GotoAsync("/training/account/register");
        await page.FocusAsync("#register-email");
        await page.Keyboard.TypeAsync("jo.bloggs@health.example");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Jo Bloggs");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Health visitor");
        await page.SelectOptionAsync("#register-organisation", new SelectOptionValue { Label = "Northdale Health Trust" });
        await page.FocusAsync("#register-workarea");
        await page.Keyboard.TypeAsync("Northdale West");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("team.leader@health.example");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/training/account/register");
        Assert.Equal("Check your email", await page.TextContentAsync("h1"));

        var confirmation = await sink.WaitForMessageAsync(m => m.EnvelopeTo.Contains("jo.bloggs@health.example"), TimeSpan.FromSeconds(30));
        await page.GotoAsync(LocalPath(confirmation, "/training/account/confirm"));
        await page.FocusAsync("main button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/training/account/confirm");
        Assert.Equal("Your account is confirmed", await page.TextContentAsync("h1"));

        await page.GotoAsync($"/training/sessions/{session}");
        await AssertAxeCleanAsync(page, "session");
        await AssertNoSidewaysScrollAsync(page, "session");
        await page.GotoAsync($"/training/sessions/{session}/book");
        await AssertAxeCleanAsync(page, "booking");
        await page.FocusAsync("#book-terms");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Book my place", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/training/sessions/{session}/book");
        Assert.Equal("Your place is booked", await page.TextContentAsync("h1"));
        await AssertAxeCleanAsync(page, "booked");

        var booked = await sink.WaitForMessageAsync(m => m.Subject.StartsWith("Booking confirmed", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Contains("team.leader@health.example", booked.EnvelopeTo);
        var invite = Assert.Single(booked.Message.Attachments.OfType<MimeKit.MimePart>(), a => a.ContentType.MimeType == "text/calendar");
        using var ics = new MemoryStream();
        await invite.Content!.DecodeToAsync(ics);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(ics.ToArray()))!;
        Assert.Equal("Safer sleep for babies", Assert.Single(calendar.Events).Summary);
    }

    private static async Task<int> SeedAsync(SiteHost site)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LearningDbContext>>().CreateDbContextAsync();
        var now = site.Clock.GetUtcNow().UtcDateTime;
        db.Organisations.Add(new Organisation { Name = "Northdale Health Trust", Sector = OrganisationSector.Health, IsPartnerAgency = true, IsActive = true });
        var starts = now.AddDays(21);
        var session = new CourseSession
        {
            Course = new Course
            {
                Title = "Safer sleep for babies", Slug = "safer-sleep-for-babies", Summary = "Giving consistent safer sleep advice to families.",
                LearningOutcomes = "Explain the safer sleep messages\nSpot risks at home visits", Level = 1, Audience = "Health and early years practitioners",
                DurationMinutes = 120, DeliveryMode = DeliveryMode.FaceToFace, IsPublished = true, CreatedAt = now, UpdatedAt = now,
                Topics = [new CourseTopic { Name = "Safer sleep" }],
            },
            StartsAt = starts, EndsAt = starts.AddHours(2), Venue = "Northdale Civic Centre", Capacity = 12, Status = SessionStatus.Scheduled, CreatedAt = now,
            Dates = [new SessionDate { StartsAt = starts, EndsAt = starts.AddHours(2) }],
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private static string LocalPath(ReceivedMail mail, string path)
    {
        var match = Regex.Match(mail.TextBody, Regex.Escape(BaseUrl + path) + "\\?token=[^\\s]+");
        Assert.True(match.Success, $"No {path} link in: {mail.TextBody}");
        return match.Value[BaseUrl.Length..];
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string state) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{state} scrolls sideways at 320px");

    private static async Task AssertAxeCleanAsync(IPage page, string state)
    {
        var results = await page.RunAxe(WcagAa);
        var problems = results.Violations.Select(v => $"{state}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}");
        Assert.True(results.Violations.Length == 0, string.Join(Environment.NewLine, problems));
    }
}
