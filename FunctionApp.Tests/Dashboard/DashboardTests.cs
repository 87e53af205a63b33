using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Dashboard;

/// <summary>The dashboard in a real headless Chromium against the local host: what a user does with it, start to finish.</summary>
public sealed class DashboardTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    // Five segments of the fixture's 3·10^6 grid, the last one clipped; typed as a user would, exponent form included.
    // Reads (job list and job view) are counted while it runs: one per 3 s refresh, plus the load and the start.
    private const string From = "0";
    private const string To = "14e6";
    private const string JobId = "primes-0-14000000";
    private const string Key = "dashboard-test-key";

    [ChromiumFact]
    public async Task A_job_started_from_the_page_runs_to_completed_and_its_chart_is_drawn()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Args = ChromiumFactAttribute.Args });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var problems = PageProblems.Watch(page);
        var apiRequests = new List<string>();
        page.Request += (_, request) => apiRequests.Add($"{request.Method} {request.Url}");

        var opened = DateTime.UtcNow;
        await page.GotoAsync(new Uri(service.BaseAddress, $"/api/dashboard?code={Key}").ToString());
        await page.FillAsync("#start input[name=from]", From);
        await page.FillAsync("#start input[name=to]", To);
        await page.ClickAsync("#start button");

        await Assertions.Expect(page.Locator("#start-result")).ToHaveTextAsync(new Regex($"^(started {JobId}|{JobId} completed in [0-9.]+ s)$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#job-title")).ToHaveTextAsync($"{JobId}: Completed", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator($"#jobs tr[data-id='{JobId}'] .status")).ToHaveTextAsync("Completed", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#job-summary")).ToContainTextAsync(NaivePrimes.PrimesIn(0, 14_000_000).Count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal(5, await page.Locator("#strip > div.sieved, #strip > div.reused").CountAsync());
        Assert.True(await ChartPixelsAsync(page) > 500, "the chart canvas is blank");
        await Assertions.Expect(page.Locator("#download")).ToHaveAttributeAsync("href", new Regex($"/api/primes/{JobId}/results\\?format=text&code={Key}$"));

        var seconds = (DateTime.UtcNow - opened).TotalSeconds;
        var reads = apiRequests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("/api/primes", StringComparison.Ordinal));
        Assert.InRange(reads, 2, seconds / 2.5 + 3);

        await page.ClickAsync("#start button");
        await Assertions.Expect(page.Locator("#start-result")).ToContainTextAsync($"{JobId} had already completed");

        await page.ClickAsync("#isprime button");
        await Assertions.Expect(page.Locator("#isprime-result")).ToHaveTextAsync("18446744073709551557 is prime (proven, deterministic-miller-rabin)");
        await page.FillAsync("#isprime input[name=n]", "10^9+7");
        await page.ClickAsync("#isprime button");
        await Assertions.Expect(page.Locator("#isprime-result")).ToHaveTextAsync("1000000007 is prime (proven, deterministic-miller-rabin)");
        Assert.All(apiRequests.Where(r => r.Contains("/api/", StringComparison.Ordinal)), r => Assert.Contains($"code={Key}", r));
        Assert.Empty(problems);

        // Beside the test binaries, so a test run leaves the working tree clean.
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard.png") });
    }

    [ChromiumFact]
    public async Task A_count_and_an_nth_prime_started_from_the_page_answer_and_show_as_jobs_without_a_chart()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Args = ChromiumFactAttribute.Args });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var problems = PageProblems.Watch(page);
        await page.GotoAsync(new Uri(service.BaseAddress, $"/api/dashboard?code={Key}").ToString());

        // π(10^9) = 50847534 (published; primecount 1e9), written as an expression as a user may.
        await page.FillAsync("#count input[name=from]", "0");
        await page.FillAsync("#count input[name=to]", "10^9");
        await page.ClickAsync("#count button");
        await Assertions.Expect(page.Locator("#count-result")).ToHaveTextAsync(new Regex("^50,847,534 primes in \\[0, 1000000000\\] \\(lmo\\)$"), new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#job-title")).ToHaveTextAsync("count-0-1000000000: Completed", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#job-summary")).ToContainTextAsync("50,847,534");
        await Assertions.Expect(page.Locator("#segments-view")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#jobs tr[data-id='count-0-1000000000'] .job")).ToHaveTextAsync("count 0–1e9");

        // The 1000th prime is 7919 (the published table of primes).
        await page.FillAsync("#nth input[name=n]", "1e3");
        await page.ClickAsync("#nth button");
        await Assertions.Expect(page.Locator("#nth-result")).ToHaveTextAsync("the n-th prime for n = 1000 is 7919", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#job-title")).ToHaveTextAsync("nth-prime-1000: Completed", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#job-summary")).ToContainTextAsync("7919");
        await Assertions.Expect(page.Locator("#jobs tr[data-id='nth-prime-1000'] .status")).ToHaveTextAsync("Completed", new() { Timeout = 10_000 });

        // Back to the count by its row: its answer again, still no segments or chart.
        await page.ClickAsync("#jobs tr[data-id='count-0-1000000000']");
        await Assertions.Expect(page.Locator("#job-title")).ToHaveTextAsync("count-0-1000000000: Completed");
        await Assertions.Expect(page.Locator("#job-summary")).ToContainTextAsync("50,847,534");
        await Assertions.Expect(page.Locator("#segments-view")).ToBeHiddenAsync();
        Assert.Empty(problems);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-count.png") });
    }

    /// <summary>How many pixels of the chart's canvas are painted.</summary>
    private static Task<int> ChartPixelsAsync(IPage page) => page.EvaluateAsync<int>("""
        () => {
          const canvas = document.querySelector('#chart canvas');
          if (!canvas) return 0;
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
          return painted;
        }
        """);
}
