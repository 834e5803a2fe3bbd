using System.Net;
using AngleSharp.Html.Parser;
using CommunityOps.Accounts;
using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

/// <summary>The inspection pages: review forms behind the anti-forgery check, hostile chat text as text, the rule editor's mistakes by line, the background pass.</summary>
public sealed class InspectionPagesSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_finding_is_reviewed_with_a_CSRF_protected_form_and_hostile_chat_text_stays_text_on_every_inspection_page()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("default", WebData.Alpha(_files));
        host.Import("default", InspectionWebData.Conversation(_files, "c1", "Coffee Club", "alpha"));
        var seeded = await InspectionWebData.SeedAsync(host, "default");
        var admin = await host.SignInAsync();

        var pages = new[]
        {
            "/inspection/findings", "/inspection/findings?category=contact&severity=high&status=open", $"/inspection/findings/{seeded.FindingId}",
            "/inspection/spotchecks", $"/inspection/spotchecks/{seeded.PlanId}", $"/inspection/samples/{seeded.SampleId}", "/inspection/rules",
        };
        var seen = new HashSet<string>();
        var filtered = new HtmlParser().ParseDocument(await admin.Http.GetStringAsync("/inspection/findings?community=&category=contact&severity=&status=open"));
        filtered.QuerySelectorAll("#findings-table tbody tr").Length.ShouldBe(3);
        foreach (var url in pages)
        {
            var doc = new HtmlParser().ParseDocument(await admin.Http.GetStringAsync(url));
            doc.QuerySelectorAll("script").ShouldAllBe(s => s.GetAttribute("src") != null, url);
            doc.QuerySelectorAll("img").ShouldBeEmpty(url);
            doc.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).ShouldBeEmpty(url);
            seen.UnionWith(doc.QuerySelectorAll(".user-text").Select(e => e.TextContent));
        }
        seen.ShouldContain(WebData.Script);

        var script = (await InspectionFindingsAsync(host)).Single(f => f.Text == WebData.Script).Id;
        var forged = await admin.Http.PostAsync($"/inspection/findings/{script}/review",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "confirm" }));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var posted = await admin.PostFormAsync($"/inspection/findings/{script}/review", new() { ["action"] = "confirm", ["comment"] = "脚本注入" });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = new HtmlParser().ParseDocument(await admin.Http.GetStringAsync($"/inspection/findings/{script}"));
        page.QuerySelector("#finding-status")!.GetAttribute("data-status").ShouldBe("confirmed");
        page.QuerySelector("#audit tr[data-action=confirmed]")!.TextContent.ShouldContain("脚本注入");
        page.QuerySelector("#finding-text .user-text")!.TextContent.ShouldBe(WebData.Script);
    }

    [Fact]
    public async Task The_rule_editor_keeps_the_text_and_lists_each_mistake_with_its_line()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("default", WebData.Alpha(_files));
        var admin = await host.SignInAsync();
        var workspace = new HtmlParser().ParseDocument(await admin.Http.GetStringAsync("/inspection/rules")).QuerySelector("#rules-form input[name=workspace]")!.GetAttribute("value")!;
        var broken = "{\n  \"name\": \"x\",\n  \"rules\": [\n    { \"name\": \"a\", \"type\": \"flood\", \"category\": \"nonsense\" }\n  ]\n}";

        var response = await admin.PostFormAsync("/inspection/rules", new() { ["workspace"] = workspace, ["json"] = broken });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var error = doc.QuerySelector("#rules-errors li")!;
        (error.GetAttribute("data-line"), error.GetAttribute("data-field")).ShouldBe(("4", "rules[0] (a)"));
        doc.QuerySelector("#rules-json")!.TextContent.ShouldBe(broken);

        var saved = await admin.PostFormAsync("/inspection/rules", new() { ["workspace"] = workspace, ["json"] = InspectionWebData.Rules });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        new HtmlParser().ParseDocument(await saved.Content.ReadAsStringAsync()).QuerySelector("#rules-saved").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_host_inspects_what_is_imported_in_the_background_and_a_restarted_host_picks_up_what_arrived_while_it_was_down()
    {
        var settings = new Dictionary<string, string?> { ["Inspection:RunInBackground"] = "true", ["Inspection:PollEvery"] = "00:00:01" };
        await using var store = await TestStore.CreateAsync("sqlite");
        await using (var host = await TestWebHost.StartAsync(settings: settings, store: store))
        {
            // The rule set first, so that the pass never compiles the default set (the owner's workspace exists from the start).
            long workspaceId;
            await using (var db = host.Store.CreateDbContext())
            {
                workspaceId = await db.Workspaces.Where(w => w.Name == "default").Select(w => w.Id).SingleAsync();
            }
            await new CommunityOps.Inspection.RuleSets.WorkspaceRuleSets(host.Store).SaveAsync(workspaceId, InspectionWebData.Rules, "test", null);
            host.Import("default", WebData.Alpha(_files));
            (await WaitForFindingsAsync(host.Store, 2)).ShouldBeTrue();
        }

        // Imported while no host runs (the CLI with --no-inspect, say): the next start inspects it.
        await Task.Run(() => new CommunityOps.Ingestion.ImportService(store.Store).Import([InspectionWebData.Conversation(_files, "c1", "Coffee Club", "later")],
            new CommunityOps.Ingestion.ImportOptions { Workspace = "default" }));
        (await InspectionRunner.HasPendingAsync(store.Store, "default")).ShouldBeTrue();
        await using (var restarted = await TestWebHost.StartAsync(settings: settings, store: store))
        {
            (await WaitForFindingsAsync(store.Store, 3)).ShouldBeTrue();
            (await InspectionRunner.HasPendingAsync(store.Store, "default")).ShouldBeFalse();
        }
    }

    private static async Task<bool> WaitForFindingsAsync(Store store, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            await using (var db = store.CreateDbContext())
            {
                if (await db.Findings.CountAsync() >= count)
                {
                    return true;
                }
            }
            await Task.Delay(200);
        }
        return false;
    }

    private static async Task<IReadOnlyList<CommunityOps.Inspection.Findings.FindingView>> InspectionFindingsAsync(TestWebHost host) =>
        await new CommunityOps.Inspection.Reviews.FindingReviews(host.Store).ListAsync(new CommunityOps.Inspection.Findings.FindingFilter());

    public void Dispose() => _files.Dispose();
}
