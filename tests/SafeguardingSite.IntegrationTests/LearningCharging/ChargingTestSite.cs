using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.IntegrationTests.LearningCharging;

/// <summary>
/// One back-office test site per provider, shared by a test class; each test makes its own organisations, courses
/// and sessions so the tests never see each other's rows.
/// </summary>
[CollectionDefinition(ChargingSites.Collection)]
public sealed class ChargingSitesCollection : ICollectionFixture<ChargingSites>;

public sealed class ChargingSites() : SitesPerProvider<ChargingTestSite>(ChargingTestSite.StartAsync)
{
    public const string Collection = "Learning charging";
}

public sealed record SeededSession(int SessionId, int CourseId, DateTime StartsAt);

/// <summary>The demo site (it has the Training page the learner's pages sit in), mail to an SMTP sink, a training administrator and a trainer signed in.</summary>
public sealed class ChargingTestSite : IAsyncDisposable
{
    public const string TrainerEmail = "trainer@northdale-scp.example";
    public const string AdministratorEmail = "training.admin@northdale-scp.example";
    public const string BaseUrl = "https://www.northdale-scp.example";
    private int counter;

    private ChargingTestSite(TestDatabase database, SmtpSink mail, SiteHost site)
    {
        Database = database;
        Mail = mail;
        Site = site;
    }

    public TestDatabase Database { get; }
    public SmtpSink Mail { get; }
    public SiteHost Site { get; }
    public BrowserClient Administrator { get; private set; } = null!;
    public BrowserClient Trainer { get; private set; } = null!;
    public FakeTimeProvider Clock => Site.Clock;

    public static async Task<ChargingTestSite> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var mail = SmtpSink.Start();
        var host = new SiteHost(database).WithMailSink(mail)
            .WithSetting("Mail:RetryDelay", "00:00:00.050")
            .WithSetting("Learning:PublicBaseUrl", BaseUrl)
            .WithSetting("BackOffice:PublicBaseUrl", "https://localhost");
        _ = host.Services;
        var site = new ChargingTestSite(database, mail, host);
        await site.CreateUserAsync(AdministratorEmail, BackOfficeGroups.TrainingAdministrator);
        await site.CreateUserAsync(TrainerEmail, BackOfficeGroups.Trainer);
        await site.SignInAgainAsync();
        return site;
    }

    /// <summary>Back-office cookies expire on the site's clock, which the tests move on by days; sign in afresh after a move.</summary>
    public async Task SignInAgainAsync()
    {
        Administrator?.Dispose();
        Trainer?.Dispose();
        Administrator = await SignInAsync(AdministratorEmail);
        Trainer = await SignInAsync(TrainerEmail);
    }

    public T Service<T>()
        where T : notnull => Site.Services.GetRequiredService<T>();

    public BrowserClient NewClient() => new(Site.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    private async Task CreateUserAsync(string email, string group)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var (user, result) = await scope.ServiceProvider.GetRequiredService<BackOfficeUsers>().CreateAsync(email, email.Split('@')[0], [group], [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().AddPasswordAsync(user!, BackOfficeTestSite.GoodPassword)).Succeeded);
    }

    private async Task<BrowserClient> SignInAsync(string email)
    {
        var client = NewClient();
        var response = await client.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = email, ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public LearningDbContext Db() => Service<IDbContextFactory<LearningDbContext>>().CreateDbContext();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public string Unique(string stem) => $"{stem}-{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<int> AddOrganisationAsync(string name, OrganisationSector sector = OrganisationSector.LocalAuthority, bool exempt = false)
    {
        await using var db = Db();
        var organisation = new Organisation { Name = Unique(name), Sector = sector, IsChargeExempt = exempt };
        db.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    /// <summary>A scheduled session starting <paramref name="startsIn"/> from the test clock, delivered by the test trainer.</summary>
    public async Task<SeededSession> AddSessionAsync(TimeSpan startsIn, int durationMinutes = 390, int days = 1, string title = "Working together to safeguard children", int capacity = 20)
    {
        await using var db = Db();
        var slug = Unique("course");
        var course = new Course { Title = title, Slug = slug, Summary = "Multi-agency working.", DurationMinutes = durationMinutes, IsPublished = true, CreatedAt = Now, UpdatedAt = Now };
        db.Add(course);
        await db.SaveChangesAsync();
        var startsAt = Now + startsIn;
        var session = new CourseSession
        {
            CourseId = course.Id, StartsAt = startsAt, EndsAt = startsAt.AddDays(days - 1).AddMinutes(durationMinutes / days),
            Trainer = TrainerEmail, Capacity = capacity, Status = SessionStatus.Scheduled, CreatedAt = Now, Venue = "Northdale Civic Centre",
            Dates = [.. Enumerable.Range(0, days).Select(d => new SessionDate { StartsAt = startsAt.AddDays(d), EndsAt = startsAt.AddDays(d).AddMinutes(durationMinutes / days) })],
        };
        db.Add(session);
        await db.SaveChangesAsync();
        return new SeededSession(session.Id, course.Id, startsAt);
    }

    public async Task<(int BookingId, int LearnerId)> AddBookingAsync(int sessionId, int organisationId, string name, BookingStatus status = BookingStatus.Confirmed)
    {
        await using var db = Db();
        var learner = new Learner
        {
            Email = Unique("learner") + "@northdale-council.example", Name = name, JobRole = "Social worker", OrganisationId = organisationId,
            WorkArea = "North", ManagerEmail = Unique("manager") + "@northdale-council.example", EmailConfirmed = true, CreatedAt = Now,
        };
        db.Add(learner);
        await db.SaveChangesAsync();
        var booking = new Booking
        {
            LearnerId = learner.Id, SessionId = sessionId, OrganisationId = organisationId, Status = status, CreatedAt = Now,
            ConfirmedAt = status == BookingStatus.Confirmed ? Now : null, CancelledAt = status == BookingStatus.Cancelled ? Now : null,
            TermsVersion = "test", WaitingSince = status == BookingStatus.Waiting ? Now : null,
        };
        db.Add(booking);
        await db.SaveChangesAsync();
        if (booking.HoldsPlace)
        {
            await db.Set<CourseSession>().Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PlacesTaken, x => x.PlacesTaken + 1));
        }

        return (booking.Id, learner.Id);
    }

    /// <summary>Marks the bookings and closes the register through the service, as a trainer would, after the session has started.</summary>
    public async Task<IReadOnlyList<Charge>> CloseRegisterAsync(SeededSession session, IReadOnlyDictionary<int, Attendance> marks)
    {
        if (Now < session.StartsAt)
        {
            Clock.Advance(session.StartsAt - Now + TimeSpan.FromMinutes(1));
            await SignInAgainAsync();
        }

        await using var scope = Service<IServiceScopeFactory>().CreateAsyncScope();
        var registers = scope.ServiceProvider.GetRequiredService<RegisterService>();
        var posted = marks.ToDictionary(m => RegisterService.FieldFor(m.Key), m => (string?)m.Value.ToString());
        Assert.Equal(RegisterOutcome.Saved, (await registers.SaveDraftAsync(session.SessionId, posted, true, TrainerEmail, CancellationToken.None)).Outcome);
        var result = await registers.CloseAsync(session.SessionId, TrainerEmail, CancellationToken.None);
        Assert.Equal(RegisterOutcome.Closed, result.Outcome);
        return result.ChargesRaised;
    }

    public async Task<List<Charge>> ChargesForSessionAsync(int sessionId)
    {
        await using var db = Db();
        return await db.Set<Charge>().AsNoTracking().Where(c => c.SessionId == sessionId).OrderBy(c => c.BookingId).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Administrator.Dispose();
        Trainer.Dispose();
        await Site.DisposeAsync();
        await Mail.DisposeAsync();
        await Database.DisposeAsync();
    }
}
