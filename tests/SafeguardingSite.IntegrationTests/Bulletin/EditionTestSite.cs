using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Platform.Contracts;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>
/// The bulletin test site with a signed-in bulletin editor using the back-office screens as a browser would, and a
/// stand-in for the learning module's training dates.
/// </summary>
public sealed partial class EditionTestSite : IAsyncDisposable
{
    public const string Password = "heron-lattice-copper-58";
    public const string EditorEmail = "bulletin.editor@northdale-scp.example";

    private EditionTestSite(BulletinTestSite bulletin) => Bulletin = bulletin;

    public BulletinTestSite Bulletin { get; }
    public BrowserClient Editor { get; private set; } = null!;
    public FakeTraining Training { get; } = new();
    public SiteHost Site => Bulletin.Site;

    public static async Task<EditionTestSite> StartAsync(DatabaseProvider provider, Action<SiteHost>? configure = null)
    {
        EditionTestSite? site = null;
        var bulletin = await BulletinTestSite.StartAsync(provider, host =>
        {
            host.WithServices(s => s.AddSingleton<IUpcomingTrainingSource>(_ => site!.Training));
            configure?.Invoke(host);
        });
        site = new EditionTestSite(bulletin);
        await site.CreateUserAsync(EditorEmail, BackOfficeGroups.BulletinEditor);
        site.Editor = await site.SignInAsync(EditorEmail);
        return site;
    }

    public async Task CreateUserAsync(string email, string group)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
        var (user, result) = await accounts.CreateAsync(email, email.Split('@')[0], [group], [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().AddPasswordAsync(user!, Password)).Succeeded);
    }

    public async Task<BrowserClient> SignInAsync(string email)
    {
        var client = new BrowserClient(Site.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        var response = await client.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = email, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts the compose form (new, or an existing edition's) with one button pressed, as the browser would.</summary>
    public Task<HttpResponseMessage> ComposeAsync(Guid? edition, string command, params (string Name, string Value)[] fields)
    {
        var path = edition is null ? "/umbraco/bulletin/editions/new" : $"/umbraco/bulletin/editions/{edition}";
        return Editor.SubmitAsync(path, path, new() { ["command"] = command }, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
    }

    /// <summary>Saves a new edition and returns its id, read from where the save redirects.</summary>
    public async Task<Guid> SaveNewAsync(params (string Name, string Value)[] fields)
    {
        var response = await ComposeAsync(null, "save", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Guid.Parse(EditionPath().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    /// <summary>A one-article edition of the given type.</summary>
    public Task<Guid> SaveArticleAsync(string title, string kind = "monthly") => SaveNewAsync(
        ("Kind", kind), ("Title", title), ("Intro", "This month in brief."),
        ("Blocks[0].Kind", "article"), ("Blocks[0].Heading", "Safer sleep week"), ("Blocks[0].Body", "Resources for **practitioners**."));

    public Task<HttpResponseMessage> SendNowAsync(Guid edition, params (string Name, string Value)[] audience) =>
        Editor.SubmitAsync($"/umbraco/bulletin/editions/{edition}/preview", $"/umbraco/bulletin/editions/{edition}/send",
            new() { ["When"] = "now" }, audience.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public Task<HttpResponseMessage> PostActionAsync(Guid edition, string action) =>
        Editor.SubmitAsync($"/umbraco/bulletin/editions/{edition}/progress", $"/umbraco/bulletin/editions/{edition}/{action}", new());

    public async Task<EditionStatus> StatusAsync(Guid edition)
    {
        await using var db = Bulletin.Db();
        return await db.Editions.Where(e => e.Id == edition).Select(e => e.Status).SingleAsync();
    }

    public async Task<Dictionary<DeliveryStatus, int>> DeliveriesAsync(Guid edition)
    {
        await using var db = Bulletin.Db();
        return await db.Deliveries.Where(d => d.EditionId == edition).GroupBy(d => d.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
    }

    /// <summary>One run of the send job, as Hangfire's minutely trigger or a second node makes it, awaited by the test.</summary>
    public async Task RunPumpAsync()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SafeguardingSite.Bulletin.Sending.DeliveryPump>().RunAsync(CancellationToken.None);
    }

    public PublishedContent PublishedPage(string alias) =>
        Site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current.All.First(p => p.ContentTypeAlias == alias);

    [GeneratedRegex("/umbraco/bulletin/editions/([0-9a-f-]{36})")]
    private static partial Regex EditionPath();

    public ValueTask DisposeAsync() => Bulletin.DisposeAsync();

    /// <summary>The learning module's training dates, as the test sets them.</summary>
    public sealed class FakeTraining : IUpcomingTrainingSource
    {
        public List<UpcomingTrainingItem> Items { get; } = [];

        public Task<IReadOnlyList<UpcomingTrainingItem>> GetUpcomingAsync(DateTimeOffset from, int take, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UpcomingTrainingItem>>([.. Items.Where(i => i.StartsAt >= from).OrderBy(i => i.StartsAt).Take(take)]);
    }
}
