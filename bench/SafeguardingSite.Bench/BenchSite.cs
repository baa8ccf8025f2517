using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Search;
using SafeguardingSite.Testing;

namespace SafeguardingSite.Bench;

/// <summary>
/// A started site with the test schema and a published home page, plus a fast way to grow the tree: pages are
/// written straight to the tables in bulk (going through ContentService would rebuild the snapshot per publish and
/// make seeding 10,000 pages take longer than the whole bench may). The row shape is copied from a page that
/// ContentService itself created, so the snapshot builder reads exactly what the site would write.
/// </summary>
internal sealed class BenchSite : IAsyncDisposable
{
    private const int PagesPerSection = 100;
    private readonly ContentVersion template;
    private readonly List<Guid> sections = [];
    private int seeded;

    private BenchSite(SiteHost host, Guid homeKey, ContentVersion template)
    {
        Host = host;
        HomeKey = homeKey;
        this.template = template;
    }

    public SiteHost Host { get; }
    public Guid HomeKey { get; }
    public ContentService Content => Host.Services.GetRequiredService<ContentService>();
    public PublishedSnapshotService Snapshots => Host.Services.GetRequiredService<PublishedSnapshotService>();
    public SiteSearchIndex Search => Host.Services.GetRequiredService<SiteSearchIndex>();

    /// <summary>Pages in the published tree, home included.</summary>
    public int PageCount => seeded + 2;

    public Guid SamplePage { get; private set; }

    /// <summary>Starts a host on the database; the first host on a database defines the schema and the home page.</summary>
    public static async Task<BenchSite> StartAsync(TestDatabase database, BenchSite? sharing = null)
    {
        var host = new SiteHost(database, importDemoContent: false)
            .WithSetting("Content:ChangeFeedPollInterval", "00:00:00.500") // the production default, not the tests' 200 ms
            .WithSetting("Logging:LogLevel:Default", "Warning");
        _ = host.Server;
        if (sharing is not null)
        {
            return new BenchSite(host, sharing.HomeKey, sharing.template) { SamplePage = sharing.SamplePage };
        }

        await TestSchema.DefineAsync(host.Services);
        var content = host.Services.GetRequiredService<ContentService>();
        var home = await content.CreateAsync(new CreateContent(null, "home", "Home", new() { ["heroTitle"] = "Keeping children safe" }), TestSchema.User);
        await content.PublishAsync(home.Node.Key, TestSchema.User);
        var sample = await content.CreateAsync(new CreateContent(home.Node.Key, "contentPage", "Sample page", SampleValues()), TestSchema.User);
        await content.PublishAsync(sample.Node.Key, TestSchema.User);
        return new BenchSite(host, home.Node.Key, sample.Draft) { SamplePage = sample.Node.Key };
    }

    /// <summary>Adds published pages, in sections of a hundred below the home page, until the tree has about <paramref name="pages"/>.</summary>
    public async Task GrowToAsync(int pages)
    {
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<ContentDbContext>>();
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        while (PageCount < pages)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batchEnd = Math.Min(pages - 2, seeded + 2000);
            for (; seeded < batchEnd; seeded++)
            {
                if (seeded % PagesPerSection == 0)
                {
                    var section = Page(db, HomeKey, 2, sections.Count + 1, $"Section {sections.Count + 1}", now);
                    sections.Add(section);
                    seeded++;
                    if (seeded >= batchEnd)
                    {
                        break;
                    }
                }

                Page(db, sections[^1], 3, seeded % PagesPerSection, $"Guidance page {seeded}", now);
            }

            await db.SaveChangesAsync();
        }
    }

    /// <summary>Waits until the background search index has caught up with the live snapshot, so the next figure starts quiet.</summary>
    public async Task<TimeSpan> WaitForSearchIndexAsync()
    {
        var started = Stopwatch.GetTimestamp();
        while (Search.State.SnapshotSequence != Snapshots.Current.Sequence)
        {
            await Task.Delay(5);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    public static JsonObject SampleValues(int revision = 0) => new()
    {
        ["summary"] = $"What to do if you are worried about a child, who to call and what happens next (revision {revision}).",
        ["body"] = "<h2>If a child is in immediate danger</h2><p>Call 999. Otherwise contact the children's services front door " +
                   "and say what you have seen or heard.</p><ul><li>Write down what was said.</li><li>Do not promise to keep secrets.</li></ul>",
        ["priority"] = 3L,
    };

    private Guid Page(ContentDbContext db, Guid parent, int level, int sortOrder, string name, DateTime now)
    {
        var key = Guid.NewGuid();
        var segment = ContentRoutes.ToSegment(name);
        var version = new ContentVersion
        {
            NodeKey = key,
            Number = 1,
            Name = name,
            UrlSegment = segment,
            ValuesJson = template.ValuesJson,
            CreatedAt = now,
            CreatedBy = "bench",
        };
        db.Versions.Add(version);
        db.Nodes.Add(new ContentNode
        {
            Key = key,
            ParentKey = parent,
            DocumentTypeAlias = "contentPage",
            Level = level,
            SortOrder = sortOrder,
            Name = name,
            UrlSegment = segment,
            DraftVersionId = version.Id,
            PublishedVersionId = version.Id,
            CreateDate = now,
            UpdateDate = now,
            CreatedBy = "bench",
        });
        return key;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
