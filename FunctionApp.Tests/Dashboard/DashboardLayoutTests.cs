using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Dashboard;

/// <summary>
/// The dashboard as a person sees it at 800, 1400 and 1920 px in headless Chromium, with jobs already run (a count and
/// an n-th prime among them, so their rows are measured too): the newest
/// job open, a table whose cells are not clipped, chart tick labels apart from each other, a legend with values, one
/// request per refresh, and the page working under its own Content-Security-Policy. Screenshots of each width are
/// left beside the test binaries (docs/dashboard-*.png are copies).
/// </summary>
[LongRunning(80)]
public sealed class DashboardLayoutTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [ChromiumTheory]
    [InlineData(800)]
    [InlineData(1400)]
    [InlineData(1920)]
    public async Task At_each_width_the_page_fits_and_shows_the_newest_job(int width)
    {
        var jobs = new JobClient(service.Http);
        await jobs.RunCountingAsync("/api/counts?from=0&to=1000000000000", null);
        await jobs.RunCountingAsync("/api/nth-prime?n=1000000000", null);
        await jobs.RunAsync(0, 14_000_000);
        await jobs.RunAsync(1, 1_000_000);
        await jobs.RunAsync(18_446_744_073_700_000_000, 18_446_744_073_709_551_615);
        await jobs.RunAsync(1_000_000_000, 1_014_000_000);
        var listed = await service.Http.GetFromJsonAsync<JsonElement>("/api/primes");
        var newest = listed.GetProperty("jobs")[0].GetProperty("id").GetString();
        var count = listed.GetProperty("jobs").GetArrayLength();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Args = ChromiumFactAttribute.Args });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
        var problems = PageProblems.Watch(page);
        var apiRequests = new List<(DateTime At, string Url)>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/primes", StringComparison.Ordinal))
            {
                apiRequests.Add((DateTime.UtcNow, request.Url));
            }
        };
        await page.AddInitScriptAsync("window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

        var response = await page.GotoAsync(new Uri(service.BaseAddress, "/api/dashboard").ToString());

        var headers = await response!.AllHeadersAsync();
        var policy = headers["content-security-policy"];
        Assert.Matches("script-src 'sha256-[^;]+'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);

        await Assertions.Expect(page.Locator("#job-title")).ToHaveTextAsync($"{newest}: Completed", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator($"#jobs tr[data-id='{newest}']")).ToHaveClassAsync("selected");
        await Assertions.Expect(page.Locator("#jobs tbody tr")).ToHaveCountAsync(count);
        Assert.Equal("pointer", await page.Locator("#jobs tbody tr").First.EvaluateAsync<string>("row => getComputedStyle(row).cursor"));
        await Assertions.Expect(page.Locator("#download")).ToBeVisibleAsync();

        var legend = await page.Locator(".u-legend .u-value").AllInnerTextsAsync();
        Assert.Equal(3, legend.Count);
        Assert.All(legend, value => Assert.Matches(@"^\d[\d.,]*$", value));

        Assert.Empty(await ClippedCellsAsync(page));
        Assert.Empty(await OverlappingTicksAsync(page));

        // Three refreshes with a finished job open: one request each.
        var quietFrom = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(9.5));
        var quiet = apiRequests.Where(r => r.At >= quietFrom).Select(r => r.At).ToList();
        Assert.InRange(quiet.Count, 2, 4);
        Assert.All(quiet.Zip(quiet.Skip(1)), pair => Assert.True(pair.Second - pair.First > TimeSpan.FromSeconds(2), "two requests in one refresh"));

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));
        Assert.Empty(problems);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, $"dashboard-{width}.png"), FullPage = true });
    }

    [Fact]
    public async Task After_delete_and_the_same_range_again_the_view_shows_the_reused_segments()
    {
        var jobs = new JobClient(service.Http);
        await jobs.RunAsync(0, 10_000_000);
        var deleted = await service.Http.DeleteAsync("/api/primes/primes-0-10000000");
        while (deleted.StatusCode == System.Net.HttpStatusCode.Accepted)
        {
            await Task.Delay(500);
            deleted = await service.Http.DeleteAsync("/api/primes/primes-0-10000000");
        }

        var output = await jobs.RunAsync(0, 10_000_000);
        var view = await service.Http.GetFromJsonAsync<JsonElement>("/api/primes/primes-0-10000000");

        var states = view.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("state").GetString()).ToList();
        Assert.Equal(4, states.Count);
        Assert.Equal(output.GetProperty("segmentsReused").GetInt64(), states.Count(s => s == "reused"));
        Assert.True(states.Count(s => s == "reused") >= 3, string.Join(", ", states));
    }

    /// <summary>Cells of the job table whose content is wider than the cell, and the table if it is wider than its section.</summary>
    private static Task<string[]> ClippedCellsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const clipped = [];
          const table = document.querySelector('#jobs');
          const section = getComputedStyle(table.parentElement);
          const room = table.parentElement.clientWidth - parseFloat(section.paddingLeft) - parseFloat(section.paddingRight);
          if (table.getBoundingClientRect().width > room + 0.5) clipped.push(`table ${table.getBoundingClientRect().width} px in ${room} px`);
          for (const cell of table.querySelectorAll('th, td')) {
            if (cell.scrollWidth > cell.clientWidth) clipped.push(`${cell.textContent}: ${cell.scrollWidth} > ${cell.clientWidth}`);
          }
          if (document.documentElement.scrollWidth > document.documentElement.clientWidth) clipped.push('page scrolls sideways');
          return clipped;
        }
        """);

    /// <summary>
    /// Tick labels of the chart (drawn on its canvas, so measured from uPlot's own ticks and the axis font) that touch
    /// their neighbours, read the same or do not say their tick's value, and y tick labels wider than their axis leaves room for beside the axis title.
    /// </summary>
    private static Task<string[]> OverlappingTicksAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const u = chart;
          const context = document.createElement('canvas').getContext('2d');
          const problems = [];
          u.axes.forEach((axis, index) => {
            context.font = axis.font[0];
            const scale = index === 0 ? 'x' : 'y';
            const labels = axis._values.map((text, i) => ({ text: String(text), at: u.valToPos(axis._splits[i], scale) }))
              .filter(label => label.text !== '');
            if (labels.length < 2) problems.push(`axis ${index}: ${labels.length} labels`);
            if (new Set(labels.map(label => label.text)).size < labels.length) problems.push(`axis ${index}: labels repeat: ${labels.map(label => label.text)}`);
            axis._values.forEach((text, i) => {
              const [, number, unit] = /^(-?[\d.]+)([kMGTPE]?)$/.exec(String(text)) || [];
              const value = Number(number) * 1000 ** ' kMGTPE'.indexOf(unit || ' ');
              if (number === undefined || Math.abs(value - axis._splits[i]) > 1e-9 * Math.max(1, Math.abs(axis._splits[i]))) problems.push(`axis ${index}: '${text}' labels the tick at ${axis._splits[i]}`);
            });
            const height = parseFloat(axis.font[0].match(/(\d+(?:\.\d+)?)px/)[1]);
            const boxes = labels.map(label => index === 0
              ? { text: label.text, from: label.at - context.measureText(label.text).width / 2, to: label.at + context.measureText(label.text).width / 2 }
              : { text: label.text, from: label.at - height / 2, to: label.at + height / 2 }).sort((a, b) => a.from - b.from);
            for (let i = 1; i < boxes.length; i++) {
              if (boxes[i].from < boxes[i - 1].to + 2) problems.push(`axis ${index}: '${boxes[i - 1].text}' and '${boxes[i].text}' overlap`);
            }
            if (index === 1) {
              const widest = Math.max(...labels.map(label => context.measureText(label.text).width));
              if (widest + axis.gap + axis.ticks.size > axis._size) problems.push(`y labels ${widest} px wide in an axis of ${axis._size} px: they run into its title`);
            }
          });
          return problems;
        }
        """);
}
