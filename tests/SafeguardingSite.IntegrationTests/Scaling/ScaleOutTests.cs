using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Hosting;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using static SafeguardingSite.IntegrationTests.Scaling.TwoNodeSite;

namespace SafeguardingSite.IntegrationTests.Scaling;

/// <summary>
/// What one node writes, the other serves: node B never hears from node A directly, only through the change feed in
/// the shared database, which its follower polls on the wall clock even though both sites' clocks are frozen fakes.
/// </summary>
public class ScaleOutTests
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_page_published_on_one_node_is_served_by_the_other_within_two_seconds(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var key = await site.CreatePageAsync(site.A, "Early help");
        Assert.NotNull(SnapshotOf(site.A).Find(key));

        await Eventually.HoldsAsync(() => SnapshotOf(site.B).FindByRoute("/early-help/")?.Key == key, Propagation, "node B to serve the new page");

        Assert.Equal(SnapshotOf(site.A).Sequence, SnapshotOf(site.B).Sequence);
        using var visitorOfB = site.B.CreateClient();
        Assert.Contains("<h1>Early help</h1>", await visitorOfB.GetStringAsync(new Uri("/early-help/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unpublishing_on_one_node_takes_the_page_off_the_other(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var key = await site.CreatePageAsync(site.A, "Private fostering");
        await Eventually.HoldsAsync(() => SnapshotOf(site.B).Find(key) is not null, Propagation, "node B to serve the page");

        await ContentOn(site.A).UnpublishAsync(key, TestSchema.User);

        await Eventually.HoldsAsync(() => SnapshotOf(site.B).Find(key) is null, Propagation, "node B to drop the unpublished page");
        Assert.Null(SnapshotOf(site.B).FindByRoute("/private-fostering/"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rename_on_one_node_moves_the_url_on_the_other_and_redirects_the_old_one(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var key = await site.CreatePageAsync(site.A, "Neglect");
        await Eventually.HoldsAsync(() => SnapshotOf(site.B).Find(key) is not null, Propagation, "node B to serve the page");

        await ContentOn(site.A).UpdateAsync(key, new UpdateContent(Name: "Neglect and its signs"), TestSchema.User);
        await ContentOn(site.A).PublishAsync(key, TestSchema.User);

        await Eventually.HoldsAsync(() => SnapshotOf(site.B).FindByRoute("/neglect-and-its-signs/")?.Key == key, Propagation, "node B to serve the new URL");
        Assert.Equal("Neglect and its signs", SnapshotOf(site.B).Find(key)?.Name);
        Assert.Null(SnapshotOf(site.B).FindByRoute("/neglect/"));
        Assert.Equal(key, SnapshotOf(site.B).FindRedirect("/neglect/")?.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_write_on_the_second_node_reaches_the_first(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);

        var key = await site.CreatePageAsync(site.B, "Child exploitation");

        await Eventually.HoldsAsync(() => SnapshotOf(site.A).Find(key) is not null, Propagation, "node A to serve node B's page");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_on_each_node_reports_its_snapshot_sequence_and_no_lag_once_caught_up(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        await site.CreatePageAsync(site.A, "Training");
        var latest = SnapshotOf(site.A).Sequence;
        await Eventually.HoldsAsync(() => SnapshotOf(site.B).Sequence == latest, Propagation, "node B to catch up");

        foreach (var node in new[] { site.A, site.B })
        {
            // The follower updates the feed position on its next poll; until then health may still show the old one.
            await Eventually.HoldsAsync(() => FeedSequence(node) == latest, Propagation, "the follower's next poll");
            using var content = await HealthContentAsync(node);
            Assert.Equal(latest, content.RootElement.GetProperty("snapshotSequence").GetInt64());
            Assert.Equal(latest, content.RootElement.GetProperty("feedSequence").GetInt64());
            Assert.Equal(0, content.RootElement.GetProperty("lag").GetInt64());
            Assert.Equal(JsonValueKind.Null, content.RootElement.GetProperty("error").ValueKind);
        }
    }

    private static long FeedSequence(SiteHost node) => node.Services.GetRequiredService<ChangeFeedFollower>().LatestSequence;

    private static async Task<JsonDocument> HealthContentAsync(SiteHost node)
    {
        using var client = node.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(body.RootElement.GetProperty("content").GetRawText());
    }
}
