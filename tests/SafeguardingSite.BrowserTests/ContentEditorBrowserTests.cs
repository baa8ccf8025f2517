using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BrowserTests;

/// <summary>
/// The content tree and editor in a real chromium with the demo content: a failed save keeps what was typed, rich
/// text cannot carry script to the public site, axe finds nothing on the tree, editor and recycle bin, and the tree
/// and block editor work by keyboard. Screenshots for docs/editors.md are taken here.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ContentEditorBrowserTests(BrowserSite site)
{
    private const string Password = "harbour-thistle-copper-58";

    [Fact]
    public async Task A_failed_save_keeps_what_was_typed_and_the_tree_editor_and_recycle_bin_pass_axe()
    {
        var key = await CreatePageAsync("Browser failed save", publish: false);
        var page = await SignInAsync();
        var problems = new List<string>();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync("/umbraco/content");
        await AxeAsync(page, "tree", problems);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DocsImage("content-tree.png"), FullPage = false });

        await page.GotoAsync($"/umbraco/content/{key}");
        await page.WaitForSelectorAsync(".tox-edit-area iframe");
        await page.FillAsync("#field-summary", "Typed in the browser and kept");
        await page.ClickAsync("button[value='add:blocks:quoteBlock']");
        await page.FillAsync("#field-blocks\\[0\\]\\.attribution", "A parent, Northdale");
        await page.ClickAsync(".editor-toolbar button[type=submit]");

        await page.WaitForSelectorAsync(".error-summary");
        Assert.Equal("Typed in the browser and kept", await page.InputValueAsync("#field-summary"));
        Assert.Equal("A parent, Northdale", await page.InputValueAsync("#field-blocks\\[0\\]\\.attribution"));
        Assert.Contains("Quote is required.", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('error-summary')"), "the error summary has focus");
        await page.WaitForSelectorAsync(".tox-edit-area iframe");
        await AxeAsync(page, "editor with errors", problems);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DocsImage("content-editor.png"), FullPage = false });

        await page.GotoAsync("/umbraco/content/recycle-bin");
        await AxeAsync(page, "recycle bin", problems);
        problems.AddRange(refused);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rich_text_script_payload_typed_into_the_editor_never_reaches_the_public_page()
    {
        var key = await CreatePageAsync("Browser script payload", publish: true);
        var page = await SignInAsync();
        await page.GotoAsync($"/umbraco/content/{key}");
        await page.WaitForSelectorAsync(".tox-edit-area iframe");

        // Typed into TinyMCE, markup is only text; pasted as HTML without the editor (or by a crafted post), the
        // server's sanitiser must remove it. Both go into the same save.
        var body = page.Locator("#field-body").Locator("xpath=..").Locator(".tox-edit-area iframe").ContentFrame.Locator("body");
        await body.ClickAsync();
        await page.Keyboard.TypeAsync("Typed <script>window.pwned = 1</script> text");
        await page.EvaluateAsync("() => { const e = window.tinymce.get('field-body'); e.save(); window.tinymce.remove(); }");
        await page.EvalOnSelectorAsync("#field-body", """
            (textarea) => textarea.value += '<script>window.pwned = 2</script><img src="/x.png" alt="" onerror="window.pwned = 3"><a href="javascript:window.pwned = 4">Read more about this</a>'
            """);
        await page.ClickAsync(".editor-toolbar button[type=submit]");
        await page.WaitForSelectorAsync(".notice");

        var content = site.Site.Services.GetRequiredService<ContentService>();
        await content.PublishAsync(key, "browser-test");
        var url = site.Snapshot.Find(key)!.Url;
        var reader = await site.NewPageAsync();
        var dialogs = 0;
        reader.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await reader.GotoAsync(url);
        var html = await reader.ContentAsync();
        Assert.Contains("Typed &lt;script&gt;window.pwned = 1&lt;/script&gt; text", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>window.pwned", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await reader.EvaluateAsync<int?>("() => window.pwned ?? null"));
        Assert.Equal(0, dialogs);
        await reader.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_tree_and_the_block_editor_work_by_keyboard()
    {
        var key = await CreatePageAsync("Browser keyboard blocks", publish: false);
        var page = await SignInAsync();
        var problems = new List<string>();

        await page.GotoAsync("/umbraco/content");
        var homeBranch = page.Locator(".content-tree > li > details").First;
        Assert.True(await homeBranch.EvaluateAsync<bool>("d => d.open"));
        await TabUntilAsync(page, "() => document.activeElement.tagName === 'SUMMARY'");
        await page.Keyboard.PressAsync("Enter");
        Assert.False(await homeBranch.EvaluateAsync<bool>("d => d.open"), "Enter on the summary closes the branch");
        await page.Keyboard.PressAsync("Space");
        Assert.True(await homeBranch.EvaluateAsync<bool>("d => d.open"), "Space opens it again");
        await TabUntilAsync(page, $"() => document.activeElement.getAttribute('href') === '/umbraco/content/{key}'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/umbraco/content/{key}");

        await TabUntilAsync(page, "() => document.activeElement.value === 'add:blocks:accordionBlock'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[name='v:blocks[0].$type'][value='accordionBlock']", new() { State = WaitForSelectorState.Attached });
        Assert.Equal("field-blocks[0].heading", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("Questions parents ask");

        await TabUntilAsync(page, "() => document.activeElement.value === 'add:blocks[0].items:accordionItem'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#field-blocks\\[0\\]\\.items\\[0\\]\\.heading");
        Assert.Equal("field-blocks[0].items[0].heading", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal("Questions parents ask", await page.InputValueAsync("#field-blocks\\[0\\]\\.heading"));
        await page.Keyboard.TypeAsync("Who can I talk to?");

        await TabUntilAsync(page, "() => document.activeElement.value === 'add:blocks:quoteBlock'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#field-blocks\\[1\\]\\.quote");
        await page.Keyboard.TypeAsync("We were listened to.");
        await TabUntilAsync(page, "() => document.activeElement.value === 'up:blocks[1]'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[name='v:blocks[0].$type'][value='quoteBlock']", new() { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.value === 'down:blocks[0]'", null, new() { Timeout = 10_000 });
        Assert.Equal("Who can I talk to?", await page.InputValueAsync("#field-blocks\\[1\\]\\.items\\[0\\]\\.heading"));
        await AxeAsync(page, "editor with nested blocks", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Context.CloseAsync();
    }

    private async Task<Guid> CreatePageAsync(string name, bool publish)
    {
        var content = site.Site.Services.GetRequiredService<ContentService>();
        var home = site.Snapshot.Home!.Key;
        var created = await content.CreateAsync(new CreateContent(home, "contentPage", $"{name} {Guid.NewGuid():N}"[..(name.Length + 7)],
            new JsonObject { ["summary"] = "Made by a browser test." }), "browser-test");
        if (publish)
        {
            await content.PublishAsync(created.Node.Key, "browser-test");
        }

        return created.Node.Key;
    }

    /// <summary>A new editor, signed in; the browser uses "localhost" because secure cookies are kept only for it or https.</summary>
    private async Task<IPage> SignInAsync()
    {
        var email = $"content-{Guid.NewGuid():N}@northdale-scp.example";
        await using (var scope = site.Site.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
            var (user, result) = await accounts.CreateAsync(email, "Browser Editor", [UserGroups.Editor], [], "test");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
            Assert.True((await users.AddPasswordAsync(user!, Password)).Succeeded);
        }

        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{site.BaseAddress.Port}",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umbraco/login");
        await page.FillAsync("#field-email", email);
        await page.FillAsync("#field-password", Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task TabUntilAsync(IPage page, string condition, int maxPresses = 200)
    {
        for (var presses = 0; presses < maxPresses; presses++)
        {
            if (await page.EvaluateAsync<bool>(condition))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached: {condition}");
    }

    private static string DocsImage(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SafeguardingSite.sln")))
        {
            directory = directory.Parent;
        }

        var images = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "docs", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, name);
    }
}
