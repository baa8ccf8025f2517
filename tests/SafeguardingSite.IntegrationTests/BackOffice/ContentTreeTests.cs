using System.Net;
using SafeguardingSite.BackOffice.Controllers;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

/// <summary>The content tree and page actions: sort, move, copy, recycle bin and restore, each within the user's branch.</summary>
public class ContentTreeTests(ContentScreensSite sites) : IClassFixture<ContentScreensSite>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_editor_sorts_moves_copies_trashes_and_restores_pages_and_each_action_is_audited(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var content = site.Content.Content;
        var parent = await site.Content.CreatePageAsync("Thresholds");
        var first = await site.Content.CreatePageAsync("Level one", parent);
        var second = await site.Content.CreatePageAsync("Level two", parent);
        var third = await site.Content.CreatePageAsync("Level three", parent, publish: false);
        using var editor = await ContentScreensSite.EditorAsync(site);

        var tree = await editor.GetPageAsync("/umbraco/content");
        Assert.Contains("Level three", tree, StringComparison.Ordinal);
        Assert.Contains("badge--draft", tree, StringComparison.Ordinal);
        Assert.Contains("badge--published", tree, StringComparison.Ordinal);

        var sortPath = $"/umbraco/content/{parent}/sort";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(sortPath, sortPath, new() { ["op"] = $"up:{third}" })).StatusCode);
        Assert.Equal([first, third, second], (await content.GetChildrenAsync(parent)).Select(c => c.Key));
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SubmitAsync(sortPath, sortPath, new() { ["op"] = $"up:{first}" })).StatusCode);

        var movePath = $"/umbraco/content/{third}/move";
        Assert.Contains($"value=\"{first}\"", await editor.GetPageAsync(movePath), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(movePath, movePath, new() { ["parent"] = first.ToString() })).StatusCode);
        Assert.Equal(first, (await content.GetAsync(third))!.Node.ParentKey);
        var intoItself = await editor.SubmitAsync($"/umbraco/content/{first}/move", $"/umbraco/content/{first}/move", new() { ["parent"] = third.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, intoItself.StatusCode);
        Assert.Contains("cannot be moved below itself", await intoItself.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var copyPath = $"/umbraco/content/{first}/copy";
        var copied = await editor.SubmitAsync(copyPath, copyPath, new() { ["parent"] = parent.ToString(), ["includeDescendants"] = "true" });
        var copy = ContentScreensSite.RedirectedKey(copied);
        Assert.Equal("Level one (copy)", (await content.GetAsync(copy))!.Draft.Name);
        Assert.Equal(["Level three"], (await content.GetChildrenAsync(copy)).Select(c => c.Name));

        var deletePath = $"/umbraco/content/{first}/delete";
        var confirm = await editor.GetPageAsync(deletePath);
        Assert.Contains("Move \"Level one\" to the recycle bin?", System.Net.WebUtility.HtmlDecode(confirm), StringComparison.Ordinal);
        Assert.False((await content.GetAsync(first))!.Node.Trashed, "asking is not doing");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(deletePath, deletePath, [])).StatusCode);
        Assert.True((await content.GetAsync(first))!.Node.Trashed);
        Assert.True((await content.GetAsync(third))!.Node.Trashed, "the page below goes with it");

        var bin = await editor.GetPageAsync("/umbraco/content/recycle-bin");
        Assert.Contains("Level one", bin, StringComparison.Ordinal);
        var restore = await editor.SubmitAsync("/umbraco/content/recycle-bin", $"/umbraco/content/recycle-bin/{first}/restore", []);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.False((await content.GetAsync(first))!.Node.Trashed);
        Assert.Equal(parent, (await content.GetAsync(first))!.Node.ParentKey);

        foreach (var action in new[] { ContentAuditActions.Sorted, ContentAuditActions.Moved, ContentAuditActions.Copied, ContentAuditActions.Trashed, ContentAuditActions.Restored })
        {
            Assert.NotEmpty(await ContentScreensSite.AuditAsync(site, action));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deleting_from_the_recycle_bin_for_good_asks_first_is_audited_and_is_refused_to_writers(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var content = site.Content.Content;
        var live = await site.Content.CreatePageAsync("Still needed");
        var campaign = await site.Content.CreatePageAsync("Old campaign");
        var leaflet = await site.Content.CreatePageAsync("Retired leaflet", publish: false);
        var leafletChild = await site.Content.CreatePageAsync("Leaflet translations", leaflet, publish: false);
        await content.TrashAsync(campaign, "test");
        await content.TrashAsync(leaflet, "test");
        using var editor = await ContentScreensSite.EditorAsync(site);
        using var writer = await ContentScreensSite.SignInNewAsync(site, UserGroups.Writer);

        var bin = await editor.GetPageAsync("/umbraco/content/recycle-bin");
        var deletePath = $"/umbraco/content/recycle-bin/{campaign}/delete";
        Assert.Contains($"href=\"{deletePath}\"", bin, StringComparison.Ordinal);
        Assert.Contains("href=\"/umbraco/content/recycle-bin/empty\"", bin, StringComparison.Ordinal);
        var confirm = WebUtility.HtmlDecode(await editor.GetPageAsync(deletePath));
        Assert.Contains("Delete \"Old campaign\" for good?", confirm, StringComparison.Ordinal);
        Assert.Contains("cannot be restored", confirm, StringComparison.Ordinal);
        Assert.NotNull(await content.GetAsync(campaign));

        var token = BrowserClient.TokenIn(await writer.GetPageAsync($"/umbraco/content/{live}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync(deletePath)).StatusCode);
        var byWriter = await writer.Http.PostAsync(deletePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, byWriter.StatusCode);
        var emptyByWriter = await writer.Http.PostAsync("/umbraco/content/recycle-bin/empty", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, emptyByWriter.StatusCode);
        Assert.NotNull(await content.GetAsync(campaign));
        Assert.NotNull(await content.GetAsync(leaflet));
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostWithoutTokenAsync(deletePath, [])).StatusCode);
        Assert.NotNull(await content.GetAsync(campaign));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/umbraco/content/recycle-bin/{live}/delete")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(deletePath, deletePath, [])).StatusCode);
        Assert.Null(await content.GetAsync(campaign));
        Assert.NotNull(await content.GetAsync(leaflet));

        var confirmEmpty = await editor.GetPageAsync("/umbraco/content/recycle-bin/empty");
        Assert.Contains("Empty the recycle bin?", confirmEmpty, StringComparison.Ordinal);
        Assert.NotNull(await content.GetAsync(leaflet));
        var emptied = await editor.SubmitAsync("/umbraco/content/recycle-bin/empty", "/umbraco/content/recycle-bin/empty", []);
        Assert.Equal(HttpStatusCode.Redirect, emptied.StatusCode);
        Assert.Null(await content.GetAsync(leaflet));
        Assert.Null(await content.GetAsync(leafletChild));
        Assert.Empty(await content.GetRecycleBinAsync());
        Assert.NotNull(await content.GetAsync(live));

        var deletions = await ContentScreensSite.AuditAsync(site, ContentAuditActions.DeletedForGood);
        foreach (var key in new[] { campaign, leaflet })
        {
            Assert.Contains(deletions, r => r.Subject!.Contains(key.ToString(), StringComparison.Ordinal));
        }

        Assert.Contains(await ContentScreensSite.AuditAsync(site, ContentAuditActions.Refused),
            r => r.Subject!.Contains(campaign.ToString(), StringComparison.Ordinal) && r.Detail!.Contains("Permanent delete", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_writer_limited_to_a_branch_sees_only_that_branch_and_is_refused_everywhere_else(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var schools = await site.Content.CreatePageAsync("Schools and colleges " + Guid.NewGuid().ToString("N")[..6]);
        var leads = await site.Content.CreatePageAsync("Designated leads", schools);
        var parents = await site.Content.CreatePageAsync("Parents hidden branch");
        using var officer = await ContentScreensSite.SignInNewAsync(site, UserGroups.Writer, [schools]);

        var tree = await officer.GetPageAsync("/umbraco/content");
        Assert.Contains("Designated leads", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("Parents hidden branch", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("Create a page at the top", tree, StringComparison.Ordinal);
        await officer.GetPageAsync($"/umbraco/content/{leads}");

        foreach (var path in new[] { $"/umbraco/content/{parents}", $"/umbraco/content/new?parent={parents}", $"/umbraco/content/{parents}/preview", $"/umbraco/content/{parents}/move", "/umbraco/content/new" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(path)).StatusCode);
        }

        var token = BrowserClient.TokenIn(await officer.GetPageAsync($"/umbraco/content/{leads}"));
        var save = await officer.Http.PostAsync($"/umbraco/content/{parents}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["name"] = "Taken over" }));
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal("Parents hidden branch", (await site.Content.Content.GetAsync(parents))!.Draft.Name);

        var moveOut = await officer.Http.PostAsync($"/umbraco/content/{leads}/move", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["parent"] = parents.ToString() }));
        Assert.Equal(HttpStatusCode.Forbidden, moveOut.StatusCode);
        Assert.Equal(schools, (await site.Content.Content.GetAsync(leads))!.Node.ParentKey);
        Assert.NotEmpty(await ContentScreensSite.AuditAsync(site, ContentAuditActions.Refused));

        var withoutToken = await officer.PostWithoutTokenAsync($"/umbraco/content/{leads}", new() { ["name"] = "No token" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_writer_cannot_delete_or_publish_but_is_offered_submit_for_approval(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var page = await site.Content.CreatePageAsync("Contextual safeguarding");
        using var writer = await ContentScreensSite.SignInNewAsync(site, UserGroups.Writer);

        var editor = await writer.GetPageAsync($"/umbraco/content/{page}");
        Assert.DoesNotContain("/delete\"", editor, StringComparison.Ordinal);
        Assert.DoesNotContain($"/umbraco/content/{page}/publish", editor, StringComparison.Ordinal);
        Assert.Contains($"/umbraco/content/{page}/submit", editor, StringComparison.Ordinal);
        Assert.Contains($"/umbraco/content/{page}/history", editor, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"/umbraco/content/{page}/delete")).StatusCode);
        var token = BrowserClient.TokenIn(editor);
        var delete = await writer.Http.PostAsync($"/umbraco/content/{page}/delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.False((await site.Content.Content.GetAsync(page))!.Node.Trashed);

        using var editorClient = await ContentScreensSite.EditorAsync(site);
        var editorPage = await editorClient.GetPageAsync($"/umbraco/content/{page}");
        Assert.Contains($"/umbraco/content/{page}/publish", editorPage, StringComparison.Ordinal);
        Assert.Contains($"/umbraco/content/{page}/delete", editorPage, StringComparison.Ordinal);
    }
}
