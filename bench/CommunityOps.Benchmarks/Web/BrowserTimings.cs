using System.Globalization;
using Microsoft.Playwright;

namespace CommunityOps.Benchmarks.Web;

/// <summary>
/// Pages as a person waits for them, in Debian's Chromium (/usr/bin/chromium, never a downloaded
/// browser): from the start of navigation until the overview's figures are on screen (the page's
/// load event), and until a community page's charts have drawn.
/// </summary>
internal static class BrowserTimings
{
    private const int Runs = 10;

    /// <summary>Returns the median overview time in milliseconds.</summary>
    public static async Task<double> RunAsync(Uri server, long communityId)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString(), Locale = "zh-CN" })).NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "admin@localhost");
        await page.FillAsync("#password", "benchmark-admin-password");
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForSelectorAsync("#sign-out");

        var overview = new List<double>();
        var community = new List<double>();
        for (var i = 0; i < Runs + 1; i++)
        {
            await page.GotoAsync("/?days=30", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.WaitForSelectorAsync("#overview-kpis");
            var loaded = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
            await page.GotoAsync($"/communities/{communityId}");
            await page.WaitForSelectorAsync("#community-charts[data-rendered=true]");
            var drawn = await page.EvaluateAsync<double>("() => performance.now()");
            if (i > 0)
            {
                // The first round warms the browser's cache of scripts and styles, as a returning user has.
                overview.Add(loaded);
                community.Add(drawn);
            }
        }
        var median = Median(overview);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  browser: overview (30 days) loaded in median {median:F0} ms, max {overview.Max():F0} ms over {Runs} runs, target < 1000 ms: {(median < 1000 ? "met" : "NOT met")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  browser: community page with charts drawn in median {Median(community):F0} ms, max {community.Max():F0} ms"));
        return median;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
