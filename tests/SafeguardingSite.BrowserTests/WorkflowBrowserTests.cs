using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.BrowserTests;

/// <summary>
/// A site with the demo content whose mail goes to an SMTP sink, on a port known before it starts so the links in its
/// emails point back to it. The browser comes from the shared <see cref="BrowserSite"/>.
/// </summary>
public sealed class WorkflowSite : IAsyncLifetime
{
    private TestDatabase? database;

    public SiteHost Site { get; private set; } = null!;
    public SmtpSink Mail { get; private set; } = null!;

    /// <summary>"localhost" rather than 127.0.0.1: browsers keep Secure cookies for it over plain http.</summary>
    public string BaseAddress { get; private set; } = null!;

    public PublishedSnapshot Snapshot => Site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    public async Task InitializeAsync()
    {
        Mail = SmtpSink.Start();
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var port = FreePort();
        BaseAddress = $"http://localhost:{port}";
        Site = new SiteHost(database, extraSettings: new Dictionary<string, string?> { ["BackOffice:PublicBaseUrl"] = BaseAddress }).WithMailSink(Mail);
        Site.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        Site.StartServer();
    }

    public async Task CreateUserAsync(string email, string name, string group, string password)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var (user, result) = await scope.ServiceProvider.GetRequiredService<BackOfficeUsers>().CreateAsync(email, name, [group], [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().AddPasswordAsync(user!, password)).Succeeded);
    }

    public async Task DisposeAsync()
    {
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The approval workflow (the writer creating the page in the editor) and version history in a real chromium, with axe on their screens and screenshots for docs/editors.md.</summary>
[Collection(BrowserCollection.Name)]
public partial class WorkflowBrowserTests(BrowserSite browser, WorkflowSite site) : IClassFixture<WorkflowSite>
{
    private const string AdminPassword = "orchard-pebble-violin-47";
    private const string EditorPassword = "copper-meadow-lantern-58";
    private const string WriterPassword = "harbour-thistle-rocket-26";
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_writer_submits_a_page_the_editor_publishes_it_from_the_email_and_the_writer_cannot_publish()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var admin = $"admin-{suffix}@northdale-scp.example";
        var editor = $"editor-{suffix}@northdale-scp.example";
        var writer = $"writer-{suffix}@northdale-scp.example";
        await site.CreateUserAsync(admin, "Alex Admin", UserGroups.Administrator, AdminPassword);
        await site.CreateUserAsync(editor, "Eden Editor", UserGroups.Editor, EditorPassword);
        var parents = site.Snapshot.All.First(p => p.Name == "Parents and carers");
        var problems = new List<string>();

        // The administrator invites the writer through the user screens.
        var adminPage = await NewPageAsync();
        await SignInAsync(adminPage, "/umbraco/users/new", admin, AdminPassword);
        await adminPage.FillAsync("#field-displayname", "Wren Writer");
        await adminPage.FillAsync("#field-email", writer);
        await adminPage.GetByLabel(UserGroups.Writer, new() { Exact = true }).CheckAsync();
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await adminPage.WaitForURLAsync(u => u.EndsWith("/umbraco/users", StringComparison.Ordinal));
        var invite = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(writer), MailWait);

        var writerPage = await NewPageAsync();
        await writerPage.GotoAsync(SetPasswordLink().Match(invite.TextBody).Value);
        await writerPage.FillAsync("#field-password", WriterPassword);
        await writerPage.FillAsync("#field-confirmpassword", WriterPassword);
        await writerPage.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await writerPage.WaitForURLAsync(u => u.Contains("/umbraco/login", StringComparison.Ordinal));

        // The writer makes the page in the editor, by keyboard: Create below "Parents and carers" in the tree, the
        // type, the form (rich text typed into TinyMCE, the link added with its Ctrl+K dialog), then the draft is saved.
        await SignInAsync(writerPage, "/umbraco/content", writer, WriterPassword);
        await PressAsync(writerPage.GetByRole(AriaRole.Link, new() { Name = "Create a page below Parents and carers", Exact = true }));
        await writerPage.WaitForURLAsync(u => u.Contains("/umbraco/content/new?parent=", StringComparison.Ordinal));
        await PressAsync(writerPage.GetByRole(AriaRole.Link, new() { Name = "Content page", Exact = true }));
        await writerPage.WaitForURLAsync(u => u.Contains("type=contentPage", StringComparison.Ordinal));
        await writerPage.FocusAsync("#field-name");
        await writerPage.Keyboard.TypeAsync($"Bath time safety {suffix}");
        await writerPage.FocusAsync("#field-summary");
        await writerPage.Keyboard.TypeAsync("Never leave a baby or young child alone in the bath, even for a moment.");
        await writerPage.WaitForSelectorAsync(".tox-edit-area iframe");
        var body = writerPage.Locator("#field-body").Locator("xpath=..").Locator(".tox-edit-area iframe").ContentFrame.Locator("body");
        await body.FocusAsync();
        await writerPage.Keyboard.TypeAsync("Babies can drown in a few centimetres of water. Read more");
        foreach (var _ in "Read more")
        {
            await writerPage.Keyboard.PressAsync("Shift+ArrowLeft");
        }

        await writerPage.Keyboard.PressAsync("Control+k");
        var urlField = writerPage.GetByRole(AriaRole.Dialog).GetByLabel("URL");
        await urlField.WaitForAsync();
        await writerPage.Keyboard.TypeAsync("/parents-and-carers/");
        await writerPage.Keyboard.PressAsync("Enter");
        await writerPage.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await ScreenshotAsync(writerPage, "workflow-create.png");
        await PressAsync(writerPage.Locator(".editor-toolbar button[type=submit]"));
        await writerPage.WaitForURLAsync(u => ContentKey().IsMatch(new Uri(u).AbsolutePath));
        Assert.Contains($"Created \"Bath time safety {suffix}\" as a draft.", await writerPage.InnerTextAsync(".notice"), StringComparison.Ordinal);
        var key = Guid.Parse(ContentKey().Match(new Uri(writerPage.Url).AbsolutePath).Groups[1].Value);
        var draft = await site.Site.Services.GetRequiredService<ContentService>().GetAsync(key);
        Assert.Equal(parents.Key, draft!.Node.ParentKey);
        Assert.Contains("<a href=\"/parents-and-carers/\">Read more</a>", draft.Values["body"]!.GetValue<string>(), StringComparison.Ordinal);

        await PressAsync(writerPage.GetByRole(AriaRole.Link, new() { Name = "Submit for approval…", Exact = true }));
        await writerPage.WaitForURLAsync(u => u.EndsWith($"/umbraco/content/{key}/submit", StringComparison.Ordinal));
        Assert.Contains("Read more", await writerPage.InnerTextAsync(".publish-checks"), StringComparison.Ordinal);
        await AxeAsync(writerPage, "submit", problems);
        await ScreenshotAsync(writerPage, "workflow-submit.png");

        // A check's link opens the editor with the cursor in the field it is about, here the rich text behind TinyMCE.
        await PressAsync(writerPage.Locator(".publish-checks a").First);
        await writerPage.WaitForURLAsync(u => u.EndsWith($"/umbraco/content/{key}#field-body", StringComparison.Ordinal));
        await writerPage.WaitForFunctionAsync("() => window.tinymce?.get('field-body')?.hasFocus() === true", null, new() { Timeout = 10_000 });
        await writerPage.GotoAsync($"/umbraco/content/{key}/submit");
        await writerPage.FocusAsync("#field-note");
        await writerPage.Keyboard.TypeAsync("New page for the water safety campaign.");
        await PressAsync(writerPage.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }));
        await writerPage.WaitForURLAsync(u => u.EndsWith("/umbraco/approvals", StringComparison.Ordinal));
        Assert.Contains("Waiting for an editor", await writerPage.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(0, await writerPage.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).CountAsync());
        await AxeAsync(writerPage, "approvals (writer)", problems);

        // The writer has no Publish screen, and a direct POST with a valid token is refused.
        var publishScreen = await writerPage.GotoAsync($"/umbraco/content/{key}/publish");
        Assert.Equal(403, publishScreen!.Status);
        Assert.Equal(0, await writerPage.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).CountAsync());
        await writerPage.GotoAsync("/umbraco/approvals");
        var form = writerPage.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", await writerPage.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync());
        var direct = await writerPage.Context.APIRequest.PostAsync($"{site.BaseAddress}/umbraco/content/{key}/publish", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(403, direct.Status);
        Assert.Null(site.Snapshot.Find(key));

        // The editor follows the link in the email, signs in, reviews and publishes.
        var request = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(editor) && m.Subject.Contains(suffix, StringComparison.Ordinal), MailWait);
        var editorPage = await NewPageAsync();
        await editorPage.GotoAsync(ReviewLink().Match(request.TextBody).Value);
        await editorPage.FillAsync("#field-email", editor);
        await editorPage.FillAsync("#field-password", EditorPassword);
        await editorPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await editorPage.WaitForURLAsync(u => u.Contains("/umbraco/approvals/", StringComparison.Ordinal));
        Assert.Contains("New page for the water safety campaign.", await editorPage.InnerTextAsync("main"), StringComparison.Ordinal);
        await AxeAsync(editorPage, "review", problems);
        await ScreenshotAsync(editorPage, "workflow-review.png");
        await PressAsync(editorPage.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }));
        await editorPage.WaitForURLAsync(u => u.EndsWith("/umbraco/approvals", StringComparison.Ordinal));
        Assert.Contains("Approved and published", await editorPage.InnerTextAsync(".notice"), StringComparison.Ordinal);
        await AxeAsync(editorPage, "approvals (editor)", problems);

        var url = site.Snapshot.Find(key)?.Url;
        Assert.NotNull(url);
        var reader = await NewPageAsync();
        var live = await reader.GotoAsync(url);
        Assert.Equal(200, live!.Status);
        Assert.Contains($"Bath time safety {suffix}", await reader.InnerTextAsync("h1"), StringComparison.Ordinal);

        await writerPage.GotoAsync("/umbraco/approvals");
        Assert.Contains("Approved and published by " + editor, await writerPage.InnerTextAsync("main"), StringComparison.Ordinal);
        await ScreenshotAsync(writerPage, "workflow-approvals.png");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task An_editor_compares_versions_restores_an_earlier_one_and_publishes_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var editor = $"history-{suffix}@northdale-scp.example";
        await site.CreateUserAsync(editor, "Harper History", UserGroups.Editor, EditorPassword);
        var content = site.Site.Services.GetRequiredService<ContentService>();
        var parents = site.Snapshot.All.First(p => p.Name == "Parents and carers");
        var page = await content.CreateAsync(new CreateContent(parents.Key, "contentPage", $"Car seats {suffix}",
            new() { ["summary"] = "Use a rear-facing car seat for as long as possible." }), "test");
        var key = page.Node.Key;
        await content.PublishAsync(key, "test");
        await content.UpdateAsync(key, new UpdateContent(Values: new() { ["summary"] = "Any car seat will do." }), "test");
        await content.PublishAsync(key, "test");
        var problems = new List<string>();

        var editorPage = await NewPageAsync();
        await SignInAsync(editorPage, $"/umbraco/content/{key}/history", editor, EditorPassword);
        await editorPage.GetByLabel("Compare from version 1").CheckAsync();
        await editorPage.GetByLabel("Compare to version 2").CheckAsync();
        await editorPage.GetByRole(AriaRole.Button, new() { Name = "Compare versions" }).ClickAsync();
        await editorPage.WaitForURLAsync(u => u.Contains("from=1", StringComparison.Ordinal));
        Assert.Contains("rear-facing", string.Join(" ", await editorPage.Locator("del").AllInnerTextsAsync()), StringComparison.Ordinal);
        await AxeAsync(editorPage, "history", problems);
        await ScreenshotAsync(editorPage, "history-compare.png");

        await editorPage.GetByRole(AriaRole.Link, new() { Name = "Restore version 1" }).ClickAsync();
        await editorPage.WaitForURLAsync(u => u.EndsWith("/history/1/rollback", StringComparison.Ordinal));
        await AxeAsync(editorPage, "rollback", problems);
        await editorPage.GetByRole(AriaRole.Button, new() { Name = "Yes, restore version 1" }).ClickAsync();
        await editorPage.WaitForURLAsync(u => u.EndsWith("/history", StringComparison.Ordinal));
        Assert.Contains("Restored version 1", await editorPage.InnerTextAsync(".notice"), StringComparison.Ordinal);

        // Restoring changes only the draft; the editor then publishes it.
        var reader = await NewPageAsync();
        var url = site.Snapshot.Find(key)!.Url;
        await reader.GotoAsync(url);
        Assert.Contains("Any car seat will do.", await reader.InnerTextAsync("main"), StringComparison.Ordinal);

        await editorPage.GotoAsync($"/umbraco/content/{key}/publish");
        await AxeAsync(editorPage, "publish", problems);
        await ScreenshotAsync(editorPage, "publish-checks.png");
        await editorPage.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await editorPage.WaitForSelectorAsync(".notice");
        await reader.ReloadAsync();
        Assert.Contains("Use a rear-facing car seat for as long as possible.", await reader.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseAddress,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, string path, string email, string password)
    {
        await page.GotoAsync(path);
        await page.FillAsync("#field-email", email);
        await page.FillAsync("#field-password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == path);
    }

    /// <summary>Moves the focus to a link or button and presses Enter, as a keyboard user would.</summary>
    private static async Task PressAsync(ILocator target)
    {
        await target.FocusAsync();
        await target.PressAsync("Enter");
    }

    private static async Task ScreenshotAsync(IPage page, string fileName)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "docs", "images");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName), FullPage = true });
    }

    [GeneratedRegex(@"https?://\S+/umbraco/set-password\?\S+")]
    private static partial Regex SetPasswordLink();

    [GeneratedRegex("^/umbraco/content/([0-9a-f-]{36})$")]
    private static partial Regex ContentKey();

    [GeneratedRegex(@"https?://\S+/umbraco/approvals/[0-9a-f-]{36}")]
    private static partial Regex ReviewLink();
}
