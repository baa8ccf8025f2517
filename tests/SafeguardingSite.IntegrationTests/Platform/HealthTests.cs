using System.Net;
using System.Text.Json;
using SafeguardingSite.IntegrationTests.Content;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Platform;

public class HealthTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_reports_database_jobs_search_and_content_state(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var site = new SiteHost(database, importDemoContent: false);
        using var client = site.CreateClient();

        var (status, root) = await GetHealthAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(root.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
        Assert.Equal(site.Clock.GetUtcNow(), root.GetProperty("checkedAt").GetDateTimeOffset());

        var db = root.GetProperty("database");
        Assert.Equal("Healthy", db.GetProperty("status").GetString());
        Assert.Equal(provider.ToString(), db.GetProperty("provider").GetString());
        Assert.Equal(JsonValueKind.Null, db.GetProperty("error").ValueKind);

        var jobs = root.GetProperty("jobs");
        Assert.Equal("Healthy", jobs.GetProperty("status").GetString());
        Assert.True(jobs.GetProperty("servers").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.Null, jobs.GetProperty("error").ValueKind);

        var search = root.GetProperty("search");
        Assert.Contains(search.GetProperty("status").GetString(), new[] { "Healthy", "Building" });
        Assert.Equal(JsonValueKind.Number, search.GetProperty("documents").ValueKind);
        Assert.Equal(JsonValueKind.Number, search.GetProperty("sequence").ValueKind);
        Assert.True(search.TryGetProperty("lastBuiltAt", out _));
        Assert.True(search.TryGetProperty("error", out _));

        var content = root.GetProperty("content");
        Assert.Equal("Healthy", content.GetProperty("status").GetString());
        Assert.Equal(0, content.GetProperty("pages").GetInt32());
        Assert.Equal(0, content.GetProperty("snapshotSequence").GetInt64());
        Assert.Equal(0, content.GetProperty("lag").GetInt64());
        Assert.Equal(JsonValueKind.Number, content.GetProperty("feedSequence").ValueKind);
        Assert.True(content.TryGetProperty("lastPolledAt", out _));
        Assert.True(content.TryGetProperty("error", out _));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_follows_a_publish_into_the_snapshot_and_the_search_index(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        await context.CreatePageAsync("Report a concern");
        var sequence = context.Snapshot.Sequence;
        using var client = context.Site.CreateClient();
        JsonElement root = default;

        await Eventually.HoldsAsync(async () =>
        {
            (_, root) = await GetHealthAsync(client);
            return root.GetProperty("search").GetProperty("sequence").GetInt64() == sequence
                && root.GetProperty("content").GetProperty("feedSequence").GetInt64() == sequence;
        }, TimeSpan.FromSeconds(10), "the index and the feed follower to reach the publish");

        Assert.Equal("Healthy", root.GetProperty("status").GetString());
        Assert.Equal("Healthy", root.GetProperty("search").GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("search").GetProperty("documents").GetInt32());
        Assert.Equal(2, root.GetProperty("content").GetProperty("pages").GetInt32());
        Assert.Equal(sequence, root.GetProperty("content").GetProperty("snapshotSequence").GetInt64());
        Assert.Equal(0, root.GetProperty("content").GetProperty("lag").GetInt64());
        Assert.Equal(JsonValueKind.String, root.GetProperty("content").GetProperty("lastPolledAt").ValueKind);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Root)> GetHealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }
}
