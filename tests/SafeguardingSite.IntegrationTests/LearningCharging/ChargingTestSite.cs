using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.IntegrationTests.LearningCharging;

/// <summary>
/// One back-office test site per provider, shared by a test class; each test makes its own organisations, courses
/// and sessions so the tests never see each other's rows.
/// </summary>
[CollectionDefinition(ChargingSites.Collection)]
public sealed class ChargingSitesCollection : ICollectionFixture<ChargingSites>;

public sealed class ChargingSites : IAsyncLifetime
{
    public const string Collection = "Learning charging";

    private readonly Dictionary<DatabaseProvider, Task<ChargingTestSite>> sites = [];
    private readonly Lock gate = new();

    internal Task<ChargingTestSite> For(DatabaseProvider provider)
    {
        lock (gate)
        {
            if (!sites.TryGetValue(provider, out var site))
            {
                site = ChargingTestSite.StartAsync(provider);
                sites[provider] = site;
            }

            return site;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var site in sites.Values)
        {
            await (await site).DisposeAsync();
        }
    }
}

internal sealed record SeededSession(int SessionId, int CourseId, DateTime StartsAt);

internal sealed class ChargingTestSite : IAsyncDisposable
{
    private int counter;

    private ChargingTestSite(BackOfficeTestSite site, BrowserClient administrator, BrowserClient trainer)
    {
        Site = site;
        Administrator = administrator;
        Trainer = trainer;
    }

    public BackOfficeTestSite Site { get; }
    public BrowserClient Administrator { get; }
    public BrowserClient Trainer { get; }
    public const string TrainerEmail = "trainer@northdale-scp.example";

    public static async Task<ChargingTestSite> StartAsync(DatabaseProvider provider)
    {
        var site = await BackOfficeTestSite.StartAsync(provider);
        await site.CreateUserAsync("training.admin@northdale-scp.example", BackOfficeGroups.TrainingAdministrator);
        await site.CreateUserAsync(TrainerEmail, BackOfficeGroups.Trainer);
        return new ChargingTestSite(site,
            await site.SignInAsync("training.admin@northdale-scp.example"),
            await site.SignInAsync(TrainerEmail));
    }

    public LearningDbContext Db() => Site.Service<IDbContextFactory<LearningDbContext>>().CreateDbContext();

    public DateTime Now => Site.Content.Site.Clock.GetUtcNow().UtcDateTime;

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
    public async Task<SeededSession> AddSessionAsync(TimeSpan startsIn, int durationMinutes = 390, int days = 1, string title = "Working together to safeguard children")
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
            Trainer = TrainerEmail, Capacity = 20, Status = SessionStatus.Scheduled, CreatedAt = Now, Venue = "Northdale Civic Centre",
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
            TermsVersion = "test",
        };
        db.Add(booking);
        await db.SaveChangesAsync();
        return (booking.Id, learner.Id);
    }

    /// <summary>Marks the bookings and closes the register through the service, as a trainer would, after the session has started.</summary>
    public async Task<IReadOnlyList<Charge>> CloseRegisterAsync(SeededSession session, IReadOnlyDictionary<int, Attendance> marks)
    {
        if (Now < session.StartsAt)
        {
            Site.Content.Site.Clock.Advance(session.StartsAt - Now + TimeSpan.FromMinutes(1));
        }

        await using var scope = Site.Service<IServiceScopeFactory>().CreateAsyncScope();
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

    public ValueTask DisposeAsync()
    {
        Administrator.Dispose();
        Trainer.Dispose();
        return Site.DisposeAsync();
    }
}
