using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Web;

/// <summary>Reviewing a finding as an inspector does it, in Chromium.</summary>
public sealed class InspectionBrowserSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_person_signs_in_confirms_a_finding_and_sees_the_decision_in_its_audit_log()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("default", WebData.Alpha(_files));
        host.Import("default", InspectionWebData.Conversation(_files, "c1", "Coffee Club", "alpha"));
        await InspectionWebData.SeedAsync(host, "default");
        await using var browser = await Browser.LaunchAsync();
        var (page, errors) = await browser.OpenAsync(host.BaseAddress);

        await page.GotoAsync("/inspection/findings");
        page.Url.ShouldContain("/login");
        await page.FillAsync("#email", TestWebHost.AdminEmail);
        await page.FillAsync("#password", TestWebHost.AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForPageAsync(PageWaits.Path("/inspection/findings"));

        // The open queue, filtered to contact details.
        await page.SelectOptionAsync("#f-category", "contact");
        await page.ClickAsync("#findings-filter button[type=submit]");
        await page.WaitForPageAsync(PageWaits.Query("category=contact"));
        var rows = page.Locator("#findings-table tbody tr");
        (await rows.CountAsync()).ShouldBe(3);
        await page.ClickAsync("#findings-table tbody tr:has-text('加微信 聊聊') a");
        await page.WaitForSelectorAsync("#review-form");
        (await page.TextContentAsync("#finding-text"))!.ShouldContain("加微信 聊聊");
        (await page.Locator("#audit-empty").CountAsync()).ShouldBe(1);

        await page.FillAsync("#review-comment", "引流到微信");
        await page.ClickAsync("#confirm");
        await page.WaitForSelectorAsync("#audit tr[data-action=confirmed]");
        (await page.GetAttributeAsync("#finding-status", "data-status")).ShouldBe("confirmed");
        var entry = (await page.TextContentAsync("#audit tr[data-action=confirmed]"))!;
        entry.ShouldContain(TestWebHost.AdminEmail);
        entry.ShouldContain("引流到微信");
        (await page.Locator("#reopen").CountAsync()).ShouldBe(1);

        // Back in the queue, it is no longer open.
        await page.ClickAsync(".breadcrumb a");
        await page.WaitForPageAsync(uri => PageWaits.Path("/inspection/findings")(uri) && uri.Query.Contains("workspace=", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#findings-filter");
        (await page.Locator("#findings-table tbody tr:has-text('加微信 聊聊')").CountAsync()).ShouldBe(0);
        errors.ShouldBeEmpty();
    }

    public void Dispose() => _files.Dispose();
}
