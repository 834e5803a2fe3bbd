using CommunityOps.Tests.Infra;
using Microsoft.Playwright;

namespace CommunityOps.Tests.Web;

/// <summary>The dashboard used as a person uses it: a real Chromium against the real host on loopback.</summary>
public sealed class BrowserSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_person_signs_in_browses_switches_language_imports_an_export_and_signs_out()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("default", WebData.Alpha(_files));
        await using var browser = await Browser.LaunchAsync();
        var (page, errors) = await browser.OpenAsync(host.BaseAddress);

        // Signing in: a page asked for before signing in is where the sign-in lands.
        await page.GotoAsync("/communities");
        page.Url.ShouldContain("/login");
        await page.FillAsync("#email", TestWebHost.AdminEmail);
        await page.FillAsync("#password", TestWebHost.AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForPageAsync(PageWaits.Path("/communities"));
        (await page.TextContentAsync("h1")).ShouldBe("Communities");
        (await page.Locator("#communities-table tbody tr").CountAsync()).ShouldBe(2);

        // Sorting and opening a community.
        await page.ClickAsync("a[data-sort=messages]");
        await page.WaitForPageAsync(PageWaits.Query("sort=messages"));
        (await page.Locator("#communities-table tbody tr").First.Locator("td").First.TextContentAsync())!.Trim().ShouldBe("Coffee Club");
        await page.ClickAsync("text=Coffee Club");
        await page.WaitForSelectorAsync("#community-name");
        (await page.TextContentAsync("#community-name"))!.Trim().ShouldBe("Coffee Club");

        // Its charts drew: every chart has a canvas with pixels on it.
        await page.WaitForSelectorAsync("#community-charts[data-rendered=true]");
        var drawn = await page.EvaluateAsync<int[]>(DrawnPixels);
        drawn.Length.ShouldBe(6);
        drawn.ShouldAllBe(pixels => pixels > 100);
        (await page.TextContentAsync("#response-answered"))!.ShouldContain("/");

        // The overview: the workspace's figures.
        await page.ClickAsync("nav .nav-link[href='/']");
        await page.WaitForSelectorAsync("#overview-kpis");
        (await page.Locator("#overview-kpis [data-kpi]").CountAsync()).ShouldBe(7);
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("#community-members-link");

        // Members and a member with a hostile name: shown as text, nothing ran.
        await page.ClickAsync("#community-members-link");
        await page.WaitForSelectorAsync("#members-table");
        await page.FillAsync("#q", "script");
        await page.ClickAsync("#members-filter button[type=submit]");
        await page.WaitForPageAsync(PageWaits.Query("q=script"));
        await page.ClickAsync("#members-table tbody tr a");
        await page.WaitForSelectorAsync("#member-name");
        (await page.TextContentAsync("#member-name .user-text")).ShouldBe(WebData.Script);
        (await page.EvaluateAsync<bool>("() => typeof window.alertCalled === 'undefined' && document.querySelectorAll('script:not([src])').length === 0")).ShouldBeTrue();

        // The language switch: the whole page changes, and stays changed.
        await page.ClickAsync("#language-switch button[value=zh-CN]");
        await page.WaitForSelectorAsync("html[lang=zh-CN]");
        (await page.TextContentAsync("nav .nav-link[href='/communities']")).ShouldBe("社群");
        await page.GotoAsync("/communities");
        (await page.TextContentAsync("h1")).ShouldBe("社群");

        // Importing an export: live progress, then the summary.
        await page.ClickAsync("nav .nav-link[href='/imports']");
        await page.WaitForSelectorAsync("#upload-form");
        await page.SetInputFilesAsync("#files", new FilePayload
        {
            Name = "新群.jsonl",
            MimeType = "application/octet-stream",
            Buffer = System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
                WebData.Join("n1", "新群", "a", "阿明", "2026-03-01T09:00:00+08:00"),
                WebData.Message("n1", "x1", "a", "2026-03-01T09:05:00+08:00", "大家好")) + "\n"),
        });
        await page.ClickAsync("#upload-submit");
        await page.WaitForSelectorAsync("#import-summary", new PageWaitForSelectorOptions { Timeout = 60_000 });
        (await page.TextContentAsync("h1 [data-status]")).ShouldBe("完成");
        (await page.Locator("#import-summary .stat-value").AllTextContentsAsync()).ShouldBe(["1", "1", "1", "1", "0", "0"]);
        // The summary names the file (新群.jsonl) too: wait for the navigation itself, or the sign-out
        // click below can land on the page that is being left.
        await page.ClickAsync("#import-summary a[href='/communities']");
        await page.WaitForPageAsync(PageWaits.Path("/communities"));
        await page.WaitForSelectorAsync("table >> text=新群");

        // Signing out ends the session.
        await page.ClickAsync("#sign-out");
        await page.WaitForPageAsync(PageWaits.Path("/login"));
        await page.GotoAsync("/communities");
        page.Url.ShouldContain("/login");

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failed_import_shows_its_error_and_the_file_that_caused_it()
    {
        await using var host = await TestWebHost.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var (page, errors) = await browser.OpenAsync(host.BaseAddress);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", TestWebHost.AdminEmail);
        await page.FillAsync("#password", TestWebHost.AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForSelectorAsync("#sign-out");

        await page.GotoAsync("/imports");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "broken.jsonl", MimeType = "text/plain", Buffer = "{\"type\":\"join\",\"community\":\"c\"\n"u8.ToArray() });
        await page.ClickAsync("#upload-submit");
        await page.WaitForSelectorAsync("#import-error", new PageWaitForSelectorOptions { Timeout = 60_000 });

        (await page.TextContentAsync("#import-error .server-message"))!.ShouldStartWith("broken.jsonl:1: invalid JSON");
        errors.ShouldBeEmpty();
    }

    /// <summary>For each chart, the number of its canvas's pixels that are not transparent.</summary>
    private const string DrawnPixels = """
        () => Array.from(document.querySelectorAll('#community-charts .chart')).map(chart => {
            const canvas = chart.querySelector('canvas');
            if (!canvas) return 0;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let drawn = 0;
            for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) drawn++; }
            return drawn;
        })
        """;

    public void Dispose() => _files.Dispose();
}
