using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.ManagementApi;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>The subscriber administration screens: list, import, export, suppression list, erasure.</summary>
public partial class SubscriberAdminTests
{
    private const string Subscribers = "/umbraco/bulletin/subscribers";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_list_searches_filters_sorts_and_pages_and_shows_hostile_text_as_text(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var readers = await site.AddSubscribersAsync(120);
        var health = await site.ChoiceIdAsync(ChoiceKind.ServiceArea, "Health");
        await using (var db = site.Db())
        {
            await db.Subscribers.Where(s => s.Email == "reader7@schools.example").ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Name, "<script>alert(1)</script>").SetProperty(s => s.Organisation, "Robert'); DROP TABLE bulletin_subscribers;--")
                .SetProperty(s => s.ServiceAreaId, health));
        }

        var admin = await site.SignInAsync("bulletin@northdale-scp.example");
        var found = await admin.GetPageAsync(Subscribers + "?q=drop+table");
        Assert.Contains("1 subscriber found", found, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", found, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", found, StringComparison.Ordinal);

        Assert.Contains("1 subscriber found", await admin.GetPageAsync($"{Subscribers}?area={health}"), StringComparison.Ordinal);
        Assert.Contains("0 subscribers found", await admin.GetPageAsync($"{Subscribers}?status=Unsubscribed"), StringComparison.Ordinal);

        var sorted = await admin.GetPageAsync($"{Subscribers}?sort=email&dir=asc");
        Assert.Equal("reader100@schools.example", FirstEmail(sorted)); // by address text: "0" sorts before "@"
        Assert.Contains("aria-sort=\"ascending\"", sorted, StringComparison.Ordinal);
        Assert.Equal("reader9@schools.example", FirstEmail(await admin.GetPageAsync($"{Subscribers}?sort=email&dir=desc")));
        var third = await admin.GetPageAsync($"{Subscribers}?sort=email&dir=asc&page=3");
        Assert.Contains("Page 3 of 3", third, StringComparison.Ordinal);
        Assert.Equal(20, Regex.Count(third, "href=\"/umbraco/bulletin/subscribers/[0-9a-f-]{36}\""));
        Assert.Contains(readers[0].Email, await admin.GetPageAsync($"{Subscribers}/{readers[0].Id}"), StringComparison.Ordinal);

        foreach (var bad in new[] { "status=drop", "sort=name;drop", "page=-1", "area=abc", "dir=sideways", "q=" + new string('x', 300) })
        {
            var response = await admin.GetAsync($"{Subscribers}?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var anonymous = site.Site.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(new Uri(Subscribers, UriKind.Relative))).StatusCode);
        var writer = await site.SignInAsync("writer@northdale-scp.example", UserGroups.Writer);
        var refused = await writer.GetAsync(Subscribers + "/export.csv");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_needs_a_consent_basis_per_row_reports_every_rejection_and_never_adds_anyone_twice(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        await site.AddSubscribersAsync(1);
        var admin = await site.SignInAsync("bulletin@northdale-scp.example");
        await admin.SubmitAsync("/umbraco/bulletin/suppression", "/umbraco/bulletin/suppression", new() { ["Email"] = "blocked@schools.example", ["Reason"] = "Manual" });
        var csv = """
            email,name,organisation,service_area,topics,consent_basis,consent_evidence,consent_date
            ann@schools.example,Ann Able,Northdale Primary,Education,Training and events; Safety alerts,consent,Signed up at the 2025 conference,2025-03-01
            ben@health.example,"Ben, the nurse",=1+2,Health,,legitimate-interests,,
            cat@schools.example,Cat,,Education,,,,
            dan@schools.example,Dan,,Education,,because,,
            eve@schools.example,Eve,,Education,,consent,,
            not-an-address,Fay,,Education,,consent,Form,
            ann@schools.example,Ann again,,Education,,consent,Form,
            reader1@schools.example,Already here,,Education,,consent,Form,
            blocked@schools.example,Blocked,,Education,,consent,Form,
            gus@schools.example,<script>alert(1)</script>,,Narnia,Cheese,consent,Form,2999-01-01
            '; DELETE FROM bulletin_subscribers; --,Sql,,Education,,consent,Form,
            """;

        var preview = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("2 rows can be imported; 9 rows are rejected", html, StringComparison.Ordinal);
        foreach (var reason in new[]
        {
            "No consent basis", "Consent basis &#x27;because&#x27; is not one of", "Consent needs evidence", "not in a valid format",
            "The same address is on line 2", "Already on the subscriber list", "On the suppression list", "Unknown service area &#x27;Narnia&#x27;",
            "Unknown topic &#x27;Cheese&#x27;", "consent_date must be a past date",
        })
        {
            Assert.Contains(reason, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        await using (var db = site.Db())
        {
            Assert.Equal(1, await db.Subscribers.CountAsync()); // checking stores nothing
        }

        var content = WebUtility.HtmlDecode(Regex.Match(html, "name=\"content\" value=\"([^\"]+)\"").Groups[1].Value);
        var fields = new Dictionary<string, string> { ["content"] = content };
        var first = await admin.SubmitAsync(Subscribers + "/import", Subscribers + "/import/confirm", fields);
        Assert.Contains("2 subscribers were added", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await admin.SubmitAsync(Subscribers + "/import", Subscribers + "/import/confirm", fields);
        Assert.Contains("0 subscribers were added", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = site.Db())
        {
            Assert.Equal(3, await db.Subscribers.CountAsync());
            var ann = await db.Subscribers.SingleAsync(s => s.Email == "ann@schools.example");
            Assert.Equal(("consent", "Signed up at the 2025 conference", SubscriberStatus.Subscribed), (ann.ConsentBasis, ann.ConsentWording, ann.Status));
            Assert.Equal(2, ann.TopicIds.Count);
            Assert.Equal(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), ann.ConfirmedAt);
            var ben = await db.Subscribers.SingleAsync(s => s.Email == "ben@health.example");
            Assert.Equal(("legitimate-interests", "Ben, the nurse"), (ben.ConsentBasis, ben.Name));
            Assert.Single(await db.Events.Where(e => e.SubscriberId == ann.Id && e.Kind == SubscriptionEventKind.Imported).ToListAsync());
        }

        // Files that are not what they claim to be are refused whole, with the reason.
        var oversize = await UploadAsync(admin, Encoding.UTF8.GetBytes("email,consent_basis\n" + string.Concat(Enumerable.Repeat("x@schools.example,consent\n", 90_000))));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("at most 2 MB", await oversize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var binary = await UploadAsync(admin, [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x00]);
        Assert.Contains("not a UTF-8 CSV", await binary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noBasis = await UploadAsync(admin, Encoding.UTF8.GetBytes("email,name\nzed@schools.example,Zed\n"));
        Assert.Contains("missing: consent_basis", await noBasis.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tampered = await admin.SubmitAsync(Subscribers + "/import", Subscribers + "/import/confirm", new() { ["content"] = "%%%not base64" });
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostWithoutTokenAsync(Subscribers + "/import/confirm", fields)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_is_csv_of_the_filtered_list_with_formulas_defused(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var readers = await site.AddSubscribersAsync(3);
        await using (var db = site.Db())
        {
            await db.Subscribers.Where(s => s.Id == readers[0].Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Name, "=cmd|' /C calc'!A0").SetProperty(s => s.Organisation, "+SUM(1,2)"));
            await db.Subscribers.Where(s => s.Id == readers[2].Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriberStatus.Unsubscribed));
        }

        var admin = await site.SignInAsync("bulletin@northdale-scp.example");
        var response = await admin.GetAsync(Subscribers + "/export.csv?status=Subscribed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("email,name,organisation,service_area,topics,consent_basis", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains("'=cmd", text, StringComparison.Ordinal);
        Assert.Contains("'+SUM(1,2)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", text, StringComparison.Ordinal);
        Assert.DoesNotContain(readers[2].Email, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_suppression_list_stops_mail_at_send_time_and_removing_an_entry_restores_it(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, host => host.WithSetting("Bulletin:MessagesPerMinute", "2"));
        var readers = await site.AddSubscribersAsync(4);
        var admin = await site.SignInAsync("bulletin@northdale-scp.example");
        var edition = await site.CreateEditionAsync("Throttled bulletin");
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await Eventually.HoldsAsync(() => site.Sink.Messages.Count(m => m.Subject == "Throttled bulletin") == 2, BulletinTestSite.MailWait, "the first two");

        // Suppressed while the edition is part-way out: the rest of the edition must pass them by.
        string waiting;
        await using (var db = site.Db())
        {
            var pending = await db.Deliveries.Where(d => d.EditionId == edition && d.Status == DeliveryStatus.Pending).Select(d => d.SubscriberId).FirstAsync();
            waiting = readers.Single(r => r.Id == pending).Email;
        }

        var added = await admin.SubmitAsync("/umbraco/bulletin/suppression", "/umbraco/bulletin/suppression",
            new() { ["Email"] = waiting.ToUpperInvariant(), ["Reason"] = "Manual", ["Detail"] = "<b>asked by phone</b>" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await admin.GetPageAsync("/umbraco/bulletin/suppression");
        Assert.Contains(waiting, list, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;asked by phone&lt;/b&gt;", list, StringComparison.Ordinal);

        site.Site.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunPumpAsync(site);
        site.Site.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunPumpAsync(site);
        Assert.Equal("Sent", (string?)(await site.ProgressAsync(edition))["status"]);
        Assert.DoesNotContain(site.Sink.Messages, m => m.EnvelopeTo.Contains(waiting));
        Assert.Equal(1, (int)(await site.ProgressAsync(edition))["skipped"]!);

        var bad = await admin.SubmitAsync("/umbraco/bulletin/suppression", "/umbraco/bulletin/suppression", new() { ["Email"] = "not an address", ["Reason"] = "Erased" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("correct format", badHtml, StringComparison.Ordinal);
        Assert.Contains("Choose a reason", badHtml, StringComparison.Ordinal);

        long entry;
        await using (var db = site.Db())
        {
            entry = await db.Suppressions.Where(s => s.Email == waiting).Select(s => s.Id).SingleAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/umbraco/bulletin/suppression", $"/umbraco/bulletin/suppression/{entry}/remove", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/umbraco/bulletin/suppression", $"/umbraco/bulletin/suppression/{entry}/remove", [])).StatusCode);
        await using (var db = site.Db())
        {
            Assert.Equal(SubscriberStatus.Subscribed, (await db.Subscribers.SingleAsync(s => s.Email == waiting)).Status);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Data_export_and_erasure_by_an_administrator_and_by_the_subscriber_leave_only_a_hash(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var readers = await site.AddSubscribersAsync(2);
        var edition = await site.CreateEditionAsync("Before erasure");
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await site.WaitUntilSentAsync(edition, BulletinTestSite.MailWait);
        var admin = await site.SignInAsync("bulletin@northdale-scp.example");

        var export = await admin.GetAsync($"{Subscribers}/{readers[0].Id}/data.json");
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        var data = (await export.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(readers[0].Email, (string?)data["subscriber"]!["email"]);
        Assert.Equal("Before erasure", (string?)data["deliveries"]![0]!["edition"]);

        var erased = await admin.SubmitAsync($"{Subscribers}/{readers[0].Id}/erase", $"{Subscribers}/{readers[0].Id}/erase", []);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var twice = await admin.SubmitAsync(Subscribers, $"{Subscribers}/{readers[0].Id}/erase", []);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        await using (var db = site.Db())
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Id == readers[0].Id));
            Assert.False(await db.Events.AnyAsync(e => e.SubscriberId == readers[0].Id));
            Assert.False(await db.Deliveries.AnyAsync(d => d.SubscriberId == readers[0].Id));
            Assert.Equal(2, await db.Deliveries.CountAsync(d => d.EditionId == edition)); // still counted
            var entry = await db.Suppressions.SingleAsync(s => s.Reason == SuppressionReason.Erased);
            Assert.Null(entry.Email);
            Assert.Equal(64, entry.EmailHash.Length);
            Assert.DoesNotContain(readers[0].Email, entry.Detail ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Subscribers}/{readers[0].Id}")).StatusCode);
        var reimport = await UploadAsync(admin, Encoding.UTF8.GetBytes($"email,consent_basis,consent_evidence\n{readers[0].Email.ToUpperInvariant()},consent,Old list\n"));
        Assert.Contains("On the suppression list", await reimport.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Self-service, from the preference centre's signed link: download, then erase after being asked.
        var preferences = new Uri(site.Site.Services.GetRequiredService<BulletinLinks>().Preferences(readers[1].Id));
        var page = await site.Browser.GetStringAsync(new Uri(preferences.PathAndQuery, UriKind.Relative));
        var token = Uri.UnescapeDataString(preferences.Query["?token=".Length..]);
        var mine = await site.Browser.PostAsync(new Uri("/bulletin/my-data", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", BulletinTestSite.AntiforgeryToken(page)), new("token", token)]));
        Assert.Equal(readers[1].Email, (string?)(await mine.Content.ReadFromJsonAsync<JsonObject>())!["subscriber"]!["email"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Browser.PostAsync(new Uri("/bulletin/my-data", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", BulletinTestSite.AntiforgeryToken(page)), new("token", token + "x")]))).StatusCode);

        var eraseLink = new Uri(Regex.Match(page, "href=\"(/bulletin/erase\\?token=[^\"]+)\"").Groups[1].Value, UriKind.Relative);
        await using (var db = site.Db())
        {
            Assert.True(await db.Subscribers.AnyAsync(s => s.Id == readers[1].Id)); // opening the page erased nothing
        }

        var done = await site.FollowAndSubmitAsync(new Uri(new Uri("https://www.northdale-scp.example"), WebUtility.HtmlDecode(eraseLink.OriginalString)));
        Assert.Contains("Your data has been erased", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = site.Db())
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Id == readers[1].Id));
            Assert.Equal(2, await db.Suppressions.CountAsync(s => s.Reason == SuppressionReason.Erased && s.Email == null));
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(BrowserClient admin, byte[] file)
    {
        var page = await admin.GetPageAsync(Subscribers + "/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(BrowserClient.TokenIn(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "subscribers.csv" },
        };
        return await admin.Http.PostAsync(new Uri(Subscribers + "/import", UriKind.Relative), form);
    }

    private static string FirstEmail(string html) =>
        Regex.Match(html, "href=\"/umbraco/bulletin/subscribers/[0-9a-f-]{36}\">([^<]+)</a>").Groups[1].Value;

    internal static async Task RunPumpAsync(BulletinTestSite site)
    {
        await using var scope = site.Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryPump>().RunAsync(CancellationToken.None);
    }
}
