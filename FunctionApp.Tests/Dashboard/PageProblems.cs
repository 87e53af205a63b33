using Microsoft.Playwright;

namespace PrimeFunctions.Tests.Dashboard;

/// <summary>What a page reports going wrong: console errors and warnings (a CSP violation is one), and uncaught errors.</summary>
internal static class PageProblems
{
    public static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        return problems;
    }
}
