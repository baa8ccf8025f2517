using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>The bounce endpoint, open and click tracking, and the reports built on them.</summary>
public partial class BouncesTrackingReportsTests
{
    private const string Secret = "bounce-secret-for-tests";

    private static HttpRequestMessage Bounce(string json, string? secret = Secret, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bulletin/bounces") { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (secret is not null)
        {
            request.Headers.Add("X-Bulletin-Bounce-Secret", secret);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bounce_reports_need_the_secret_refuse_bad_bodies_and_suppress_hard_complaint_and_repeated_soft(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, host => host.WithSetting("Bulletin:BounceSecret", Secret));
        var readers = await site.AddSubscribersAsync(4);

        Assert.Equal(HttpStatusCode.Unauthorized, (await site.Browser.SendAsync(Bounce($$"""{"email":"{{readers[0].Email}}","kind":"hard"}""", secret: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await site.Browser.SendAsync(Bounce($$"""{"email":"{{readers[0].Email}}","kind":"hard"}""", secret: "guess"))).StatusCode);

        async Task AssertInvalid(HttpRequestMessage request, string field)
        {
            var response = await site.Browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(body["errors"]?[field] is not null, body.ToJsonString());
        }

        await AssertInvalid(Bounce("""{"email":"<script>alert(1)</script>","kind":"hard"}"""), "email");
        await AssertInvalid(Bounce("""{"email":"a@b.example","kind":"bogus"}"""), "kind");
        await AssertInvalid(Bounce("""{"email":"a@b.example","kind":7}"""), "kind");
        await AssertInvalid(Bounce("""{"email":"a@b.example","kind":"hard","extra":"x"}"""), "extra");
        await AssertInvalid(Bounce("""{"email":"'; DROP TABLE bulletin_subscribers; --","kind":"soft"}"""), "email");
        await AssertInvalid(Bounce($$"""{"email":"a@b.example","kind":"soft","diagnostic":"{{new string('d', 2000)}}"}"""), "diagnostic");
        await AssertInvalid(Bounce($$"""{"email":"a@b.example","kind":"soft","diagnostic":"{{new string('d', 20_000)}}"}"""), "body");
        await AssertInvalid(Bounce("{not json"), "body");
        await AssertInvalid(Bounce("email=a@b.example", contentType: "text/plain"), "body");

        async Task<string?> Report(string email, string kind)
        {
            var response = await site.Browser.SendAsync(Bounce($$"""{"email":"{{email}}","kind":"{{kind}}","diagnostic":"550 5.1.1 mailbox unknown"}"""));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["outcome"];
        }

        Assert.Equal("suppressed", await Report(readers[0].Email.ToUpperInvariant(), "hard"));
        Assert.Equal("suppressed", await Report(readers[1].Email, "complaint"));
        Assert.Equal("counted", await Report(readers[2].Email, "soft"));
        Assert.Equal("counted", await Report(readers[2].Email, "soft"));
        Assert.Equal("suppressed", await Report(readers[2].Email, "soft"));
        Assert.Equal("unknown", await Report("stranger@elsewhere.example", "hard"));

        await using var db = site.Db();
        var statuses = await db.Subscribers.ToDictionaryAsync(s => s.Email, s => s.Status);
        Assert.Equal([SubscriberStatus.Suppressed, SubscriberStatus.Suppressed, SubscriberStatus.Suppressed, SubscriberStatus.Subscribed],
            readers.Select(r => statuses[r.Email]));
        var reasons = await db.Suppressions.ToDictionaryAsync(s => s.Email!, s => s.Reason);
        Assert.Equal(SuppressionReason.HardBounce, reasons[readers[0].Email]);
        Assert.Equal(SuppressionReason.Complaint, reasons[readers[1].Email]);
        Assert.Equal(SuppressionReason.HardBounce, reasons[readers[2].Email]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tracking_is_off_by_default_and_when_on_counts_opens_and_clicks_without_touching_unsubscribe(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var readers = await site.AddSubscribersAsync(2);
        var plain = await site.CreateEditionAsync("Untracked bulletin");
        Assert.False((bool)(await site.Editor.GetFromJsonAsync<JsonObject>($"editions/{plain}"))!["trackingEnabled"]!);
        await site.Editor.PostAsync($"editions/{plain}/send", null);
        await site.WaitUntilSentAsync(plain, BulletinTestSite.MailWait);
        var untracked = site.Sink.Messages.First(m => m.Subject == "Untracked bulletin").Message;
        Assert.DoesNotContain("/bulletin/t/", untracked.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.northdale-scp.example/safer-sleep/\"", untracked.HtmlBody, StringComparison.Ordinal);

        var tracked = await site.CreateEditionAsync("Tracked bulletin", extra: new
        {
            kind = "monthly", title = "Tracked bulletin", trackingEnabled = true,
            items = new[] { new { heading = "Safer sleep", text = "Read more.", linkUrl = "https://www.northdale-scp.example/safer-sleep/?a=1&b=2", linkText = "Safer sleep" } },
        });
        await site.Editor.PostAsync($"editions/{tracked}/send", null);
        await site.WaitUntilSentAsync(tracked, BulletinTestSite.MailWait);
        var mail = site.Sink.Messages.First(m => m.Subject == "Tracked bulletin" && m.EnvelopeTo.Contains(readers[0].Email)).Message;
        var html = mail.HtmlBody ?? string.Empty;
        Assert.DoesNotContain("href=\"https://www.northdale-scp.example/safer-sleep/", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.northdale-scp.example/bulletin/unsubscribe?token=", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.northdale-scp.example/bulletin/preferences?token=", html, StringComparison.Ordinal);
        Assert.StartsWith("<https://www.northdale-scp.example/bulletin/one-click-unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Contains("Safer sleep: https://www.northdale-scp.example/safer-sleep/?a=1&b=2", mail.TextBody, StringComparison.Ordinal);

        var click = new Uri(WebUtility.HtmlDecode(Regex.Match(html, "href=\"(https://www\\.northdale-scp\\.example/bulletin/t/click\\?[^\"]+)\"").Groups[1].Value));
        var pixel = new Uri(WebUtility.HtmlDecode(Regex.Match(html, "<img src=\"([^\"]+)\"").Groups[1].Value));
        using var noRedirects = site.Site.CreateClient(new() { AllowAutoRedirect = false });
        var redirect = await noRedirects.GetAsync(new Uri(click.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("https://www.northdale-scp.example/safer-sleep/?a=1&b=2", redirect.Headers.Location?.OriginalString);
        var gif = await noRedirects.GetAsync(new Uri(pixel.PathAndQuery, UriKind.Relative));
        Assert.Equal("image/gif", gif.Content.Headers.ContentType?.MediaType);

        // A redirect can only go where the edition pointed: altered or made-up links are refused.
        var tampered = click.PathAndQuery.Replace("t=", "t=A", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await noRedirects.GetAsync(new Uri(tampered, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await noRedirects.GetAsync(new Uri("/bulletin/t/click?t=https%3A%2F%2Fevil.example", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await noRedirects.GetAsync(new Uri("/bulletin/t/open?t=%3Cscript%3E", UriKind.Relative))).StatusCode);

        await using (var db = site.Db())
        {
            Assert.Equal(1, await db.TrackingEvents.CountAsync(t => t.EditionId == tracked && t.Kind == TrackingKind.Click));
            Assert.Equal(1, await db.TrackingEvents.CountAsync(t => t.EditionId == tracked && t.Kind == TrackingKind.Open));
            Assert.False(await db.TrackingEvents.AnyAsync(t => t.EditionId == plain));
        }

        var admin = await site.SignInAsync("bulletin@northdale-scp.example");
        var reports = await admin.GetPageAsync("/umbraco/bulletin/reports");
        Assert.Matches("<th scope=\"row\">Tracked bulletin</th>\\s*<td>2</td>\\s*<td>1</td>\\s*<td>50\\.0%</td>\\s*<td>1</td>\\s*<td>50\\.0%</td>\\s*<td>1</td>", reports);

        // Once erased, the same links still work for the reader but record nothing more about them.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/umbraco/bulletin/subscribers/{readers[0].Id}/erase", $"/umbraco/bulletin/subscribers/{readers[0].Id}/erase", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await noRedirects.GetAsync(new Uri(click.PathAndQuery, UriKind.Relative))).StatusCode);
        await noRedirects.GetAsync(new Uri(pixel.PathAndQuery, UriKind.Relative));
        await using (var db = site.Db())
        {
            Assert.False(await db.TrackingEvents.AnyAsync(t => t.EditionId == tracked));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_show_subscribers_by_service_area_over_time_growth_and_sends_and_download_as_csv(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var readers = await site.AddSubscribersAsync(6);
        var education = await site.ChoiceIdAsync(ChoiceKind.ServiceArea, "Education");
        var police = await site.ChoiceIdAsync(ChoiceKind.ServiceArea, "Police");
        var now = site.Site.Clock.GetUtcNow().UtcDateTime;
        await using (var db = site.Db())
        {
            // Three education readers since two years ago, one of whom left last month; three police readers who joined this week.
            var old = readers.Take(3).Select(r => r.Id).ToList();
            await db.Subscribers.Where(s => old.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.ServiceAreaId, education).SetProperty(s => s.ConfirmedAt, now.AddYears(-2)));
            await db.Subscribers.Where(s => s.Id == readers[0].Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriberStatus.Unsubscribed).SetProperty(s => s.UnsubscribedAt, now.AddMonths(-1)));
            var recent = readers.Skip(3).Select(r => r.Id).ToList();
            await db.Subscribers.Where(s => recent.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.ServiceAreaId, police).SetProperty(s => s.ConfirmedAt, now.AddDays(-2)));
        }

        var edition = await site.CreateEditionAsync("Counted bulletin");
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await site.WaitUntilSentAsync(edition, BulletinTestSite.MailWait);

        var admin = await site.SignInAsync("bulletin@northdale-scp.example");
        var page = await admin.GetPageAsync("/umbraco/bulletin/reports");
        Assert.Matches("<th scope=\"row\">Education</th>(\\s*<td>[^<]*</td>)*\\s*<td>2</td>\\s*<td>3</td>\\s*<td>-1</td>\\s*<td>-33\\.3</td>", page);
        Assert.Matches("<th scope=\"row\">Police</th>(\\s*<td>[^<]*</td>)*\\s*<td>3</td>\\s*<td>0</td>\\s*<td>(\\+|&#x2B;)3</td>\\s*<td>[^<]+</td>", page);
        Assert.Matches("<th scope=\"row\">Counted bulletin</th>\\s*<td>Monthly</td>\\s*<td>[^<]+</td>\\s*<td>Sent</td>\\s*<td>5</td>\\s*<td>5</td>\\s*<td>0</td>", page);
        Assert.Contains("Growth and losses by month", page, StringComparison.Ordinal);

        foreach (var slug in new[] { "service-areas", "growth", "sends", "engagement" })
        {
            var csv = await admin.GetAsync($"/umbraco/bulletin/reports/{slug}.csv");
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        }

        var areas = await (await admin.GetAsync("/umbraco/bulletin/reports/service-areas.csv")).Content.ReadAsStringAsync();
        Assert.Contains("Education,", areas, StringComparison.Ordinal);
        Assert.Contains(",2,3,-1,-33.3", areas, StringComparison.Ordinal);
        var growth = await (await admin.GetAsync("/umbraco/bulletin/reports/growth.csv")).Content.ReadAsStringAsync();
        Assert.Contains($"{now.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))},3,0,3,5", growth, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/umbraco/bulletin/reports/..%2F..%2Fetc.csv")).StatusCode);
    }
}
