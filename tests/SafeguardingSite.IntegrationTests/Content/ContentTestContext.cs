using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Content;

/// <summary>A started site on an empty database with the test schema and a published home page.</summary>
public sealed class ContentTestContext : IAsyncDisposable
{
    private ContentTestContext(TestDatabase database, SiteHost site, Guid homeKey)
    {
        Database = database;
        Site = site;
        HomeKey = homeKey;
    }

    public TestDatabase Database { get; }
    public SiteHost Site { get; }
    public Guid HomeKey { get; }
    public ContentService Content => Site.Services.GetRequiredService<ContentService>();
    public PublishedSnapshot Snapshot => Site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    public static async Task<ContentTestContext> StartAsync(
        DatabaseProvider provider,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var site = new SiteHost(database, importDemoContent: false, settings);
        if (services is not null)
        {
            site.WithServices(services);
        }

        _ = site.Server; // starts the host: migrations, snapshot, jobs
        await TestSchema.DefineAsync(site.Services);
        var content = site.Services.GetRequiredService<ContentService>();
        var home = await content.CreateAsync(new CreateContent(null, "home", "Home", new() { ["heroTitle"] = "Keeping children safe" }), TestSchema.User);
        await content.PublishAsync(home.Node.Key, TestSchema.User);
        return new ContentTestContext(database, site, home.Node.Key);
    }

    public async Task<Guid> CreatePageAsync(string name, Guid? parent = null, bool publish = true, System.Text.Json.Nodes.JsonObject? values = null)
    {
        var page = await Content.CreateAsync(new CreateContent(parent ?? HomeKey, "contentPage", name, values), TestSchema.User);
        if (publish)
        {
            await Content.PublishAsync(page.Node.Key, TestSchema.User);
        }

        return page.Node.Key;
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Database.DisposeAsync();
    }
}
