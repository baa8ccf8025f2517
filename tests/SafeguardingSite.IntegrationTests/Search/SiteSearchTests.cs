using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SafeguardingSite.IntegrationTests.ManagementApi;
using SafeguardingSite.Platform.Commands;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Search;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Search;

public class SiteSearchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Words_inside_linked_pdf_and_word_files_are_found(DatabaseProvider provider)
    {
        await using var site = await SearchTestSite.StartAsync(provider);
        var pdf = await site.UploadAsync("bruising-protocol.pdf", SearchTestSite.Pdf("Refer any bruising in a non-mobile baby to the quokkamarsh team."));
        var docx = await site.UploadAsync("referral-form.docx", SearchTestSite.Docx("Complete the platypusfern checklist before calling."));
        var leaflet = await site.PublishResourceAsync("Bruising in babies", new JsonObject { ["file"] = new JsonArray(pdf.ToString()) });
        var landing = await site.PublishAsync(Guid.Parse("d8d83c6f-fe86-595f-b04b-fc7239975eef"), "sectionLanding", "Referrals", new JsonObject
        {
            ["featuredLinks"] = new JsonArray(new JsonObject { ["name"] = "Referral form", ["mediaKey"] = docx.ToString() }),
        });
        await site.WaitForIndexAsync();

        var inPdf = site.Index.Search("quokkamarsh");
        var inDocx = site.Index.Search("platypusfern");

        Assert.Equal(leaflet, Assert.Single(inPdf.Hits).Key);
        Assert.Contains("<mark>quokkamarsh</mark>", inPdf.Hits[0].Snippet, StringComparison.Ordinal);
        Assert.Equal("Leaflet", inPdf.Hits[0].Type);
        Assert.Equal(landing, Assert.Single(inDocx.Hits).Key);

        var page = await site.Site.CreateClient().GetStringAsync("/search?q=quokkamarsh");
        Assert.Contains("Bruising in babies", page, StringComparison.Ordinal);
        Assert.Contains("<mark>quokkamarsh</mark>", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_misspelled_query_suggests_the_word_the_site_uses(DatabaseProvider provider)
    {
        await using var site = await SearchTestSite.StartAsync(provider);

        Assert.Equal("neglect", site.Index.Search("neglct").Suggestion);
        Assert.Equal("exploitation", site.Index.Search("exploitaton").Suggestion);
        Assert.Equal("child neglect", site.Index.Search("child neglct").Suggestion);
        Assert.Null(site.Index.Search("neglect").Suggestion);

        var page = await site.Site.CreateClient().GetStringAsync("/search?q=neglct");
        Assert.Contains("Did you mean <a href=\"/search?q=neglect\">neglect</a>?", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Editor_synonyms_match_both_ways_and_apply_on_publish(DatabaseProvider provider)
    {
        await using var site = await SearchTestSite.StartAsync(provider);
        var abbreviated = await site.PublishContentPageAsync("Zorbling briefing", "<p>Our zorbling work on CSE continues.</p>");
        var spelledOut = await site.PublishContentPageAsync("Zorbling review", "<p>The zorbling review of child sexual exploitation cases.</p>");
        await site.WaitForIndexAsync();

        Assert.Equal(Sorted(abbreviated, spelledOut), Keys(site.Index.Search("zorbling CSE")));
        Assert.Equal(Sorted(abbreviated, spelledOut), Keys(site.Index.Search("zorbling child sexual exploitation")));

        await site.SetSynonymsAsync("DSL, designated safeguarding lead");
        await site.WaitForIndexAsync();

        Assert.Equal([abbreviated], Keys(site.Index.Search("zorbling CSE")));
        Assert.Equal([spelledOut], Keys(site.Index.Search("zorbling child sexual exploitation")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_narrow_the_results_and_counts_show_each_choice(DatabaseProvider provider)
    {
        await using var site = await SearchTestSite.StartAsync(provider);
        var all = site.Index.Search(new SearchRequest("safeguarding", PageSize: 100));
        Assert.True(all.Sections.Count > 1 && all.Types.Count > 1 && all.Topics.Count > 0, "the demo content spans sections, types and topics");
        Assert.Equal(all.Total, all.Sections.Sum(s => s.Count));
        Assert.Equal(all.Total, all.Types.Sum(t => t.Count));

        foreach (var (section, count) in all.Sections.Select(s => (s.Value, s.Count)))
        {
            var narrowed = site.Index.Search(new SearchRequest("safeguarding", Section: section, PageSize: 100));
            Assert.Equal(count, narrowed.Total);
            Assert.All(narrowed.Hits, h => Assert.Equal(section, h.Section));
            Assert.Equal(all.Sections, narrowed.Sections); // a facet's own filter leaves its counts alone
        }

        var topic = all.Topics[0];
        var onTopic = site.Index.Search(new SearchRequest("safeguarding", Topic: topic.Value, PageSize: 100));
        Assert.Equal(topic.Count, onTopic.Total);
        Assert.Equal(onTopic.Total, onTopic.Types.Sum(t => t.Count));

        var type = all.Types[0];
        var ofType = site.Index.Search(new SearchRequest("safeguarding", Type: type.Value, PageSize: 100));
        Assert.Equal(type.Count, ofType.Total);
        Assert.All(ofType.Hits, h => Assert.Equal(type.Value, h.Type));

        var byDate = site.Index.Search(new SearchRequest("safeguarding", Sort: SearchSort.Date, PageSize: 100));
        Assert.Equal(byDate.Hits.Select(h => h.Date).OrderByDescending(d => d), byDate.Hits.Select(h => h.Date));
        Assert.Equal(all.Hits.Select(h => h.Key).Order(), byDate.Hits.Select(h => h.Key).Order());

        var second = site.Index.Search(new SearchRequest("safeguarding", Page: 2, PageSize: 5));
        Assert.Equal(all.Hits.Skip(5).Take(5).Select(h => h.Key), second.Hits.Select(h => h.Key));

        var page = await site.Site.CreateClient().GetStringAsync($"/search?q=safeguarding&section={Uri.EscapeDataString(all.Sections[0].Value)}");
        Assert.Contains($"{all.Sections[0].Count} results for", page, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Snippets_mark_the_matched_words_and_encode_everything_else(DatabaseProvider provider)
    {
        await using var site = await SearchTestSite.StartAsync(provider);
        var filler = string.Join(' ', Enumerable.Repeat("Unrelated words about the partnership.", 20));
        var key = await site.PublishContentPageAsync("Online harms", $"<p>{filler}</p><p>Watch for &lt;script&gt;alert(1)&lt;/script&gt; and signs of grooming online &amp; offline.</p><p>{filler}</p>");
        await site.WaitForIndexAsync();

        var hit = Assert.Single(site.Index.Search("grooming online").Hits, h => h.Key == key);

        Assert.Contains("<mark>grooming</mark> <mark>online</mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("&amp; offline", hit.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", hit.Snippet, StringComparison.OrdinalIgnoreCase);
        Assert.True(hit.Snippet.Length < 400, hit.Snippet);
        Assert.StartsWith("… ", hit.Snippet, StringComparison.Ordinal);

        var client = site.Site.CreateClient();
        var page = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("grooming <script>alert(2)</script>"));
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_publish_is_searchable_within_a_second(DatabaseProvider provider)
    {
        await using var site = await SearchTestSite.StartAsync(provider);
        var key = await site.PublishContentPageAsync("Water safety", "<p>Teach children the wibbleflux code.</p>");

        var took = await Eventually.HoldsAsync(() => site.Index.Search("wibbleflux").Hits.Any(h => h.Key == key), TimeSpan.FromSeconds(1), "the page to be searchable");

        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
        await site.Content.UnpublishAsync(key, SearchTestSite.User);
        await Eventually.HoldsAsync(() => site.Index.Search("wibbleflux").Total == 0, TimeSpan.FromSeconds(1), "the page to leave search");
    }

    [Fact]
    public async Task A_restarting_node_answers_from_its_last_good_index_then_catches_up()
    {
        // The index does not touch the database, so one provider is enough here.
        await using var site = await SearchTestSite.StartAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(site.IndexFolder, "restart");
        var files = site.Site.Services.GetRequiredService<SafeguardingSite.Content.Media.MediaFileStore>();
        SiteSearchIndex Open() => new(folder, new MediaTextExtractor(files, Path.Combine(folder, "text-cache"), NullLogger<MediaTextExtractor>.Instance), NullLogger<SiteSearchIndex>.Instance);

        var before = site.Snapshot;
        using (var first = Open())
        {
            first.Apply(before, DateTime.UtcNow);
            Assert.True(first.Search("safeguarding").Total > 0);
        }

        var added = await site.PublishContentPageAsync("Bonfire night", "<p>Keep sparklers away from the quintflange.</p>");
        var after = site.Snapshot;
        Assert.True(after.Sequence > before.Sequence);

        // A newer folder that will not open (a crash mid-write, say) is skipped and deleted; the last good one serves.
        var damaged = Directory.CreateDirectory(Path.Combine(folder, "index-999999999999999999-damaged"));
        File.WriteAllText(Path.Combine(damaged.FullName, "segments_1"), "not an index");

        using var restarted = Open();
        Assert.True(restarted.ResumePrevious());
        Assert.False(Directory.Exists(damaged.FullName));
        Assert.True(restarted.Search("safeguarding").Total > 0, "the previous index answers before any catch-up");
        Assert.Equal(0, restarted.Search("quintflange").Total);
        Assert.True(restarted.IsBehind(after));

        restarted.Apply(after, DateTime.UtcNow);
        Assert.Equal(added, Assert.Single(restarted.Search("quintflange").Hits).Key);
        Assert.Equal(after.Sequence, restarted.State.SnapshotSequence);
        Assert.Single(Directory.GetDirectories(folder, "index-*"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_damaged_index_is_rebuilt_while_search_keeps_answering(DatabaseProvider provider)
    {
        await using var site = await SearchTestSite.StartAsync(provider, folder =>
        {
            var planted = Directory.CreateDirectory(Path.Combine(folder, "index-1-damaged"));
            File.WriteAllText(Path.Combine(planted.FullName, "segments_1"), "not an index");
            File.WriteAllBytes(Path.Combine(planted.FullName, "_0.cfs"), new byte[64]);
        });

        Assert.True(site.Index.Search("safeguarding").Total > 0);
        Assert.False(Directory.Exists(Path.Combine(site.IndexFolder, "index-1-damaged")));

        var live = Assert.Single(Directory.GetDirectories(site.IndexFolder, "index-*"));
        foreach (var file in Directory.GetFiles(live).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            File.WriteAllBytes(file, new byte[new FileInfo(file).Length]);
        }

        var key = await site.PublishContentPageAsync("Fireworks safety", "<p>Keep sparklers away from the snorkwhistle.</p>");
        await Eventually.HoldsAsync(
            () => site.Index.Search("snorkwhistle").Hits.Any(h => h.Key == key) && site.Index.Search("safeguarding").Total > 0,
            TimeSpan.FromSeconds(10), "the damaged index to be replaced");

        // The replacement answers before the rebuild that made it has finished recording its success.
        await Eventually.HoldsAsync(() => site.Index.State.LastError is null, TimeSpan.FromSeconds(10), "the rebuild to clear its error");
        var health = JsonNode.Parse(await site.Site.CreateClient().GetStringAsync("/health"))!;
        Assert.Equal("Healthy", (string?)health["search"]!["status"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_index_rebuilds_from_the_database_by_command_and_by_administrators(DatabaseProvider provider)
    {
        await using var api = await ManagementApiContext.StartAsync(provider);
        var index = api.Content.Site.Services.GetRequiredService<SiteSearchIndex>();
        var command = api.Content.Site.Services.GetServices<ISiteCommand>().Single(c => c.Name == "search rebuild");
        var output = new StringWriter();

        Assert.Equal(0, await command.RunAsync([], output, CancellationToken.None));
        Assert.Contains("Search index rebuilt", output.ToString(), StringComparison.Ordinal);
        Assert.True(index.State.Ready);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWith(null).PostAsync("search/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Editor.PostAsync("search/rebuild", null)).StatusCode);
        var rebuilt = await api.Admin.PostAsync("search/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        var body = await ManagementApiContext.BodyAsync(rebuilt);
        Assert.Equal(index.State.Documents, (int)body["documents"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=%20%20")]
    [InlineData("?q=safe&page=abc")]
    [InlineData("?q=safe&page=-5&sort=%27%3B+DROP+TABLE")]
    [InlineData("?q=title%3A(%22unclosed&section=%3Cscript%3E")]
    public async Task The_search_page_answers_any_address(string query)
    {
        await using var site = await SearchTestSite.StartAsync(DatabaseProvider.Sqlite);
        var client = site.Site.CreateClient();
        var longQuery = await client.GetAsync("/search?q=" + new string('a', 5000));
        Assert.Equal(HttpStatusCode.OK, longQuery.StatusCode);
        Assert.Contains($"for &lsquo;{new string('a', SiteSearchIndex.MaxQueryLength)}&rsquo;", await longQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await client.GetAsync("/search" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        if (!query.Contains("q=s", StringComparison.Ordinal) && !query.Contains("title", StringComparison.Ordinal))
        {
            Assert.Contains("Type a word or a few words", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_search_is_reported_to_the_observer()
    {
        var observer = new RecordingObserver();
        await using var site = await SearchTestSite.StartAsync(DatabaseProvider.Sqlite, services: s => s.AddSingleton<ISearchObserver>(observer));
        var client = site.Site.CreateClient();

        await client.GetStringAsync("/search?q=neglect");
        await client.GetStringAsync("/search?q=");

        var (query, count) = Assert.Single(observer.Searches);
        Assert.Equal("neglect", query);
        Assert.True(count > 0);
    }

    private static Guid[] Keys(SearchResults results) => [.. results.Hits.Select(h => h.Key).Order()];

    private static Guid[] Sorted(params Guid[] keys) => [.. keys.Order()];

    private sealed class RecordingObserver : ISearchObserver
    {
        public List<(string Query, int Count)> Searches { get; } = [];

        public void Searched(string query, int resultCount) => Searches.Add((query, resultCount));
    }
}
