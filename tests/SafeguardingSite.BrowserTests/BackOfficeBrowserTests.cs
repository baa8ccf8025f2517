using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;

namespace SafeguardingSite.BrowserTests;

/// <summary>The back office in a real chromium: keyboard-only sign-in, axe (WCAG 2.2 AA) and 320px on its screens (users, groups, audit, content, redirects, approvals).</summary>
[Collection(BrowserCollection.Name)]
public class BackOfficeBrowserTests(BrowserSite site)
{
    private const string Password = "orchard-pebble-violin-47";

    /// <summary>The back-office and bulletin navigation come before a screen's first field.</summary>
    private const int MaxTabsPastNavigation = 60;

    private static readonly string[] Screens =
    [
        "/umbraco", "/umbraco/users", "/umbraco/users/new", "/umbraco/groups", "/umbraco/audit", "/umbraco/account/two-factor", "/umbraco/content",
        "/umbraco/redirects", "/umbraco/approvals",
        "/umbraco/bulletin/subscribers", "/umbraco/bulletin/subscribers/import", "/umbraco/bulletin/suppression",
    ];

    [Fact]
    public async Task An_administrator_signs_in_by_keyboard_and_every_screen_passes_axe_and_fits_320_pixels()
    {
        var email = $"admin-{Guid.NewGuid():N}@northdale-scp.example";
        await CreateAdministratorAsync(email);
        var screens = Screens.Append($"/umbraco/groups/{await GroupIdAsync(UserGroups.Writer)}").ToList();

        // Secure cookies are only kept for https or for "localhost", so the browser uses that name for the loopback site.
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{site.BaseAddress.Port}",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        await page.GotoAsync("/umbraco");
        Assert.Contains("/umbraco/login", page.Url, StringComparison.Ordinal);
        await AxeAsync(page, "login", problems);

        // A wrong password first: the error shows beside the form and the address typed is kept.
        await TabToAsync(page, "field-email");
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("not-the-password-at-all");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Equal(email, await page.InputValueAsync("#field-email"));
        Assert.Equal(string.Empty, await page.InputValueAsync("#field-password"));
        await AxeAsync(page, "login with error", problems);

        await TabToAsync(page, "field-password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/umbraco/content", StringComparison.Ordinal) || url.EndsWith("/umbraco", StringComparison.Ordinal));
        Assert.Contains("Welcome", await page.InnerTextAsync("h1"), StringComparison.Ordinal);

        foreach (var screen in screens)
        {
            await page.GotoAsync(screen);
            await AxeAsync(page, screen, problems);
        }

        // The bulletin's subscriber screens by keyboard alone: search the list, then add an address to the suppression
        // list (Enter in the last field submits) and see the notice and the entry, which must pass axe too.
        await page.GotoAsync("/umbraco/bulletin/subscribers");
        await TabToAsync(page, "field-q", MaxTabsPastNavigation);
        await page.Keyboard.TypeAsync("schools.example");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("q=schools.example", StringComparison.Ordinal));
        Assert.Equal("schools.example", await page.InputValueAsync("#field-q"));
        await page.GotoAsync("/umbraco/bulletin/suppression");
        await TabToAsync(page, "field-email", MaxTabsPastNavigation);
        await page.Keyboard.TypeAsync("keyboard-only@schools.example");
        await TabToAsync(page, "field-detail");
        await page.Keyboard.TypeAsync("Asked by phone");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("text=keyboard-only@schools.example is on the suppression list");
        Assert.Contains("keyboard-only@schools.example", await page.InnerTextAsync("table"), StringComparison.Ordinal);
        await AxeAsync(page, "suppression list with a notice", problems);

        await page.SetViewportSizeAsync(320, 640);
        foreach (var screen in screens.Append("/umbraco/login"))
        {
            await page.GotoAsync(screen);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
            {
                problems.Add($"{screen} is {width}px wide at 320px");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await context.CloseAsync();
    }

    private async Task CreateAdministratorAsync(string email)
    {
        await using var scope = site.Site.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
        var (user, result) = await accounts.CreateAsync(email, "Browser Admin", [UserGroups.Administrator], [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        Assert.True((await users.AddPasswordAsync(user!, Password)).Succeeded);
    }

    private async Task<Guid> GroupIdAsync(string name)
    {
        await using var scope = site.Site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<BackOfficeUsers>().GroupsAsync()).First(g => g.Name == name).Id;
    }
}
