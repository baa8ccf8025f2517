using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;
using SafeguardingSite.IntegrationTests.Content;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Rendering;

/// <summary>The public site over real HTTP: routing from the snapshot, redirects, the 404 page, SEO files, safety features.</summary>
public class PublicSiteTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_published_page_is_served_with_its_template_and_unpublishing_removes_it(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Safer sleep", values: new() { ["summary"] = "How to put a baby down to sleep safely." });
        using var client = NoRedirectClient(context);

        var response = await client.GetAsync("/safer-sleep/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<h1>Safer sleep</h1>", html, StringComparison.Ordinal);
        Assert.Contains("How to put a baby down to sleep safely.", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/safer-sleep/\">", html, StringComparison.Ordinal);

        await context.Content.UnpublishAsync(key, TestSchema.User);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/safer-sleep/")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Home_page_is_served_at_the_root(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        using var client = NoRedirectClient(context);

        var html = await client.GetStringAsync("/");

        Assert.Contains("<h1>Keeping children safe</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en-GB\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_renamed_page_leaves_a_permanent_redirect_from_its_old_address(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var parent = await context.CreatePageAsync("Water safety");
        await context.CreatePageAsync("Open water", parent);
        using var client = NoRedirectClient(context);

        await context.Content.UpdateAsync(parent, new UpdateContent(Name: "Keeping safe near water"), TestSchema.User);
        await context.Content.PublishAsync(parent, TestSchema.User);

        var moved = await client.GetAsync("/water-safety/?utm_source=bulletin");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/keeping-safe-near-water/?utm_source=bulletin", moved.Headers.Location?.OriginalString);

        var child = await client.GetAsync("/water-safety/open-water/");
        Assert.Equal(HttpStatusCode.MovedPermanently, child.StatusCode);
        Assert.Equal("/keeping-safe-near-water/open-water/", child.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/keeping-safe-near-water/open-water/")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Addresses_without_the_trailing_slash_or_in_other_case_redirect_to_the_canonical_one(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        await context.CreatePageAsync("Online safety");
        using var client = NoRedirectClient(context);

        foreach (var path in new[] { "/online-safety", "/Online-Safety/" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal("/online-safety/", response.Headers.Location?.OriginalString);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_addresses_get_the_content_managed_not_found_page_with_a_404(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        using var client = NoRedirectClient(context);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page/")).StatusCode);

        await DefineErrorPageAsync(context);
        var errorPage = await context.Content.CreateAsync(new CreateContent(null, "errorPage", "Page not found",
            new() { ["body"] = "<p>We could not find that page. It may have moved.</p>" }), TestSchema.User);
        await context.Content.PublishAsync(errorPage.Node.Key, TestSchema.User);

        var response = await client.GetAsync("/no-such-page/?q=<script>alert(1)</script>");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that page. It may have moved.", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Script_in_rich_text_never_reaches_the_page(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        await context.CreatePageAsync("Exploitation", values: new()
        {
            ["body"] = "<p onclick=\"steal()\">Signs to look for</p><script>alert('x')</script><a href=\"javascript:alert(1)\">link</a><img src=x onerror=alert(1)>",
        });
        using var client = NoRedirectClient(context);

        var html = await client.GetStringAsync("/exploitation/");

        Assert.Contains("Signs to look for", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Serving_a_published_page_makes_no_database_query(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var _ = database;
        await using var site = new SiteHost(database, importDemoContent: false).WithServices(DatabaseCommandCounter.Register);
        await TestSchema.DefineAsync(site.Services);
        var content = site.Services.GetRequiredService<ContentService>();
        var home = await content.CreateAsync(new CreateContent(null, "home", "Home", new() { ["heroTitle"] = "Welcome" }), TestSchema.User);
        var page = await content.CreateAsync(new CreateContent(home.Node.Key, "contentPage", "Domestic abuse", new() { ["body"] = "<p>Help is available.</p>" }), TestSchema.User);
        await content.PublishAsync(home.Node.Key, TestSchema.User, includeDescendants: true);
        var counter = site.Services.GetRequiredService<DatabaseCommandCounter>();
        using var client = site.CreateClient();

        foreach (var path in new[] { "/", "/domestic-abuse/", "/sitemap.xml", "/robots.txt", "/not-here/" })
        {
            await client.GetAsync(path);
        }

        Assert.Equal(0, counter.Count);

        // The counter itself works: reading a draft does query the database.
        await counter.CountDuringAsync(() => content.GetAsync(page.Node.Key));
        Assert.True(counter.Count > 0, "the command counter saw no command from a draft read");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sitemap_lists_published_pages_and_robots_points_to_it(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        await context.CreatePageAsync("Bereavement");
        await context.CreatePageAsync("Hidden page", values: new() { ["featured"] = true });
        await context.CreatePageAsync("Draft only", publish: false);
        using var client = NoRedirectClient(context);

        var sitemap = await client.GetAsync("/sitemap.xml");
        var xml = System.Xml.Linq.XDocument.Parse(await sitemap.Content.ReadAsStringAsync());
        var locations = xml.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();

        Assert.StartsWith("application/xml", sitemap.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("http://localhost/", locations);
        Assert.Contains("http://localhost/bereavement/", locations);
        Assert.DoesNotContain("http://localhost/draft-only/", locations);

        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /umbraco/", robots, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_public_page_has_the_quick_exit_the_skip_link_and_strict_headers(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        using var client = NoRedirectClient(context);

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("data-quick-exit", html, StringComparison.Ordinal);
        Assert.Contains("Exit this page", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#main-content\"", html, StringComparison.Ordinal);
        Assert.Contains("no-referrer", response.Headers.GetValues("Referrer-Policy"));
        Assert.Contains("script-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Site_search_finds_published_pages_and_survives_hostile_queries(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        await context.CreatePageAsync("Neglect", values: new() { ["summary"] = "Recognising and responding to neglect." });
        using var client = NoRedirectClient(context);
        var search = context.Site.Services.GetRequiredService<SafeguardingSite.Search.SiteSearchIndex>();
        await WaitForAsync(() => search.State.SnapshotSequence >= context.Snapshot.Sequence && search.State.Documents >= 2);

        var html = await client.GetStringAsync("/search?q=neglect");
        Assert.Contains("href=\"/neglect/\"", html, StringComparison.Ordinal);

        foreach (var hostile in new[] { "<script>alert(1)</script>", "' OR 1=1 --", "title:(a AND", new string('x', 5000), "*" })
        {
            var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(hostile) + "&page=abc");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<script>alert(1)</script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static HttpClient NoRedirectClient(ContentTestContext context) =>
        context.Site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task DefineErrorPageAsync(ContentTestContext context)
    {
        var schema = context.Site.Services.GetRequiredService<SchemaService>();
        await schema.SaveDocumentTypeAsync(new DocumentType
        {
            Key = TestSchema.KeyFor("errorPage"),
            Alias = "errorPage",
            Name = "Error page",
            AllowAtRoot = true,
            Properties = [new() { Alias = "body", Name = "Body", DataType = "richText" }],
        }, TestSchema.User);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "condition not met in 5 seconds");
    }
}
