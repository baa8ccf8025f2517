using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.BrowserTests;

/// <summary>
/// A booking's whole life in a real chromium: the learner registers, confirms by the emailed link, books (by keyboard)
/// and receives the confirmation with its calendar invite, then cancels inside the free-cancellation notice and is
/// told the charge; the trainer closes the register and the training administrator downloads the month's invoices.
/// This site has its own host because its mail must reach an SMTP sink.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LearningBrowserTests(BrowserSite browsers)
{
    private const string BaseUrl = "https://www.northdale-scp.example";

    [Fact]
    public async Task A_learner_books_receives_the_invite_cancels_late_and_is_charged_on_the_invoice()
    {
        await using var sink = SmtpSink.Start();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var site = new SiteHost(database).WithMailSink(sink).WithSetting("Learning:PublicBaseUrl", BaseUrl);
        var address = site.StartKestrel();
        var session = await SeedAsync(site);

        // Secure back-office cookies are only kept for https or "localhost", so the browser uses that name for the loopback site.
        var baseUrl = $"http://localhost:{address.Port}";
        await using var context = await browsers.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
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
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");

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
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your place is booked");
        await AssertAxeCleanAsync(page, "booked");

        var booked = await sink.WaitForMessageAsync(m => m.Subject.StartsWith("Booking confirmed", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Contains("team.leader@health.example", booked.EnvelopeTo);
        var invite = Assert.Single(booked.Message.Attachments.OfType<MimeKit.MimePart>(), a => a.ContentType.MimeType == "text/calendar");
        using var ics = new MemoryStream();
        await invite.Content!.DecodeToAsync(ics);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(ics.ToArray()))!;
        Assert.Equal("Safer sleep for babies", Assert.Single(calendar.Events).Summary);

        // The session is two days away, inside the three working days' notice: cancelling costs the half-day rate.
        await page.GotoAsync("/training/account/bookings");
        var bookings = await page.TextContentAsync("main") ?? string.Empty;
        Assert.True(bookings.Contains("Cancel this booking: Safer sleep for babies", StringComparison.Ordinal), $"{page.Url}: {bookings}");
        await page.Locator("main a", new() { HasText = "Cancel this booking" }).ClickAsync();
        await page.WaitForURLAsync("**/training/my-booking/cancel?token=**");
        Assert.Contains("You will be charged £25.00", await page.TextContentAsync("#charge-warning") ?? string.Empty, StringComparison.Ordinal);
        await AssertAxeCleanAsync(page, "cancel with charge");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel and accept the £25.00 charge" }).ClickAsync();
        await page.WaitForURLAsync("**/training/my-booking/cancel");
        Assert.Contains("a charge of £25.00 will be invoiced to Northdale Health Trust", await page.TextContentAsync("main") ?? string.Empty, StringComparison.Ordinal);

        site.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        await CreateStaffAsync(site, TrainerEmail, BackOfficeGroups.Trainer);
        await CreateStaffAsync(site, AdministratorEmail, BackOfficeGroups.TrainingAdministrator);
        await using (var trainerContext = await browsers.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl }))
        {
            var trainer = await SignInStaffAsync(trainerContext, TrainerEmail);
            await trainer.GotoAsync($"/umbraco/registers/{session}");
            await trainer.FocusAsync("input[type=radio][value=Attended]");
            await trainer.Keyboard.PressAsync("Space");
            await trainer.GetByRole(AriaRole.Button, new() { Name = "Close the register" }).ClickAsync();
            await trainer.GetByRole(AriaRole.Button, new() { Name = "Yes, close the register" }).ClickAsync();
            await Assertions.Expect(trainer.Locator(".notice")).ToContainTextAsync("Register closed.");
        }

        await using var adminContext = await browsers.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, AcceptDownloads = true });
        var administrator = await SignInStaffAsync(adminContext, AdministratorEmail);
        var month = WorkingDayCalendar.UkDate(site.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await administrator.GotoAsync($"/umbraco/charges/invoices?month={month}");
        var download = await administrator.RunAndWaitForDownloadAsync(() => administrator.GetByRole(AriaRole.Link, new() { Name = "Download for finance (CSV)" }).ClickAsync());
        var invoices = await File.ReadAllTextAsync(await download.PathAsync());
        var line = Assert.Single(invoices.Split("\r\n"), l => l.Contains("Jo Bloggs", StringComparison.Ordinal));
        Assert.Contains("Late cancellation,Half day,1,25.00", line, StringComparison.Ordinal);

        // Every training screen passes axe and fits 320 pixels, the e-learning editor included, whose order changes by keyboard.
        var (eLearningCourse, pageId, questionId) = await SeedELearningAsync(site);
        var eLearning = $"/umbraco/training/courses/{eLearningCourse}/elearning";
        var staffScreens = new[]
        {
            "/umbraco/training/sessions", $"/umbraco/training/sessions/{session}", $"/umbraco/training/sessions/{session}/bookings", "/umbraco/training/sessions/new",
            "/umbraco/training/courses", $"/umbraco/training/courses/{eLearningCourse}", "/umbraco/training/courses/new",
            "/umbraco/training/organisations", "/umbraco/training/organisations/new", "/umbraco/training/reports", "/umbraco/training/evaluation",
            "/umbraco/charges", "/umbraco/charges/policy", "/umbraco/charges/bank-holidays", $"/umbraco/registers/{session}",
            eLearning, $"{eLearning}/pages/{pageId}/edit", $"{eLearning}/questions/{questionId}/edit",
        };
        var problems = new List<string>();
        await administrator.SetViewportSizeAsync(320, 640);
        foreach (var screen in staffScreens)
        {
            var response = await administrator.GotoAsync(screen);
            Assert.True(response!.Ok, $"{screen} answered {response.Status}");
            await AxeAsync(administrator, screen, problems);
            if (!await administrator.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
            {
                problems.Add($"{screen} scrolls sideways at 320px");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await administrator.GotoAsync(eLearning);
        await administrator.FocusAsync($"#page-{pageId} button:has-text('Move down')");
        await administrator.Keyboard.PressAsync("Enter");
        await Assertions.Expect(administrator.Locator(".notice")).ToContainTextAsync("Moved down.");
        await Assertions.Expect(administrator.Locator("ol").First.Locator("li").First).ToContainTextAsync("What to look for");
    }

    /// <summary>An e-learning course of one module with two pages and one question, for the training screens' checks.</summary>
    private static async Task<(int Course, int FirstPage, int Question)> SeedELearningAsync(SiteHost site)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LearningDbContext>>().CreateDbContextAsync();
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var course = new Course
        {
            Title = "Neglect: the basics", Slug = "neglect-the-basics", Summary = "Recognising neglect early.", LearningOutcomes = "Name the signs of neglect",
            Level = 1, Audience = "Everyone who works with children", DurationMinutes = 45, DeliveryMode = DeliveryMode.ELearning, IsPublished = true,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        var module = new ELearningModule { CourseId = course.Id, Position = 1, Title = "Recognising neglect" };
        var first = new ELearningPage { Position = 1, Title = "Why neglect matters", Kind = ELearningPageKind.Text, BodyHtml = "<p>Neglect harms children over time.</p>" };
        module.Pages = [first, new ELearningPage { Position = 2, Title = "What to look for", Kind = ELearningPageKind.Text, BodyHtml = "<p>Patterns, not single events.</p>" }];
        db.Add(module);
        var question = new ELearningQuestion { CourseId = course.Id, Position = 1, Text = "What matters most?", Options = "One incident\nA pattern over time", CorrectOption = 2 };
        db.Add(question);
        await db.SaveChangesAsync();
        return (course.Id, first.Id, question.Id);
    }

    private const string TrainerEmail = "trainer@northdale-scp.example";
    private const string AdministratorEmail = "training.admin@northdale-scp.example";
    private const string StaffPassword = "orchard-pebble-violin-47";

    private static async Task CreateStaffAsync(SiteHost site, string email, string group)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var (user, result) = await scope.ServiceProvider.GetRequiredService<BackOfficeUsers>().CreateAsync(email, email.Split('@')[0], [group], [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().AddPasswordAsync(user!, StaffPassword)).Succeeded);
    }

    private static async Task<IPage> SignInStaffAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umbraco/login");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", StaffPassword);
        await page.PressAsync("input[name=Password]", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/umbraco/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task<int> SeedAsync(SiteHost site)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LearningDbContext>>().CreateDbContextAsync();
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var trust = new Organisation { Name = "Northdale Health Trust", Sector = OrganisationSector.Health, IsPartnerAgency = true, IsActive = true };
        db.Organisations.Add(trust);
        await db.SaveChangesAsync();
        var starts = now.AddDays(2);
        var session = new CourseSession
        {
            Course = new Course
            {
                Title = "Safer sleep for babies", Slug = "safer-sleep-for-babies", Summary = "Giving consistent safer sleep advice to families.",
                LearningOutcomes = "Explain the safer sleep messages\nSpot risks at home visits", Level = 1, Audience = "Health and early years practitioners",
                DurationMinutes = 120, DeliveryMode = DeliveryMode.FaceToFace, IsPublished = true, CreatedAt = now, UpdatedAt = now,
                Topics = [new CourseTopic { Name = "Safer sleep" }],
            },
            StartsAt = starts, EndsAt = starts.AddHours(2), Venue = "Northdale Civic Centre", Capacity = 12, PlacesTaken = 1, Status = SessionStatus.Scheduled, CreatedAt = now,
            Trainer = TrainerEmail,
            Dates = [new SessionDate { StartsAt = starts, EndsAt = starts.AddHours(2) }],
        };
        db.Sessions.Add(session);
        db.Bookings.Add(new Booking
        {
            Session = session, OrganisationId = trust.Id, Status = BookingStatus.Confirmed, CreatedAt = now, ConfirmedAt = now, TermsVersion = "test",
            Learner = new Learner { Email = "sam.present@health.example", Name = "Sam Present", JobRole = "Midwife", Organisation = trust, ManagerEmail = "team.leader@health.example", EmailConfirmed = true, CreatedAt = now },
        });
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
}
