using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Scaling;

/// <summary>
/// Two web nodes on one database, as behind a load balancer: each its own host, snapshot, search index and job
/// server. Node A is set up with the test schema and a published home page; node B starts on the same data.
/// </summary>
internal sealed class TwoNodeSite : IAsyncDisposable
{
    private TwoNodeSite(TestDatabase database, SiteHost a, SiteHost b, Guid homeKey)
    {
        Database = database;
        A = a;
        B = b;
        HomeKey = homeKey;
    }

    public TestDatabase Database { get; }
    public SiteHost A { get; }
    public SiteHost B { get; }
    public Guid HomeKey { get; }

    public static async Task<TwoNodeSite> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var a = new SiteHost(database, importDemoContent: false);
        _ = a.Server;
        await TestSchema.DefineAsync(a.Services);
        var content = ContentOn(a);
        var home = await content.CreateAsync(new CreateContent(null, "home", "Home", new() { ["heroTitle"] = "Keeping children safe" }), TestSchema.User);
        await content.PublishAsync(home.Node.Key, TestSchema.User);

        var b = new SiteHost(database, importDemoContent: false);
        _ = b.Server;
        return new TwoNodeSite(database, a, b, home.Node.Key);
    }

    public static ContentService ContentOn(SiteHost node) => node.Services.GetRequiredService<ContentService>();

    public static PublishedSnapshot SnapshotOf(SiteHost node) => node.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    public async Task<Guid> CreatePageAsync(SiteHost node, string name, bool publish = true)
    {
        var page = await ContentOn(node).CreateAsync(new CreateContent(HomeKey, "contentPage", name), TestSchema.User);
        if (publish)
        {
            await ContentOn(node).PublishAsync(page.Node.Key, TestSchema.User);
        }

        return page.Node.Key;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Database.DisposeAsync();
    }
}
