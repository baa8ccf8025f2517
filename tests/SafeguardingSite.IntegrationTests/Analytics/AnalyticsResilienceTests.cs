using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Analytics;

public class AnalyticsResilienceTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Views_during_a_database_outage_are_kept_and_written_when_it_ends(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider);
        await site.VisitAsync(Morning, "10.0.1.1", AnalyticsSite.Desktop, "/");
        await site.WrittenAsync(1);

        // A page served from the published snapshot: it needs no database, so only analytics meets the outage.
        await using (await site.StartOutageAsync())
        {
            var timer = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
            {
                var response = await site.VisitAsync(Morning.AddMinutes(1 + i), $"10.0.1.{10 + i}", AnalyticsSite.Desktop, "/professionals/");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"pages slowed to {timer.Elapsed} during the outage");
            await Eventually.HoldsAsync(() => site.Writer.FailedAttempts > 0, TimeSpan.FromSeconds(30), "the writer to meet the outage");
            Assert.Equal(1, site.Writer.Written);
        }

        await site.WrittenAsync(21);
        var stored = await site.StoredEventsAsync();
        Assert.Equal(21, stored.Count);
        Assert.Equal(20, stored.Count(e => e.Path == "/professionals/"));
        Assert.Equal(20, stored.Where(e => e.Path == "/professionals/").Select(e => e.VisitorHash).Distinct().Count());
        Assert.Equal(0, site.Buffer.Dropped);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Views_beyond_the_buffer_are_dropped_and_counted_on_the_health_endpoint(DatabaseProvider provider)
    {
        await using var site = await AnalyticsSite.StartAsync(provider, ("Analytics:BufferCapacity", "4"), ("Analytics:BatchSize", "2"));
        await site.VisitAsync(Morning, "10.0.2.1", AnalyticsSite.Desktop, "/");
        await site.WrittenAsync(1);

        const int sent = 12;
        await using (await site.StartOutageAsync())
        {
            for (var i = 0; i < sent; i++)
            {
                await site.VisitAsync(Morning.AddMinutes(1 + i), $"10.0.2.{10 + i}", AnalyticsSite.Desktop, "/");
            }

            await Eventually.HoldsAsync(() => site.Writer.FailedAttempts > 0, TimeSpan.FromSeconds(30), "the writer to meet the outage");
        }

        // While the writer retries one batch (at most 2), the buffer holds 4: the rest of the 12 is dropped, and nothing else.
        var dropped = site.Buffer.Dropped;
        Assert.InRange(dropped, sent - 4 - 2, sent - 4);
        await site.WrittenAsync(1 + sent - dropped);
        await Task.Delay(300);
        Assert.Equal(1 + sent - dropped, (await site.StoredEventsAsync()).Count);

        var health = JsonNode.Parse(await site.Client.GetStringAsync("/health/analytics"))!;
        Assert.Equal(dropped, (long)health["dropped"]!);
        Assert.Equal(1 + sent - dropped, (long)health["written"]!);
        Assert.Equal(4, (int)health["capacity"]!);
    }
}
