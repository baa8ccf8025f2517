using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Services;
using SafeguardingSite.IntegrationTests.Content;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Search;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Search;

public class SiteSearchIndexTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_index_follows_publishing_in_the_background(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var index = context.Site.Services.GetRequiredService<SiteSearchIndex>();
        var page = await context.CreatePageAsync("Safer sleep for babies", values: new JsonObject
        {
            ["summary"] = "How to put a baby down to sleep safely.",
            ["body"] = "<p>Always place your baby on their <strong>back</strong> in a clear cot.</p>",
            ["topics"] = new JsonArray("infants"),
        });
        await WaitForSequenceAsync(index, context.Snapshot.Sequence);

        var byBody = index.Search("clear cot");
        var byTag = index.Search("infants");
        var byStem = index.Search("sleeping");

        Assert.Equal(page, Assert.Single(byBody.Hits).Key);
        Assert.Equal("/safer-sleep-for-babies/", byBody.Hits[0].Url);
        Assert.Equal(page, Assert.Single(byTag.Hits).Key);
        Assert.Contains(byStem.Hits, h => h.Key == page);

        await context.Content.UnpublishAsync(page, "editor");
        await WaitForSequenceAsync(index, context.Snapshot.Sequence);
        Assert.Equal(0, index.Search("clear cot").Total);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("title:(\"unclosed")]
    [InlineData("*:* OR 1=1; DROP TABLE")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Any_text_is_a_safe_query(string query)
    {
        await using var context = await ContentTestContext.StartAsync(DatabaseProvider.Sqlite);
        var index = context.Site.Services.GetRequiredService<SiteSearchIndex>();
        await WaitForSequenceAsync(index, context.Snapshot.Sequence);

        var results = index.Search(query);

        Assert.True(results.Total >= 0);
        Assert.Equal(results.Hits.Count, Math.Min(results.Total, 10));
    }

    private static async Task WaitForSequenceAsync(SiteSearchIndex index, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(index.State.Ready && index.State.SnapshotSequence >= sequence))
        {
            Assert.True(DateTime.UtcNow < deadline, $"search index stuck at {index.State}");
            await Task.Delay(50);
        }
    }
}
