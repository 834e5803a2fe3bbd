using CommunityOps.Tests.Infra;
using Microsoft.Playwright;

namespace CommunityOps.Tests.Web;

/// <summary>An upload the server refuses, seen in Chromium: the message is the page's language, the server's detail follows as data.</summary>
public sealed class UploadErrorBrowserSpecs
{
    [Fact]
    public async Task An_upload_over_the_limit_is_refused_in_the_pages_language()
    {
        await using var host = await TestWebHost.StartAsync(settings: new Dictionary<string, string?> { ["Web:MaxUploadBytes"] = "4096" });
        await using var browser = await Browser.LaunchAsync();
        var (page, _) = await browser.OpenAsync(host.BaseAddress, locale: "zh-CN");
        await page.GotoAsync("/login");
        await page.FillAsync("#email", TestWebHost.AdminEmail);
        await page.FillAsync("#password", TestWebHost.AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForSelectorAsync("#sign-out");

        await page.GotoAsync("/imports");
        var big = string.Concat(Enumerable.Repeat(WebData.Message("c", "m", "u", "2026-02-01T00:00:00Z", "padding padding padding") + "\n", 100));
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "big.jsonl", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(big) });
        await page.ClickAsync("#upload-submit");
        await page.WaitForSelectorAsync("#upload-error:not(.d-none)");

        (await page.EvaluateAsync<string>("() => document.getElementById('upload-error').firstChild.textContent")).ShouldBe("上传的文件过大");
        (await page.TextContentAsync("#upload-error .server-message")).ShouldNotBeNullOrWhiteSpace();
        (await page.GetAttributeAsync("#upload-error .server-message", "translate")).ShouldBe("no");
    }
}
