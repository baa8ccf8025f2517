using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.IntegrationTests.Learning;

/// <summary>The demo site (with its Training page), mail going to an SMTP sink, and helpers that set up a catalogue directly.</summary>
public sealed partial class LearningTestSite : IAsyncDisposable
{
    public const string BaseUrl = "https://www.northdale-scp.example";
    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    private LearningTestSite(TestDatabase database, SmtpSink sink)
    {
        Database = database;
        Sink = sink;
    }

    public TestDatabase Database { get; }
    public SmtpSink Sink { get; }
    public SiteHost Site { get; private set; } = null!;

    public static async Task<LearningTestSite> StartAsync(DatabaseProvider provider)
    {
        var site = new LearningTestSite(await TestDatabase.CreateAsync(provider), SmtpSink.Start());
        await site.StartHostAsync();
        return site;
    }

    /// <summary>A fresh host on the same database and sink, as after a restart or on a second node.</summary>
    public Task StartHostAsync()
    {
        Site = new SiteHost(Database).WithMailSink(Sink)
            .WithSetting("Mail:RetryDelay", "00:00:00.050")
            .WithSetting("Learning:PublicBaseUrl", BaseUrl)
            .WithSetting("BackOffice:PublicBaseUrl", "https://localhost");
        _ = Site.Services;
        return Task.CompletedTask;
    }

    public async Task StopHostAsync() => await Site.DisposeAsync();

    public T Service<T>()
        where T : notnull => Site.Services.GetRequiredService<T>();

    /// <summary>Runs a scoped service as a job or a request would.</summary>
    public async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public LearningDbContext Db() => Site.Services.GetRequiredService<IDbContextFactory<LearningDbContext>>().CreateDbContext();

    public DateTime Now => Site.Clock.GetUtcNow().UtcDateTime;

    public BrowserClient NewClient() => new(Site.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    public async Task<Organisation> AddOrganisationAsync(string name = "Northdale Primary School", OrganisationSector sector = OrganisationSector.Education)
    {
        await using var db = Db();
        var organisation = new Organisation { Name = name, Sector = sector, IsActive = true };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    public async Task<CourseSession> AddSessionAsync(int capacity, int? quota = null, bool approval = false, TimeSpan? startsIn = null, string title = "Working Together to Safeguard Children")
    {
        await using var db = Db();
        var slug = Slug().Replace(title.ToLowerInvariant(), "-").Trim('-') + "-" + Guid.NewGuid().ToString("N")[..6];
        var course = new Course
        {
            Title = title, Slug = slug, Summary = "Multi-agency responsibilities and how to act on concerns.", LearningOutcomes = "Know the thresholds\nMake a referral",
            Level = 2, Audience = "Practitioners in every agency", DurationMinutes = 180, DeliveryMode = DeliveryMode.FaceToFace, IsPublished = true,
            RequiresManagerApproval = approval, CreatedAt = Now, UpdatedAt = Now, Topics = [new CourseTopic { Name = "Neglect" }],
        };
        var starts = Now + (startsIn ?? TimeSpan.FromDays(30));
        var session = new CourseSession
        {
            Course = course, StartsAt = starts, EndsAt = starts.AddHours(3), Venue = "Northdale Civic Centre", Trainer = "Alex Morgan",
            Capacity = capacity, OrganisationQuota = quota, Status = SessionStatus.Scheduled, CreatedAt = Now,
            Dates = [new SessionDate { StartsAt = starts, EndsAt = starts.AddHours(3) }],
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>Confirmed learners written straight to the table, for booking tests where registration is not the point.</summary>
    public async Task<List<Learner>> AddLearnersAsync(int count, int organisationId, string prefix = "learner")
    {
        await using var db = Db();
        var learners = Enumerable.Range(1, count).Select(i => new Learner
        {
            Email = $"{prefix}{i}.{Guid.NewGuid().ToString("N")[..6]}@schools.example", Name = $"Learner {i}", JobRole = "Teacher", OrganisationId = organisationId,
            WorkArea = "Northdale", ManagerEmail = "head.teacher@schools.example", EmailConfirmed = true, CreatedAt = Now, ConfirmedAt = Now,
        }).ToList();
        db.Learners.AddRange(learners);
        await db.SaveChangesAsync();
        return learners;
    }

    public async Task<BrowserClient> SignInAdministratorAsync()
    {
        const string email = "training.lead@northdale-scp.example";
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
            var (user, result) = await accounts.CreateAsync(email, "Training lead", [BackOfficeGroups.TrainingAdministrator], [], "test");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().AddPasswordAsync(user!, BackOfficeTestSite.GoodPassword)).Succeeded);
        }

        var client = NewClient();
        var response = await client.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = email, ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The link of the given path in the mail's plain-text part.</summary>
    public static Uri LinkIn(ReceivedMail mail, string path)
    {
        var match = Regex.Match(mail.TextBody, Regex.Escape(BaseUrl + path) + "\\?token=[^\\s]+");
        Assert.True(match.Success, $"No {path} link in: {mail.TextBody}");
        return new Uri(match.Value);
    }

    /// <summary>Opens a mailed link and presses its button, as the recipient would.</summary>
    public static async Task<HttpResponseMessage> FollowAndSubmitAsync(BrowserClient client, Uri link)
    {
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        return await client.SubmitAsync(link.PathAndQuery, link.AbsolutePath, new() { ["token"] = token });
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Sink.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}
