using System.Net;
using System.Text.Json.Nodes;
using SafeguardingSite.Analytics;
using SafeguardingSite.Analytics.Data;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Search;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Analytics;

public class AnalyticsCountingTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Scripted_visits_give_exact_views_unique_views_visitors_and_shares_without_cookies(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        using var admin = await site.ClientForGroupAsync(UserGroups.Administrator);

        // Visitor A, desktop, arrives from a newsletter link: /, /training/, the young people's section, back to /.
        // The site's script reports the seconds each page was on screen as it is hidden, and clicks on links elsewhere.
        await site.VisitAsync(Day1, "10.0.0.1", AnalyticsSite.Desktop, "/?utm_source=Bulletin&utm_campaign=december", h => h.Referrer = new Uri("https://mail.example.org/inbox"));
        await site.BeaconAsync(Day1.AddMinutes(4.5), "10.0.0.1", AnalyticsSite.Desktop, """{"kind":"engagement","path":"/","seconds":250}""");
        await site.VisitAsync(Day1.AddMinutes(5), "10.0.0.1", AnalyticsSite.Desktop, "/training/");
        await site.BeaconAsync(Day1.AddMinutes(6), "10.0.0.1", AnalyticsSite.Desktop, """{"kind":"outbound","path":"/training/","href":"https://www.NSPCC.org.uk/keeping-children-safe/?from=northdale#help"}""");
        await site.BeaconAsync(Day1.AddMinutes(6.8), "10.0.0.1", AnalyticsSite.Desktop, """{"kind":"engagement","path":"/training/","seconds":100.4}""");
        await site.VisitAsync(Day1.AddMinutes(7), "10.0.0.1", AnalyticsSite.Desktop, "/children-and-young-people/");
        // From the young people's section a click elsewhere is counted with no visitor, and time there is not kept.
        await site.BeaconAsync(Day1.AddMinutes(8), "10.0.0.1", AnalyticsSite.Desktop, """{"kind":"outbound","path":"/children-and-young-people/","href":"https://www.childline.org.uk/"}""");
        await site.BeaconAsync(Day1.AddMinutes(9), "10.0.0.1", AnalyticsSite.Desktop, """{"kind":"engagement","path":"/children-and-young-people/","seconds":60}""");
        await site.VisitAsync(Day1.AddMinutes(10), "10.0.0.1", AnalyticsSite.Desktop, "/");
        var notFound = await site.VisitAsync(Day1.AddMinutes(11), "10.0.0.1", AnalyticsSite.Desktop, "/no-such-page/");
        // Visitor B, phone: two single-page visits more than 30 minutes apart; the first is timed by the script.
        await site.VisitAsync(Day1.AddMinutes(20), "10.0.0.2", AnalyticsSite.Phone, "/training/");
        await site.BeaconAsync(Day1.AddMinutes(25), "10.0.0.2", AnalyticsSite.Phone, """{"kind":"engagement","path":"/training/","seconds":300}""");
        await site.BeaconAsync(Day1.AddMinutes(25.5), "10.0.0.2", AnalyticsSite.Phone, """{"kind":"outbound","path":"/training/","href":"https://www.nspcc.org.uk/keeping-children-safe/"}""");
        await site.BeaconAsync(Day1.AddMinutes(26), "10.0.0.2", AnalyticsSite.Phone, """{"kind":"download","path":"/training/","href":"https://assets.publishing.service.gov.uk/working-together.pdf"}""");
        // Not recorded: a media file the server counts itself when it is fetched, and a page seen for under a second.
        await site.BeaconAsync(Day1.AddMinutes(26.5), "10.0.0.2", AnalyticsSite.Phone, """{"kind":"download","path":"/training/","href":"http://localhost/media/leaflet.pdf"}""");
        await site.BeaconAsync(Day1.AddMinutes(27), "10.0.0.2", AnalyticsSite.Phone, """{"kind":"engagement","path":"/training/","seconds":0}""");
        // A's home page left open long after the visit's last view: still A's visit, capped at 30 minutes.
        await site.BeaconAsync(Day1.AddMinutes(55), "10.0.0.1", AnalyticsSite.Desktop, """{"kind":"engagement","path":"/","seconds":99999}""");
        await site.VisitAsync(Day1.AddMinutes(90), "10.0.0.2", AnalyticsSite.Phone, "/professionals/");
        // Not counted: a crawler, a signed-in back-office caller, a prefetch; nor beacons from them or from Do Not Track.
        const string Outbound = """{"kind":"outbound","path":"/","href":"https://www.gov.uk/"}""";
        await site.VisitAsync(Day1.AddMinutes(91), "10.0.0.3", AnalyticsSite.Googlebot, "/");
        await site.BeaconAsync(Day1.AddMinutes(91.5), "10.0.0.3", AnalyticsSite.Googlebot, Outbound);
        await site.VisitAsync(Day1.AddMinutes(92), "10.0.0.6", AnalyticsSite.Desktop, "/", h => h.Authorization = admin.DefaultRequestHeaders.Authorization);
        await site.BeaconAsync(Day1.AddMinutes(92.5), "10.0.0.6", AnalyticsSite.Desktop, Outbound, h => h.Authorization = admin.DefaultRequestHeaders.Authorization);
        await site.VisitAsync(Day1.AddMinutes(93), "10.0.0.5", AnalyticsSite.Desktop, "/", h => h.TryAddWithoutValidation("Sec-Purpose", "prefetch"));
        await site.BeaconAsync(Day1.AddMinutes(94), "10.0.0.4", AnalyticsSite.Desktop, Outbound, h => h.TryAddWithoutValidation("DNT", "1"));
        await site.BeaconAsync(Day1.AddMinutes(94.5), "10.0.0.7", AnalyticsSite.Desktop, Outbound, h => h.TryAddWithoutValidation("Sec-GPC", "1"));
        // Do Not Track and Global Privacy Control: counted as views, with no visitor identity.
        await site.VisitAsync(Day1.AddMinutes(95), "10.0.0.4", AnalyticsSite.Desktop, "/training/", h => h.TryAddWithoutValidation("DNT", "1"));
        await site.VisitAsync(Day1.AddMinutes(96), "10.0.0.7", AnalyticsSite.Desktop, "/professionals/", h => h.TryAddWithoutValidation("Sec-GPC", "1"));
        // Searches: one that finds pages, one that finds nothing.
        var index = site.Site.Services.GetRequiredService<SiteSearchIndex>();
        await Eventually.HoldsAsync(() => index.State.Ready, TimeSpan.FromSeconds(30), "the search index");
        await site.VisitAsync(Day1.AddMinutes(100), "10.0.0.1", AnalyticsSite.Desktop, "/search?q=neglect");
        await site.VisitAsync(Day1.AddMinutes(101), "10.0.0.1", AnalyticsSite.Desktop, "/search?q=zzqxv");
        // Day 2: the same person is a new visitor, as the salt has changed.
        await site.VisitAsync(Day2, "10.0.0.1", AnalyticsSite.Desktop, "/");

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.All(site.Responses.Where(r => r.RequestMessage!.Method == HttpMethod.Post), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.All(site.Responses, r => Assert.False(r.Headers.Contains("Set-Cookie"), $"{r.RequestMessage!.RequestUri} set a cookie"));
        await site.WrittenAsync(19);

        // Nine page views, two searches, four engaged times, three outbound clicks and a download; no address or user
        // agent is stored, only the day's hash, the same for a visitor's views and beacons.
        var stored = await site.StoredEventsAsync();
        Assert.Equal(19, stored.Count);
        Assert.All(stored.Where(e => e.Path.StartsWith("/children-and-young-people/", StringComparison.Ordinal)), e => Assert.Null(e.VisitorHash));
        Assert.Equal(2, stored.Count(e => e.Path is "/training/" or "/professionals/" && e.VisitorHash is null));
        var dayOneHashOfA = stored.First().VisitorHash;
        Assert.NotNull(dayOneHashOfA);
        Assert.NotEqual(dayOneHashOfA, stored.Last().VisitorHash);
        var hashOfB = stored.First(e => e.Device == DeviceClass.Mobile).VisitorHash;
        Assert.Equal(
            [$"/ 250 {dayOneHashOfA}", $"/training/ 100 {dayOneHashOfA}", $"/training/ 300 {hashOfB}", $"/ 1800 {dayOneHashOfA}"],
            stored.Where(e => e.Kind == AnalyticsEventKind.Engagement).Select(e => $"{e.Path} {e.EngagedSeconds} {e.VisitorHash}"));
        Assert.Null(stored.Single(e => e.Path == "www.childline.org.uk/").VisitorHash);

        var response = await admin.GetAsync(AnalyticsRegistration.ApiPath + "/summary?from=2026-11-22&to=2026-11-23");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = body["current"]!;
        Assert.Equal(9, (long)current["pageViews"]!);
        // A's visit: 2 distinct pages; B: 1 + 1; CYP, DNT, GPC: 1 each; A on day 2: 1.
        Assert.Equal(8, (long)current["uniquePageViews"]!);
        Assert.Equal(3, (long)current["visitors"]!);
        Assert.Equal(4, (long)current["visits"]!);
        Assert.Equal(0.75, (double)current["bounceRate"]!);
        // Engaged time where the script reported it: A 250 + 100 + 1800, B 300; B's second visit and A on day 2 were
        // not timed, so they fall back to first-to-last view, 0 s for one view.
        Assert.Equal(612.5, (double)current["averageVisitSeconds"]!);
        Assert.Equal(3, (long)current["outboundClicks"]!);
        Assert.Equal(
            ["www.nspcc.org.uk/keeping-children-safe/ 2 0.6667", "www.childline.org.uk/ 1 0.3333"],
            current["topOutboundLinks"]!.AsArray().Select(p => $"{p!["name"]} {p["count"]} {(double)p["fraction"]!}"));
        Assert.Equal(1, (long)current["downloads"]!);
        Assert.Equal("assets.publishing.service.gov.uk/working-together.pdf", (string?)current["topDownloads"]![0]!["name"]);
        Assert.Equal(2, (long)current["searches"]!);
        Assert.Equal(1, (long)current["zeroResultSearches"]!);
        Assert.Equal("zzqxv", (string?)current["zeroResultTerms"]![0]!["name"]);
        Assert.Equal(
            ["/ 3 0.3333", "/training/ 3 0.3333", "/professionals/ 2 0.2222", "/children-and-young-people/ 1 0.1111"],
            current["topPages"]!.AsArray().Select(p => $"{p!["name"]} {p["count"]} {(double)p["fraction"]!}"));
        Assert.Equal("mail.example.org", (string?)current["referrers"]![0]!["name"]);
        Assert.Equal("december", (string?)current["campaigns"]![0]!["name"]);
        Assert.Equal("bulletin", (string?)current["sources"]![0]!["name"]);
        Assert.Equal(["desktop 7", "mobile 2"], current["devices"]!.AsArray().Select(d => $"{d!["name"]} {d["count"]}"));
        Assert.Equal(0, (long)body["previous"]!["pageViews"]!);
        Assert.Equal("2026-11-20", (string?)body["previous"]!["from"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Analytics_switched_off_records_nothing(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider, ("Analytics:Enabled", "false"));
        var response = await site.VisitAsync(Day1, "10.0.0.1", AnalyticsSite.Desktop, "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, site.Buffer.Accepted);
        Assert.Empty(await site.StoredEventsAsync());
    }
}
