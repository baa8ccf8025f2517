using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>The demo site with its E-bulletin page, mail going to an SMTP sink, and an editor's API client.</summary>
public sealed partial class BulletinTestSite : IAsyncDisposable
{
    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    private BulletinTestSite(TestDatabase database, SmtpSink sink, bool ownsDatabase)
    {
        Database = database;
        Sink = sink;
        OwnsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }
    public SmtpSink Sink { get; }
    private bool OwnsDatabase { get; }
    public SiteHost Site { get; private set; } = null!;
    public HttpClient Browser { get; private set; } = null!;
    public HttpClient Editor { get; private set; } = null!;

    public static async Task<BulletinTestSite> StartAsync(DatabaseProvider provider, Action<SiteHost>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var site = new BulletinTestSite(database, SmtpSink.Start(), ownsDatabase: true);
        await site.StartHostAsync(configure);
        return site;
    }

    /// <summary>A fresh host on the same database and sink, as after a restart or on a second node.</summary>
    public async Task StartHostAsync(Action<SiteHost>? configure = null)
    {
        Site = new SiteHost(Database).WithMailSink(Sink)
            .WithSetting("Mail:RetryDelay", "00:00:00.050")
            .WithSetting("Bulletin:RetryDelay", "00:00:00")
            .WithSetting("Bulletin:MessagesPerMinute", "1000")
            .WithSetting("Bulletin:PublicBaseUrl", "https://www.northdale-scp.example");
        configure?.Invoke(Site);
        Browser = Site.CreateClient();
        var key = await Site.Services.GetRequiredService<ApiKeyService>().CreateAsync("bulletin editor", UserGroups.Editor, "test");
        Editor = Site.CreateClient();
        Editor.BaseAddress = new Uri("http://localhost" + ManagementApiRegistration.BasePath + "/bulletin/");
        Editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
    }

    /// <summary>Stops the host the way a deploy or a crash-restart does, leaving the database and the sink.</summary>
    public async Task StopHostAsync()
    {
        Browser.Dispose();
        Editor.Dispose();
        await Site.DisposeAsync();
    }

    public BulletinDbContext Db() => Site.Services.GetRequiredService<IDbContextFactory<BulletinDbContext>>().CreateDbContext();

    public async Task<int> ChoiceIdAsync(ChoiceKind kind, string name)
    {
        await using var db = Db();
        return await db.Choices.Where(c => c.Kind == kind && c.Name == name).Select(c => c.Id).SingleAsync();
    }

    public async Task<string> BulletinPageAsync() => await (await Browser.GetAsync("/e-bulletin/")).Content.ReadAsStringAsync();

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Posts the public form as a browser would, after loading the page for its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubscribeAsync(string email, string name = "Sam Taylor", string? serviceArea = null,
        bool consent = true, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var fields = await SubscribeFieldsAsync(email, name, serviceArea, consent, extra);
        return await Browser.PostAsync(new Uri("/bulletin/subscribe", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>The fields one filled-in form posts, antiforgery token included; posting them twice is a double submit.</summary>
    public async Task<List<KeyValuePair<string, string>>> SubscribeFieldsAsync(string email, string name = "Sam Taylor", string? serviceArea = null,
        bool consent = true, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var token = AntiforgeryToken(await BulletinPageAsync());
        serviceArea ??= (await ChoiceIdAsync(ChoiceKind.ServiceArea, "Education")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("Email", email), new("Name", name), new("ServiceArea", serviceArea),
            new("Organisation", "Northdale Primary"),
        };
        if (consent)
        {
            fields.Add(new("Consent", "true"));
        }

        fields.AddRange(extra ?? []);
        return fields;
    }

    /// <summary>The link of the given path in the mail's plain-text part.</summary>
    public static Uri LinkIn(ReceivedMail mail, string path)
    {
        var match = Regex.Match(mail.TextBody, "https://www\\.northdale-scp\\.example" + Regex.Escape(path) + "\\?token=[^\\s]+");
        Assert.True(match.Success, $"No {path} link in: {mail.TextBody}");
        return new Uri(match.Value);
    }

    /// <summary>Opens a mailed link on the site and presses its button, as the recipient would.</summary>
    public async Task<HttpResponseMessage> FollowAndSubmitAsync(Uri link)
    {
        var page = await Browser.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        return await Browser.PostAsync(new Uri(link.AbsolutePath, UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryToken(html)), new("token", token),
        ]));
    }

    /// <summary>Subscribed people written straight to the table, for sends where the sign-up path is not the point.</summary>
    public async Task<List<Subscriber>> AddSubscribersAsync(int count, string prefix = "reader")
    {
        await using var db = Db();
        var now = Site.Clock.GetUtcNow().UtcDateTime;
        var subscribers = Enumerable.Range(1, count).Select(i => new Subscriber
        {
            Id = Guid.NewGuid(), Email = $"{prefix}{i}@schools.example", Name = $"Reader {i}", Status = SubscriberStatus.Subscribed,
            CreatedAt = now, ConfirmedAt = now, ConfirmationRequestedAt = now, ConsentWording = "test", ConsentSourceUrl = "/test",
        }).ToList();
        db.Subscribers.AddRange(subscribers);
        await db.SaveChangesAsync();
        return subscribers;
    }

    public async Task<Guid> CreateEditionAsync(string title, string kind = "monthly", object? extra = null)
    {
        var response = await Editor.PostAsJsonAsync("editions", extra ?? new
        {
            kind, title, intro = "Welcome to this month's bulletin.",
            items = new[] { new { heading = "Safer sleep week", text = "Resources for practitioners.", linkUrl = "https://www.northdale-scp.example/safer-sleep/", linkText = "Safer sleep resources" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return Guid.Parse((string)body["id"]!);
    }

    public async Task<JsonObject> ProgressAsync(Guid edition) =>
        (await Editor.GetFromJsonAsync<JsonObject>($"editions/{edition}/progress"))!;

    public async Task WaitUntilSentAsync(Guid edition, TimeSpan timeout) =>
        await Eventually.HoldsAsync(async () => (string?)(await ProgressAsync(edition))["status"] == "Sent", timeout, "the edition to finish sending");

    /// <summary>
    /// Moves the clock on once no worker is mid-send. A real clock cannot leap past a live worker's lease in the moment
    /// between its send and its record; the test clock can, and would hand the row to a second worker.
    /// </summary>
    public async Task AdvanceWhenIdleAsync(TimeSpan by)
    {
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Db();
            return !await db.Deliveries.AnyAsync(d => d.Status == DeliveryStatus.Sending);
        }, MailWait, "no delivery mid-send");
        Site.Clock.Advance(by);
    }

    /// <summary>Gives every request the same client address, since the test server reports none.</summary>
    public static void FromAddress(SiteHost site, string address) =>
        site.WithServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(IPAddress.Parse(address))));

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Sink.DisposeAsync();
        if (OwnsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
