using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SafeguardingSite.BrowserTests;

/// <summary>The accessibility and keyboard checks every browser test makes, in one place so they all check the same.</summary>
public static class PageChecks
{
    /// <summary>The WCAG 2.2 AA rules the site is held to, and the A and AA rules of the versions before it.</summary>
    public static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>Runs axe on the page as it is now and adds each violation, named by the state it was found in, to <paramref name="problems"/>.</summary>
    public static async Task AxeAsync(IPage page, string name, List<string> problems)
    {
        var results = await page.RunAxe(WcagAa);
        problems.AddRange(results.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
    }

    /// <summary>Fails at once, listing every violation, if axe finds any on the page as it is now.</summary>
    public static async Task AssertAxeCleanAsync(IPage page, string state)
    {
        var problems = new List<string>();
        await AxeAsync(page, state, problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Presses Tab until the element with this id has focus, as a keyboard user would.</summary>
    public static async Task TabToAsync(IPage page, string id, int maxPresses = 30)
    {
        for (var presses = 0; presses < maxPresses; presses++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"#{id} could not be reached with the Tab key.");
    }
}
