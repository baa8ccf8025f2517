using Microsoft.Playwright;

namespace SafeguardingSite.BrowserTests;

/// <summary>The public site in a real chromium: accessibility (axe, WCAG 2.2 AA), small screens, keyboard, quick exit.</summary>
[Collection(BrowserCollection.Name)]
public class PublicSiteBrowserTests(BrowserSite site)
{
    /// <summary>Every template the demo content uses, plus the pages that are not content nodes.</summary>
    private IEnumerable<string> EveryPageType() =>
        site.OnePagePerType().Values.Concat(["/search?q=safe", "/search?q=zzzznothing", "/this-page-does-not-exist/"]);

    [Fact]
    public void Demo_content_exercises_every_template()
    {
        var types = site.OnePagePerType().Keys.ToHashSet();
        string[] templates = ["home", "sectionLanding", "contentPage", "resourceIndex", "topicPage", "resource", "newsIndex",
            "newsArticle", "campaign", "worriedAboutAChild", "trainingIndex", "bulletinIndex", "errorPage",
            "neglectToolkit", "toolkitModule", "neglectAssessment"];

        Assert.All(templates, t => Assert.Contains(t, types));
    }

    [Fact]
    public async Task Axe_finds_no_WCAG_22_AA_violations_on_any_page_type()
    {
        var page = await site.NewPageAsync();
        var problems = new List<string>();
        foreach (var path in EveryPageType())
        {
            await page.GotoAsync(path);
            await AxeAsync(page, path, problems);
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_page_type_fits_a_320_pixel_wide_screen_without_sideways_scrolling()
    {
        var page = await site.NewPageAsync(width: 320, height: 640);
        var tooWide = new List<string>();
        foreach (var path in EveryPageType())
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
            {
                tooWide.Add($"{path} is {width}px wide");
            }
        }

        Assert.True(tooWide.Count == 0, string.Join(Environment.NewLine, tooWide));
    }

    [Fact]
    public async Task Every_page_type_still_works_with_text_resized_to_200_percent()
    {
        // WCAG 1.4.4: the visitor's browser text size at 200 %: nothing may need sideways scrolling or be cut off.
        var page = await site.NewPageAsync(width: 1024, height: 768);
        var problems = new List<string>();
        foreach (var path in EveryPageType())
        {
            await page.GotoAsync(path);
            var before = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
            await page.EvaluateAsync("() => { document.documentElement.style.fontSize = '200%'; }");
            var after = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var clipped = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('main h1, main h2, main p, main a, main button, main label')]
                  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden')
                  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 40))
                """);
            if (after < before * 1.9)
            {
                problems.Add($"{path}: text grew from {before}px only to {after}px (fixed sizes?)");
            }

            if (width > 1024)
            {
                var culprit = await page.EvaluateAsync<string>(
                    """
                    () => [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                      .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' (' + Math.round(e.getBoundingClientRect().right) + 'px)')
                      .slice(0, 3).join(', ')
                    """);
                problems.Add($"{path} is {width}px wide at 200 % text: {culprit}");
            }

            problems.AddRange(clipped.Select(c => $"{path}: cut off at 200 % text: {c}"));
            if (!await page.GetByRole(AriaRole.Link, new() { Name = "Exit this page" }).IsVisibleAsync())
            {
                problems.Add($"{path}: the quick exit is hidden at 200 % text");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Exit_this_page_leaves_for_the_neutral_site_and_back_does_not_return()
    {
        var page = await site.NewPageAsync();
        var sensitive = site.OnePagePerType()["worriedAboutAChild"];
        await page.GotoAsync("/");
        await page.GotoAsync(sensitive);
        Assert.Contains("Staying safe online", await page.ContentAsync(), StringComparison.Ordinal);

        // The page has been on screen long enough to have time to report, yet leaving by the exit reports nothing.
        Assert.NotNull(await page.GetAttributeAsync("body", "data-analytics-beacon"));
        var beacons = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/analytics/", StringComparison.Ordinal))
            {
                beacons.Add(request.Url);
            }
        };
        await page.WaitForFunctionAsync("() => performance.now() - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd > 1500");
        await page.GetByRole(AriaRole.Link, new() { Name = "Exit this page" }).ClickAsync();
        await page.WaitForURLAsync(BrowserSite.NeutralSite);
        Assert.Empty(beacons);

        await page.GoBackAsync();
        Assert.Equal(new Uri(site.BaseAddress, "/").ToString(), page.Url);
    }

    [Fact]
    public async Task Pressing_shift_three_times_leaves_the_site()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.OnePagePerType()["sectionLanding"]);
        // The site script marks the page before it listens for the keys.
        await page.WaitForFunctionAsync("() => document.documentElement.classList.contains('js')");

        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("Shift");
        }

        await page.WaitForURLAsync(BrowserSite.NeutralSite);
    }

    [Fact]
    public async Task Keyboard_users_reach_the_skip_link_then_the_exit_button_and_can_skip_to_the_content()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Exit this page", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));

        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main-content", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task The_menu_opens_by_keyboard_on_a_phone()
    {
        var page = await site.NewPageAsync(width: 320, height: 640);
        await page.GotoAsync("/");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var firstLink = page.Locator("#site-nav a").First;
        Assert.False(await firstLink.IsVisibleAsync());

        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("true", await menu.GetAttributeAsync("aria-expanded"));
        Assert.True(await firstLink.IsVisibleAsync());
    }

    [Fact]
    public async Task No_page_makes_a_request_to_another_site_while_loading()
    {
        var page = await site.NewPageAsync();
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).Host != site.BaseAddress.Host)
            {
                elsewhere.Add(request.Url);
            }
        };

        foreach (var path in EveryPageType())
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        }

        Assert.Empty(elsewhere);
    }
}
