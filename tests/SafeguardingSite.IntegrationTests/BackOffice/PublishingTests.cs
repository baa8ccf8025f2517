using System.Net;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class PublishingTests
{
    private const string Editor = "editor@northdale-scp.example";
    private const string Writer = "writer@northdale-scp.example";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_editor_sees_the_checks_publishes_and_unpublishes_but_a_writers_direct_posts_are_refused(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var page = await site.Content.CreatePageAsync("Private fostering", publish: false, values: new()
        {
            ["body"] = "<h2>What it is</h2><h4>Who to tell</h4><p><a href=\"/contact/\">Click here</a></p>",
        });
        await site.CreateUserAsync(Editor, UserGroups.Editor);
        await site.CreateUserAsync(Writer, UserGroups.Writer);
        using var writer = await site.SignInAsync(Writer);
        using var editor = await site.SignInAsync(Editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"/umbraco/content/{page}/publish")).StatusCode);
        foreach (var action in new[] { "publish", "unpublish", "schedule" })
        {
            var refused = await writer.SubmitAsync("/umbraco/approvals", $"/umbraco/content/{page}/{action}", new() { ["PublishAt"] = "2026-12-01T09:00" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Null(site.Content.Snapshot.Find(page));
        Assert.Null((await site.Content.Content.GetAsync(page))!.Node.PublishAt);

        var checks = await editor.GetPageAsync($"/umbraco/content/{page}/publish");
        Assert.Contains($"href=\"/umbraco/content/{page}#field-body\"", checks, StringComparison.Ordinal);
        Assert.Contains("level 4 but follows level 2", checks, StringComparison.Ordinal);
        Assert.Contains("does not say where the link goes", checks, StringComparison.Ordinal);

        // Without the form's token the publish is refused even for an editor.
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostWithoutTokenAsync($"/umbraco/content/{page}/publish", new())).StatusCode);
        Assert.Null(site.Content.Snapshot.Find(page));

        var published = await editor.SubmitAsync($"/umbraco/content/{page}/publish", $"/umbraco/content/{page}/publish", new());
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var url = site.Content.Snapshot.Find(page)?.Url ?? string.Empty;
        Assert.Equal("/private-fostering/", url);
        using var reader = site.NewClient();
        Assert.Contains("Private fostering", await reader.GetPageAsync(url), StringComparison.Ordinal);
        Assert.Contains("It is live at /private-fostering/", await editor.GetPageAsync($"/umbraco/content/{page}/publish"), StringComparison.Ordinal);

        var confirm = await editor.GetPageAsync($"/umbraco/content/{page}/unpublish");
        Assert.Contains("Yes, unpublish it", confirm, StringComparison.Ordinal);
        Assert.NotNull(site.Content.Snapshot.Find(page));
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync($"/umbraco/content/{page}/unpublish", $"/umbraco/content/{page}/unpublish", new())).StatusCode);
        Assert.Null(site.Content.Snapshot.Find(page));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SubmitAsync($"/umbraco/content/{page}/unpublish", $"/umbraco/content/{page}/unpublish", new())).StatusCode);

        var trail = await site.Service<BackOfficeAudit>().ListAsync(1);
        Assert.Contains(trail.Records, r => r.Action == WorkflowAuditActions.Published && r.Actor == Editor && r.Subject!.Contains(page.ToString(), StringComparison.Ordinal));
        Assert.Contains(trail.Records, r => r.Action == WorkflowAuditActions.Unpublished && r.Actor == Editor);
        Assert.DoesNotContain(trail.Records, r => r.Actor == Writer && r.Action.StartsWith("page", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/umbraco/content/{Guid.NewGuid()}/publish")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Schedules_are_entered_in_uk_time_and_must_be_in_the_future_with_expiry_after_publish(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var page = await site.Content.CreatePageAsync("Safer sleep week", publish: false);
        await site.CreateUserAsync(Editor, UserGroups.Editor);
        using var editor = await site.SignInAsync(Editor);
        var form = $"/umbraco/content/{page}/publish";
        var action = $"/umbraco/content/{page}/schedule";

        // The site's clock says 22 November 2026, 09:00 UTC.
        async Task<string> RefusedAsync(string publishAt, string expireAt)
        {
            var response = await editor.SubmitAsync(form, action, new() { ["PublishAt"] = publishAt, ["ExpireAt"] = expireAt });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("is in the past", await RefusedAsync("2026-11-01T09:00", string.Empty), StringComparison.Ordinal);
        Assert.Contains("taken down after it is published", await RefusedAsync("2026-12-02T09:00", "2026-12-01T09:00"), StringComparison.Ordinal);
        var hostile = await RefusedAsync("<script>alert(1)</script>", new string('9', 5000));
        Assert.Contains("for example 2026-12-01T09:30", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", hostile, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", hostile, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", hostile, StringComparison.Ordinal);
        Assert.Null((await site.Content.Content.GetAsync(page))!.Node.PublishAt);

        // June is British Summer Time, so 10:00 in the UK is 09:00 UTC; December is GMT.
        var saved = await editor.SubmitAsync(form, action, new() { ["PublishAt"] = "2027-06-01T10:00", ["ExpireAt"] = "2027-12-01T10:00" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var node = (await site.Content.Content.GetAsync(page))!.Node;
        Assert.Equal(new DateTime(2027, 6, 1, 9, 0, 0, DateTimeKind.Utc), node.PublishAt);
        Assert.Equal(new DateTime(2027, 12, 1, 10, 0, 0, DateTimeKind.Utc), node.ExpireAt);
        var shown = await editor.GetPageAsync(form);
        Assert.Contains("Tuesday 1 June 2027, 10:00am (BST)", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-06-01T10:00\"", shown, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(form, action, new() { ["PublishAt"] = "", ["ExpireAt"] = "" })).StatusCode);
        Assert.Null((await site.Content.Content.GetAsync(page))!.Node.PublishAt);
        var trail = await site.Service<BackOfficeAudit>().ListAsync(1);
        Assert.Equal(2, trail.Records.Count(r => r.Action == WorkflowAuditActions.Scheduled));
    }
}
