using Microsoft.Playwright;

namespace SafeguardingSite.BrowserTests;

/// <summary>The e-bulletin subscribe form in a real chromium: keyboard only, errors beside fields, axe clean.</summary>
[Collection(BrowserCollection.Name)]
public class BulletinBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task The_subscribe_form_works_by_keyboard_and_shows_errors_beside_the_fields()
    {
        var page = await site.NewPageAsync(width: 320, height: 640);
        await page.GotoAsync("/e-bulletin/");
        await AssertAxeCleanAsync(page, "empty form");

        await page.FocusAsync("#bulletin-email");
        await page.Keyboard.TypeAsync("not-an-email");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Sam Taylor");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/bulletin/subscribe");

        Assert.Equal("not-an-email", await page.InputValueAsync("#bulletin-email"));
        Assert.Equal("Sam Taylor", await page.InputValueAsync("#bulletin-name"));
        Assert.Contains("correct format", await page.TextContentAsync("#bulletin-email-error") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("bulletin-email-error", await page.GetAttributeAsync("#bulletin-email", "aria-describedby"));
        Assert.True(await page.IsVisibleAsync("#bulletin-servicearea-error"));
        Assert.True(await page.IsVisibleAsync("#bulletin-consent-error"));
        await AssertAxeCleanAsync(page, "form with errors");

        await page.FocusAsync("#bulletin-email");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("sam.taylor@schools.example");
        await page.FocusAsync("#bulletin-servicearea");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.FocusAsync("#bulletin-consent");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Subscribe", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/bulletin/subscribe/check-email");

        Assert.Equal("Check your email", await page.TextContentAsync("h1"));
        await AssertAxeCleanAsync(page, "check your email");
    }
}
