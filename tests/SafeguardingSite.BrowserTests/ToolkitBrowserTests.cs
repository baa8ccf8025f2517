using Microsoft.Playwright;
using SafeguardingSite.Web.Toolkit;
using UglyToad.PdfPig;

namespace SafeguardingSite.BrowserTests;

/// <summary>The neglect toolkit in chromium: the assessment's live level and PDF summary, and its pages for axe and small screens.</summary>
[Collection(BrowserCollection.Name)]
public class ToolkitBrowserTests(BrowserSite site)
{
    private string AssessmentUrl => site.OnePagePerType()[ToolkitModules.AssessmentType];

    [Fact]
    public async Task The_assessment_shows_the_level_as_areas_are_scored_and_downloads_a_PDF_summary()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(AssessmentUrl);
        var result = page.Locator("#assessment-result");
        var areas = page.Locator("fieldset.assessment-area");
        var count = await areas.CountAsync();
        Assert.Equal(6, count);

        for (var i = 0; i < count; i++)
        {
            // Health gets the most serious description; everything else is met.
            await areas.Nth(i).Locator("input[type=radio]").Nth(i == 1 ? 3 : 0).CheckAsync();
            if (i == 0)
            {
                await Assertions.Expect(result).ToContainTextAsync("5 more areas");
            }
        }

        await Assertions.Expect(result).ToContainTextAsync("Suggested level of need: Statutory or child protection");
        await Assertions.Expect(result).ToContainTextAsync("front door");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download a summary (PDF)" }).ClickAsync());
        Assert.Equal("neglect-assessment-summary.pdf", download.SuggestedFilename);
        var file = await download.PathAsync();
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(file));
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Suggested level of need: Statutory or child protection", text, StringComparison.Ordinal);
        Assert.Contains("Health: 4 of 4", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toolkit_pages_pass_axe_and_fit_320_pixels_including_a_result_and_an_error()
    {
        var wide = await site.NewPageAsync();
        var narrow = await site.NewPageAsync(width: 320, height: 640);
        var module = site.OnePagePerType()[ToolkitModules.ModuleType];
        var section = ToolkitModules.Sections(site.Snapshot.FindByRoute(module)!)[1].Slug;
        var problems = new List<string>();

        async Task CheckAsync(string label)
        {
            await AxeAsync(wide, label, problems);
            var width = await narrow.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
            {
                problems.Add($"{label} is {width}px wide at 320px");
            }
        }

        foreach (var path in new[] { site.OnePagePerType()[ToolkitModules.ToolkitType], module, module + "?section=" + section, AssessmentUrl })
        {
            await wide.GotoAsync(path);
            await narrow.GotoAsync(path);
            await CheckAsync(path);
        }

        // Without the live script's help: a plain submit with nothing chosen shows the errors; all chosen shows the result.
        foreach (var browser in new[] { wide, narrow })
        {
            await browser.GotoAsync(AssessmentUrl);
            await browser.GetByRole(AriaRole.Button, new() { Name = "Show the level of need" }).ClickAsync();
            await Assertions.Expect(browser.Locator(".error-summary")).ToBeVisibleAsync();
        }

        await CheckAsync("assessment with errors");

        foreach (var browser in new[] { wide, narrow })
        {
            var radios = browser.Locator("fieldset.assessment-area");
            for (var i = 0; i < await radios.CountAsync(); i++)
            {
                await radios.Nth(i).Locator("input[type=radio]").Nth(1).CheckAsync();
            }

            await browser.GetByRole(AriaRole.Button, new() { Name = "Show the level of need" }).ClickAsync();
            await Assertions.Expect(browser.Locator("#assessment-result h2")).ToContainTextAsync("Early help");
        }

        await CheckAsync("assessment with a result");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
