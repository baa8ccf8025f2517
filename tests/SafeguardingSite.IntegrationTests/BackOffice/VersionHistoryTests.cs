using System.Net;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class VersionHistoryTests
{
    private const string Writer = "writer@northdale-scp.example";
    private const string Outsider = "outsider@northdale-scp.example";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task History_lists_versions_compares_two_word_by_word_and_rolls_back_to_the_draft_only(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var content = site.Content.Content;
        var page = await site.Content.CreatePageAsync("Safer sleep", values: new() { ["summary"] = "Put your baby on their back to sleep." });
        await content.UpdateAsync(page, new UpdateContent(Values: new() { ["summary"] = "Always put your baby on their back in a cot." }), TestSchema.User);
        await content.UpdateAsync(page, new UpdateContent(Name: "<script>alert(1)</script> Safer sleep", Values: new() { ["summary"] = "Wrong advice." }), TestSchema.User);
        var other = await site.Content.CreatePageAsync("Other branch");
        await site.CreateUserAsync(Writer, UserGroups.Writer);
        await site.CreateUserAsync(Outsider, UserGroups.Writer, [other]);
        using var writer = await site.SignInAsync(Writer);

        var history = await writer.GetPageAsync($"/umbraco/content/{page}/history");
        Assert.Contains("Current draft", history, StringComparison.Ordinal);
        Assert.Contains("Live now", history, StringComparison.Ordinal);
        Assert.Contains("Saved, not published", history, StringComparison.Ordinal);
        Assert.Contains(TestSchema.User, history, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", history, StringComparison.Ordinal);

        var compared = await writer.GetPageAsync($"/umbraco/content/{page}/history?from=1&to=2");
        Assert.Contains("Version 1 compared with version 2", compared, StringComparison.Ordinal);
        Assert.Matches("<ins>[^<]*Always[^<]*</ins>", compared);
        Assert.Matches("<del>[^<]*to sleep[^<]*</del>", compared);
        Assert.Matches("<ins>[^<]*in a cot[^<]*</ins>", compared);
        Assert.DoesNotMatch("<(ins|del)>[^<]*baby[^<]*</(ins|del)>", compared);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.GetAsync($"/umbraco/content/{page}/history?from=1&to=99")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.GetAsync($"/umbraco/content/{page}/history?from=abc&to=%3Cscript%3E")).StatusCode);

        var confirm = await writer.GetPageAsync($"/umbraco/content/{page}/history/2/rollback");
        Assert.Contains("Yes, restore version 2", confirm, StringComparison.Ordinal);
        Assert.Matches("<ins>[^<]*Always put your baby on their back in a cot[^<]*</ins>", confirm);
        Assert.Equal(3, (await content.GetAsync(page))!.Draft.Number);

        var restored = await writer.SubmitAsync($"/umbraco/content/{page}/history/2/rollback", $"/umbraco/content/{page}/history/2/rollback", new());
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var draft = (await content.GetAsync(page))!;
        Assert.Equal(4, draft.Draft.Number);
        Assert.Equal("Safer sleep", draft.Draft.Name);
        Assert.Equal("Always put your baby on their back in a cot.", draft.Values["summary"]!.GetValue<string>());
        Assert.Equal("Put your baby on their back to sleep.", site.Content.Snapshot.Find(page)!.Text("summary"));
        Assert.Contains("Rolled back to version 2", await writer.GetPageAsync($"/umbraco/content/{page}/history"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync($"/umbraco/content/{page}/history/99/rollback")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.SubmitAsync("/umbraco/approvals", $"/umbraco/content/{page}/history/99/rollback", new())).StatusCode);

        using var outsider = await site.SignInAsync(Outsider);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/umbraco/content/{page}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.SubmitAsync("/umbraco/approvals", $"/umbraco/content/{page}/history/1/rollback", new())).StatusCode);
        Assert.Equal(4, (await content.GetAsync(page))!.Draft.Number);

        var trail = await site.Service<BackOfficeAudit>().ListAsync(1);
        Assert.Single(trail.Records, r => r.Action == WorkflowAuditActions.RolledBack && r.Actor == Writer && r.Detail == "To version 2");
    }
}
