using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Recording;
using SafeguardingSite.Analytics.Reporting;

namespace SafeguardingSite.UnitTests.Analytics;

public class AnalyticsRecordingUnitTests
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31")]
    [InlineData("")]
    [InlineData("<script>alert(1)</script>")]
    public void Crawlers_scripts_and_empty_agents_are_bots(string userAgent) => Assert.True(RequestClassifier.IsBot(userAgent));

    [Theory]
    [InlineData(Chrome, DeviceClass.Desktop)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", DeviceClass.Mobile)]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/604.1", DeviceClass.Tablet)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36", DeviceClass.Tablet)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", DeviceClass.Mobile)]
    public void Browsers_are_not_bots_and_get_a_device_class(string userAgent, DeviceClass expected)
    {
        Assert.False(RequestClassifier.IsBot(userAgent));
        Assert.Equal(expected, RequestClassifier.DeviceOf(userAgent));
    }

    [Fact]
    public void The_visitor_hash_changes_with_the_salt_address_agent_and_site()
    {
        byte[] today = [.. Enumerable.Repeat((byte)1, 32)];
        byte[] tomorrow = [.. Enumerable.Repeat((byte)2, 32)];
        var hash = VisitorHasher.Hash(today, "10.0.0.1", Chrome, "example.org");

        Assert.Equal(hash, VisitorHasher.Hash(today, "10.0.0.1", Chrome, "EXAMPLE.org"));
        Assert.NotEqual(hash, VisitorHasher.Hash(tomorrow, "10.0.0.1", Chrome, "example.org"));
        Assert.NotEqual(hash, VisitorHasher.Hash(today, "10.0.0.2", Chrome, "example.org"));
        Assert.NotEqual(hash, VisitorHasher.Hash(today, "10.0.0.1", Chrome + " Edg/130", "example.org"));
        Assert.NotEqual(hash, VisitorHasher.Hash(today, "10.0.0.1", Chrome, "other.example"));
    }

    [Fact]
    public void A_full_buffer_drops_new_views_and_counts_each_one()
    {
        var buffer = new AnalyticsBuffer(Options.Create(new AnalyticsOptions { BufferCapacity = 3 }));
        for (var i = 0; i < 5; i++)
        {
            buffer.Add(new RecordedView(DateTime.UtcNow, AnalyticsEventKind.PageView, "/", "/", "10.0.0.1", Chrome, "site", false, null, null, null, DeviceClass.Desktop));
        }

        Assert.Equal(3, buffer.Accepted);
        Assert.Equal(2, buffer.Dropped);
        Assert.Equal(3, buffer.Waiting);
    }

    [Fact]
    public void Views_29_minutes_apart_are_one_visit_and_30_minutes_apart_start_a_new_one()
    {
        var start = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
        var views = new[] { start, start.AddMinutes(29), start.AddMinutes(59), start.AddMinutes(60) }
            .Select((at, i) => new AnalyticsEvent { Id = i, At = at, Path = $"/p{i}/", VisitorHash = 7 }).ToList();

        var visits = DailyFigures.SplitIntoVisits(views, TimeSpan.FromMinutes(30)).Select(v => v.Count).ToList();

        Assert.Equal([2, 2], visits);
    }

    [Fact]
    public void Daily_totals_count_downloads_searches_and_zero_result_searches()
    {
        var day = new DateOnly(2026, 11, 22);
        var at = day.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        AnalyticsEvent[] events =
        [
            new() { At = at, Kind = AnalyticsEventKind.Download, Path = "/media/a/leaflet.pdf" },
            new() { At = at, Kind = AnalyticsEventKind.Download, Path = "/media/a/leaflet.pdf" },
            new() { At = at, Kind = AnalyticsEventKind.Search, Path = "/search", SearchTerm = "neglect", SearchResults = 4 },
            new() { At = at, Kind = AnalyticsEventKind.Search, Path = "/search", SearchTerm = "xyzzy", SearchResults = 0 },
        ];

        var totals = DailyFigures.Compute(day, events, TimeSpan.FromMinutes(30)).ToDictionary(t => (t.Metric, t.Dimension), t => t.Value);

        Assert.Equal(2, totals[(Metrics.Downloads, "/media/a/leaflet.pdf")]);
        Assert.Equal(1, totals[(Metrics.Searches, "neglect")]);
        Assert.Equal(1, totals[(Metrics.ZeroResultSearches, "xyzzy")]);
        Assert.False(totals.ContainsKey((Metrics.ZeroResultSearches, "neglect")));
        Assert.Equal(0, totals[(Metrics.Visitors, string.Empty)]);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/training/", "/training/")]
    [InlineData("/parents-and-carers/safer-sleep/", "/parents-and-carers/")]
    public void A_page_belongs_to_its_first_path_segment(string path, string section) => Assert.Equal(section, AnalyticsRecorder.SectionOf(path));
}
