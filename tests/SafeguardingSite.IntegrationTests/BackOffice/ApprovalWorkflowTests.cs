using System.Net;
using System.Text.RegularExpressions;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public partial class ApprovalWorkflowTests
{
    private const string Writer = "writer@northdale-scp.example";
    private const string SchoolsEditor = "schools.editor@northdale-scp.example";
    private const string ParentsEditor = "parents.editor@northdale-scp.example";
    private const string Administrator = "admin@northdale-scp.example";
    private const string Script = "<script>alert('x')</script>";
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_submission_emails_only_the_editors_whose_branch_covers_the_page_and_approving_publishes_it(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var schools = await site.Content.CreatePageAsync("Schools and colleges");
        var parents = await site.Content.CreatePageAsync("Parents and carers");
        var page = await site.Content.CreatePageAsync("Annual safeguarding audit", schools, publish: false);
        await site.CreateUserAsync(Writer, UserGroups.Writer, [schools]);
        await site.CreateUserAsync(SchoolsEditor, UserGroups.Editor, [schools]);
        await site.CreateUserAsync(ParentsEditor, UserGroups.Editor, [parents]);
        await site.CreateUserAsync(Administrator, UserGroups.Administrator);
        using var writer = await site.SignInAsync(Writer);

        var submitPage = await writer.GetPageAsync($"/umbraco/content/{page}/submit");
        Assert.Contains("Submit for approval", submitPage, StringComparison.Ordinal);
        var submitted = await writer.SubmitAsync($"/umbraco/content/{page}/submit", $"/umbraco/content/{page}/submit", new() { ["Note"] = Script + " Please check the dates." });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/umbraco/approvals", submitted.Headers.Location?.OriginalString);

        var toEditor = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(SchoolsEditor), MailWait);
        await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(Administrator), MailWait);
        Assert.DoesNotContain(site.Mail.Messages, m => m.EnvelopeTo.Contains(ParentsEditor) || m.EnvelopeTo.Contains(Writer));
        Assert.Equal(2, site.Mail.Messages.Count(m => m.Subject.StartsWith("Please review", StringComparison.Ordinal)));
        Assert.Null(toEditor.Message.HtmlBody); // plain text only: the note's markup can never become HTML
        Assert.Contains(Script, toEditor.TextBody, StringComparison.Ordinal);
        var review = new Uri(ReviewLink().Match(toEditor.TextBody).Value).AbsolutePath;

        // A second submit (double click, second tab) neither makes a second request nor emails again.
        var again = await writer.SubmitAsync($"/umbraco/content/{page}/submit", $"/umbraco/content/{page}/submit", new() { ["Note"] = "again" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("already waiting for approval", await writer.GetPageAsync("/umbraco/approvals"), StringComparison.Ordinal);
        Assert.Equal(2, site.Mail.Messages.Count(m => m.Subject.StartsWith("Please review", StringComparison.Ordinal)));
        var pending = await site.Service<ApprovalService>().PendingForPageAsync(page);
        Assert.Equal(review, $"/umbraco/approvals/{pending!.Id}");

        // The editor of another branch neither sees it nor can open or approve it; nor can the writer.
        using var parentsEditor = await site.SignInAsync(ParentsEditor);
        Assert.DoesNotContain("Annual safeguarding audit", await parentsEditor.GetPageAsync("/umbraco/approvals"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await parentsEditor.GetAsync(review)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await parentsEditor.SubmitAsync("/umbraco/approvals", review + "/approve", new())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.SubmitAsync("/umbraco/approvals", review + "/approve", new())).StatusCode);
        Assert.Null(site.Content.Snapshot.Find(page));
        Assert.Contains("Waiting for an editor", await writer.GetPageAsync("/umbraco/approvals"), StringComparison.Ordinal);

        using var editor = await site.SignInAsync(SchoolsEditor);
        Assert.Contains($"href=\"{review}\"", await editor.GetPageAsync("/umbraco/approvals"), StringComparison.Ordinal);
        var reviewPage = await editor.GetPageAsync(review);
        Assert.Contains("Approve and publish", reviewPage, StringComparison.Ordinal);
        Assert.Contains("Annual safeguarding audit", reviewPage, StringComparison.Ordinal);
        Assert.Contains("<ins>", reviewPage, StringComparison.Ordinal);
        Assert.DoesNotContain(Script, reviewPage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", reviewPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(review, review + "/approve", new())).StatusCode);
        var url = site.Content.Snapshot.Find(page)?.Url ?? string.Empty;
        Assert.Equal("/schools-and-colleges/annual-safeguarding-audit/", url);
        using var reader = site.NewClient();
        Assert.Contains("Annual safeguarding audit", await reader.GetPageAsync(url), StringComparison.Ordinal);
        var told = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(Writer), MailWait);
        Assert.StartsWith("Published:", told.Subject, StringComparison.Ordinal);
        Assert.Contains("Approved and published by " + SchoolsEditor, await writer.GetPageAsync("/umbraco/approvals"), StringComparison.Ordinal);

        // Approving twice (another editor, a second click) changes nothing more.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(review, review + "/approve", new())).StatusCode);
        Assert.Single(site.Mail.Messages, m => m.EnvelopeTo.Contains(Writer));

        var trail = await site.Service<BackOfficeAudit>().ListAsync(1);
        Assert.Contains(trail.Records, r => r.Action == WorkflowAuditActions.ApprovalRequested && r.Actor == Writer);
        Assert.Single(trail.Records, r => r.Action == WorkflowAuditActions.Approved && r.Actor == SchoolsEditor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Returning_needs_a_comment_which_is_emailed_to_the_writer_and_nothing_is_published(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var page = await site.Content.CreatePageAsync("Bruising in babies", publish: false);
        await site.CreateUserAsync(Writer, UserGroups.Writer);
        await site.CreateUserAsync(SchoolsEditor, UserGroups.Editor);
        using var writer = await site.SignInAsync(Writer);
        using var editor = await site.SignInAsync(SchoolsEditor);

        var oversizeNote = await writer.SubmitAsync($"/umbraco/content/{page}/submit", $"/umbraco/content/{page}/submit", new() { ["Note"] = new string('x', ApprovalRequest.MaxNoteLength + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, oversizeNote.StatusCode);
        Assert.Contains("at most 2,000 characters", await oversizeNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await site.Service<ApprovalService>().PendingForPageAsync(page));

        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync($"/umbraco/content/{page}/submit", $"/umbraco/content/{page}/submit", new())).StatusCode);
        var review = $"/umbraco/approvals/{(await site.Service<ApprovalService>().PendingForPageAsync(page))!.Id}";

        var empty = await editor.SubmitAsync(review, review + "/return", new() { ["Comment"] = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Say what needs changing", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var oversize = await editor.SubmitAsync(review, review + "/return", new() { ["Comment"] = new string('y', 5000) });
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.NotNull(await site.Service<ApprovalService>().PendingForPageAsync(page));

        const string comment = "<img src=x onerror=alert(1)> Please add the phone number for out of hours.";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(review, review + "/return", new() { ["Comment"] = comment })).StatusCode);
        var mail = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(Writer), MailWait);
        Assert.StartsWith("Changes needed:", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(comment, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/umbraco/content/{page}", mail.TextBody, StringComparison.Ordinal);
        Assert.Null(mail.Message.HtmlBody);
        Assert.Null(site.Content.Snapshot.Find(page));

        var status = await writer.GetPageAsync("/umbraco/approvals");
        Assert.Contains("Returned by " + SchoolsEditor, status, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; Please add the phone number", status, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", status, StringComparison.Ordinal);

        // A returned request is closed: it cannot then be approved, and the writer can submit the page afresh.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(review, review + "/approve", new())).StatusCode);
        Assert.Null(site.Content.Snapshot.Find(page));
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync($"/umbraco/content/{page}/submit", $"/umbraco/content/{page}/submit", new())).StatusCode);
        Assert.NotEqual(review, $"/umbraco/approvals/{(await site.Service<ApprovalService>().PendingForPageAsync(page))!.Id}");

        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/umbraco/approvals/{Guid.NewGuid()}")).StatusCode);
        var trail = await site.Service<BackOfficeAudit>().ListAsync(1);
        Assert.Contains(trail.Records, r => r.Action == WorkflowAuditActions.Returned && r.Detail == comment);
    }

    [GeneratedRegex(@"https://localhost/umbraco/approvals/[0-9a-f-]{36}")]
    private static partial Regex ReviewLink();
}
