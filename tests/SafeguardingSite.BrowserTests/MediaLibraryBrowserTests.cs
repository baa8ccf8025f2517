using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace SafeguardingSite.BrowserTests;

/// <summary>The media library and redirects in a real chromium: hostile and real uploads, axe, keyboard, screenshots for docs/editors.md.</summary>
[Collection(BrowserCollection.Name)]
public class MediaLibraryBrowserTests(BrowserSite site)
{
    private const string Password = "harbour-thistle-copper-58";

    private static string Screenshots => Path.Combine(RepositoryPaths.Root, "docs", "images");

    [Fact]
    public async Task A_disguised_program_is_refused_with_a_clear_message_and_a_real_image_with_alt_text_is_uploaded()
    {
        var (context, page) = await SignInAsync(UserGroups.Editor);
        var problems = new List<string>();

        await page.GotoAsync("/umbraco/media/upload");
        await AxeAsync(page, "upload", problems);
        await page.SetInputFilesAsync("#field-file", new FilePayload { Name = "safer-sleep.jpg", MimeType = "image/jpeg", Buffer = WindowsProgram() });
        await page.FocusAsync("#field-name");
        await page.Keyboard.TypeAsync("Safer sleep photo");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("A baby asleep on their back in a cot");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Contains("Windows program", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.Contains("Windows program", await page.InnerTextAsync("#field-file-error"), StringComparison.Ordinal);
        Assert.Equal("Safer sleep photo", await page.InputValueAsync("#field-name"));
        Assert.Equal("A baby asleep on their back in a cot", await page.InputValueAsync("#field-alttext"));
        await AxeAsync(page, "upload refused", problems);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "media-upload-refused.png"), FullPage = true });

        await page.SetInputFilesAsync("#field-file", new FilePayload { Name = "safer-sleep.png", MimeType = "image/png", Buffer = Photo(1280, 853) });
        await page.FocusAsync("#field-alttext");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/umbraco/media/[0-9a-f-]{36}$"));
        Assert.Contains("Uploaded", await page.InnerTextAsync(".notice"), StringComparison.Ordinal);
        Assert.Equal("A baby asleep on their back in a cot", await page.GetAttributeAsync(".media-preview", "alt"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.media-preview'); return i.complete && i.naturalWidth > 0; }");
        Assert.Equal(640, await page.EvaluateAsync<int>("() => document.querySelector('.media-preview').naturalWidth"));
        await AxeAsync(page, "media item", problems);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "media-item.png"), FullPage = true });

        await page.GotoAsync("/umbraco/media?q=safer");
        Assert.Contains("Safer sleep photo", await page.InnerTextAsync("table.media-list"), StringComparison.Ordinal);
        await AxeAsync(page, "media list", problems);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "media-library.png"), FullPage = true });

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_editor_adds_a_redirect_by_keyboard_and_the_old_address_reaches_the_page()
    {
        var (context, page) = await SignInAsync(UserGroups.Editor);
        var problems = new List<string>();
        var target = site.Snapshot.All.First(p => p.Url.Count(c => c == '/') == 3);
        var oldPath = $"/leaflet-{Guid.NewGuid():N}"[..20] + "/";

        await page.GotoAsync("/umbraco/redirects");
        await AxeAsync(page, "redirects", problems);
        await page.FocusAsync("#field-frompath");
        await page.Keyboard.TypeAsync(oldPath);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab"); // past the page list to the address box
        await page.Keyboard.TypeAsync(target.Url);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".notice");
        Assert.Contains(oldPath, await page.InnerTextAsync("table"), StringComparison.Ordinal);
        await AxeAsync(page, "redirects after adding", problems);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "redirects.png"), FullPage = true });

        var reader = await site.NewPageAsync();
        await reader.GotoAsync(oldPath);
        Assert.EndsWith(target.Url, reader.Url, StringComparison.Ordinal);
        await reader.Context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await context.CloseAsync();
    }

    private async Task<(IBrowserContext Context, IPage Page)> SignInAsync(string group)
    {
        var email = $"media-{Guid.NewGuid():N}@northdale-scp.example";
        await using (var scope = site.Site.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
            var (user, result) = await accounts.CreateAsync(email, "Media Editor", [group], [], "test");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
            Assert.True((await users.AddPasswordAsync(user!, Password)).Succeeded);
        }

        // Secure cookies are only kept for https or for "localhost", so the browser uses that name for the loopback site.
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{site.BaseAddress.Port}",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/umbraco/login");
        await page.FillAsync("#field-email", email);
        await page.FillAsync("#field-password", Password);
        await page.PressAsync("#field-password", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return (context, page);
    }

    private static byte[] WindowsProgram()
    {
        var bytes = new byte[2048];
        "MZ"u8.CopyTo(bytes);
        "This program cannot be run in DOS mode."u8.CopyTo(bytes.AsSpan(78));
        return bytes;
    }

    private static byte[] Photo(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(40 + (x * 120 / width)), (byte)(90 + (y * 100 / height)), 160);
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }
}
