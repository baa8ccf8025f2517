using System.Text.Json.Nodes;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Content;

public class ContentLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_makes_a_page_live_and_unpublish_removes_it(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Safer sleep", publish: false);
        Assert.Null(context.Snapshot.Find(key));

        await context.Content.PublishAsync(key, TestSchema.User);
        Assert.Equal("/safer-sleep/", context.Snapshot.Find(key)?.Url);
        Assert.Same(context.Snapshot.Find(key), context.Snapshot.FindByRoute("/safer-sleep"));

        await context.Content.UnpublishAsync(key, TestSchema.User);
        Assert.Null(context.Snapshot.Find(key));
        Assert.Null(context.Snapshot.FindByRoute("/safer-sleep/"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Draft_changes_stay_out_of_the_snapshot_until_published(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Water safety", values: new() { ["summary"] = "Published summary" });

        await context.Content.UpdateAsync(key, new UpdateContent(Values: new() { ["summary"] = "Draft summary" }), "writer");
        Assert.Equal("Published summary", context.Snapshot.Find(key)?.Text("summary"));

        await context.Content.PublishAsync(key, "editor");
        Assert.Equal("Draft summary", context.Snapshot.Find(key)?.Text("summary"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_save_is_a_version_with_who_and_when(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Online safety", publish: false);
        context.Site.Clock.Advance(TimeSpan.FromMinutes(5));
        await context.Content.UpdateAsync(key, new UpdateContent(Values: new() { ["summary"] = "Second" }), "alex");

        var versions = await context.Content.GetVersionsAsync(key);

        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal("alex", versions[0].CreatedBy);
        Assert.Equal(context.Site.Clock.GetUtcNow().UtcDateTime, versions[0].CreatedAt);
        Assert.Equal(TestSchema.User, versions[1].CreatedBy);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rollback_restores_an_earlier_version_as_a_new_one(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Bereavement", values: new() { ["summary"] = "Original advice" });
        await context.Content.UpdateAsync(key, new UpdateContent("Bereavement support", new() { ["summary"] = "Changed advice" }), "editor");
        await context.Content.PublishAsync(key, "editor");
        Assert.Equal("Changed advice", context.Snapshot.Find(key)?.Text("summary"));

        var restored = await context.Content.RollbackAsync(key, 1, "editor", publish: true);

        Assert.Equal(3, restored.Draft.Number);
        Assert.Equal("Bereavement", context.Snapshot.Find(key)?.Name);
        Assert.Equal("Original advice", context.Snapshot.Find(key)?.Text("summary"));
        Assert.Equal(3, (await context.Content.GetVersionsAsync(key)).Count);
        await Assert.ThrowsAsync<ContentException>(() => context.Content.RollbackAsync(key, 99, "editor"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Renaming_a_published_page_redirects_its_old_urls_and_those_below_it(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var parent = await context.CreatePageAsync("Neglect");
        var child = await context.CreatePageAsync("Signs of neglect", parent);

        await context.Content.UpdateAsync(parent, new UpdateContent("Neglect toolkit"), "editor");
        Assert.Null(context.Snapshot.FindRedirect("/neglect/")); // a draft rename changes nothing public
        await context.Content.PublishAsync(parent, "editor");

        Assert.Equal("/neglect-toolkit/", context.Snapshot.Find(parent)?.Url);
        Assert.Equal(parent, context.Snapshot.FindRedirect("/neglect/")?.Key);
        Assert.Equal(child, context.Snapshot.FindRedirect("/neglect/signs-of-neglect/")?.Key);
        Assert.Equal("/neglect-toolkit/signs-of-neglect/", context.Snapshot.FindRedirect("/neglect/signs-of-neglect")?.Url);

        // Renaming back must not leave a redirect loop on the live URL.
        await context.Content.UpdateAsync(parent, new UpdateContent("Neglect"), "editor");
        await context.Content.PublishAsync(parent, "editor");
        Assert.Null(context.Snapshot.FindRedirect("/neglect/"));
        Assert.Equal(parent, context.Snapshot.FindRedirect("/neglect-toolkit/")?.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Moving_a_published_page_redirects_its_old_url(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var professionals = await context.CreatePageAsync("Professionals");
        var page = await context.CreatePageAsync("Child exploitation");

        await context.Content.MoveAsync(page, professionals, "editor");

        Assert.Equal("/professionals/child-exploitation/", context.Snapshot.Find(page)?.Url);
        Assert.Equal(page, context.Snapshot.FindRedirect("/child-exploitation/")?.Key);
        var error = await Assert.ThrowsAsync<ContentException>(() => context.Content.MoveAsync(professionals, page, "editor"));
        Assert.Equal(ContentErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_page_cannot_be_published_below_an_unpublished_parent(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var parent = await context.CreatePageAsync("Schools", publish: false);
        var child = await context.CreatePageAsync("Safeguarding audit", parent, publish: false);

        var error = await Assert.ThrowsAsync<ContentException>(() => context.Content.PublishAsync(child, "editor"));
        Assert.Equal(ContentErrorKind.Conflict, error.Kind);

        await context.Content.PublishAsync(parent, "editor", includeDescendants: true);
        Assert.Equal("/schools/safeguarding-audit/", context.Snapshot.Find(child)?.Url);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unpublishing_a_parent_hides_its_whole_branch(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var parent = await context.CreatePageAsync("About");
        var child = await context.CreatePageAsync("Annual reports", parent);

        await context.Content.UnpublishAsync(parent, "editor");

        Assert.Null(context.Snapshot.Find(child));
        Assert.Null(context.Snapshot.FindByRoute("/about/annual-reports/"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_recycle_bin_takes_a_branch_off_the_site_and_gives_it_back(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var parent = await context.CreatePageAsync("Campaigns");
        var child = await context.CreatePageAsync("Safer sleep week", parent);

        await context.Content.TrashAsync(parent, "editor");
        Assert.Null(context.Snapshot.Find(parent));
        Assert.Null(context.Snapshot.Find(child));
        Assert.Contains(await context.Content.GetRecycleBinAsync(), n => n.Key == parent);
        await Assert.ThrowsAsync<ContentException>(() => context.Content.PublishAsync(parent, "editor"));

        await context.Content.RestoreAsync(parent, null, "editor");
        Assert.Empty(await context.Content.GetRecycleBinAsync());
        await context.Content.PublishAsync(parent, "editor", includeDescendants: true);
        Assert.Equal("/campaigns/safer-sleep-week/", context.Snapshot.Find(child)?.Url);

        await context.Content.TrashAsync(parent, "editor");
        await context.Content.DeletePermanentlyAsync(parent, "editor");
        Assert.Null(await context.Content.GetAsync(child));
        Assert.Empty(await context.Content.GetVersionsAsync(child));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Scheduled_publish_and_expiry_happen_when_due_and_only_once(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Safeguarding week", publish: false);
        var now = context.Site.Clock.GetUtcNow().UtcDateTime;
        await context.Content.ScheduleAsync(key, now.AddHours(1), now.AddHours(2), "editor");

        Assert.Equal((0, 0), await context.Content.RunScheduleAsync());
        context.Site.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal((1, 0), await context.Content.RunScheduleAsync());
        Assert.NotNull(context.Snapshot.Find(key));
        Assert.Equal((0, 0), await context.Content.RunScheduleAsync());

        context.Site.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal((0, 1), await context.Content.RunScheduleAsync());
        Assert.Null(context.Snapshot.Find(key));
        var audit = await context.Content.GetAuditAsync(key, 0, 50);
        Assert.Single(audit, a => a.Action == "Published" && a.User == "scheduler");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_publishes_leave_a_snapshot_that_matches_the_database(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var keys = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            keys.Add(await context.CreatePageAsync($"Briefing {i}", publish: false));
        }

        // Publish every page twice at once, interleaved with draft saves, from parallel tasks.
        await Task.WhenAll(keys.SelectMany(key => new[]
        {
            Task.Run(() => context.Content.PublishAsync(key, "editor-a")),
            Task.Run(() => context.Content.PublishAsync(key, "editor-b")),
            Task.Run(() => context.Content.UpdateAsync(key, new UpdateContent(Values: new() { ["summary"] = "updated" }), "writer")),
        }));

        var snapshot = context.Snapshot;
        foreach (var key in keys)
        {
            var draft = await context.Content.GetAsync(key);
            var live = snapshot.Find(key);
            Assert.NotNull(live);
            Assert.Equal(draft!.Node.PublishedVersionId, live.VersionId);
        }

        Assert.Equal(keys.Count + 1, snapshot.All.Count);
        Assert.Equal(keys.Count + 1, snapshot.All.Select(p => p.Url).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sorting_changes_the_order_of_children(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var a = await context.CreatePageAsync("Alpha");
        var b = await context.CreatePageAsync("Bravo");
        var c = await context.CreatePageAsync("Charlie");

        await context.Content.SortAsync(context.HomeKey, [c, a], "editor");

        Assert.Equal([c, a, b], context.Snapshot.Home!.Children.Select(p => p.Key));
        await Assert.ThrowsAsync<ContentException>(() => context.Content.SortAsync(context.HomeKey, [Guid.NewGuid()], "editor"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sibling_pages_never_share_a_url(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var first = await context.CreatePageAsync("News");
        var second = await context.CreatePageAsync("News");

        Assert.Equal("/news/", context.Snapshot.Find(first)?.Url);
        Assert.Equal("/news-2/", context.Snapshot.Find(second)?.Url);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_save_is_refused_rather_than_overwriting(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Domestic abuse", publish: false);
        var opened = (await context.Content.GetAsync(key))!.Node.Revision;
        await context.Content.UpdateAsync(key, new UpdateContent(Values: new() { ["summary"] = "First editor" }, ExpectedRevision: opened), "first");

        var error = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.UpdateAsync(key, new UpdateContent(Values: new() { ["summary"] = "Second editor" }, ExpectedRevision: opened), "second"));

        Assert.Equal(ContentErrorKind.Conflict, error.Kind);
        Assert.Equal("First editor", (await context.Content.GetAsync(key))!.Values["summary"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_audit_trail_records_every_action(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Mental health");
        await context.Content.UpdateAsync(key, new UpdateContent(Values: new() { ["summary"] = "x" }), "sam");
        await context.Content.UnpublishAsync(key, "sam");
        await context.Content.TrashAsync(key, "sam");

        var actions = (await context.Content.GetAuditAsync(key, 0, 50)).Select(a => a.Action).Reverse();

        Assert.Equal(["Created", "Published", "Saved", "Unpublished", "Trashed"], actions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Type_rules_of_the_tree_are_enforced(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);

        var atRoot = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.CreateAsync(new CreateContent(null, "contentPage", "Orphan"), "editor"));
        var element = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.CreateAsync(new CreateContent(context.HomeKey, "quoteBlock", "Quote"), "editor"));
        var unknownType = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.CreateAsync(new CreateContent(context.HomeKey, "nope'; DROP TABLE content_nodes; --", "X"), "editor"));
        var missingParent = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.CreateAsync(new CreateContent(Guid.NewGuid(), "contentPage", "Lost"), "editor"));
        var homeUnderPage = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.CreateAsync(new CreateContent(context.HomeKey, "home", "Second home", new JsonObject { ["heroTitle"] = "x" }), "editor"));

        Assert.All([atRoot, element, unknownType, homeUnderPage], e => Assert.Equal(ContentErrorKind.Invalid, e.Kind));
        Assert.Equal(ContentErrorKind.NotFound, missingParent.Kind);
        Assert.Single(context.Snapshot.All); // only the home page exists
    }
}
