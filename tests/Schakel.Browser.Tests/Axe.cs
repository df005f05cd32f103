using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Schakel.Browser.Tests;

/// <summary>Runs axe-core restricted to WCAG 2.1 level A and AA and fails with every violation listed.</summary>
public static class Axe
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Options);
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, $"axe found {violations.Count} WCAG 2.1 AA violation(s) on {what} ({page.Url}):\n" + string.Join("\n", violations));
    }
}
