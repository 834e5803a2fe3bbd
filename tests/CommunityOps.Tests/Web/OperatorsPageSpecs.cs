using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CommunityOps.Accounts;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

/// <summary>The Operators page (/inspection/operators): operators with their accounts, hostile names as text, the link and unlink forms.</summary>
public sealed class OperatorsPageSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>
    /// Workspace default: Ann and Staff Sam (Coffee Club), a staff member named like a script in a
    /// community named like markup, 60 helpers in Big Group, and a sampled spot check of Staff Sam.
    /// Accounts: sam (operator) and vic (viewer) of default, bob of beta.
    /// </summary>
    private async Task<(TestWebHost Host, InspectionWebData.Seeded Seeded)> StartAsync(string provider)
    {
        var host = await TestWebHost.StartAsync(provider);
        host.Import("default", WebData.Alpha(_files));
        host.Import("default", InspectionWebData.Conversation(_files, "c1", "Coffee Club", "alpha"));
        var lines = new List<string>
        {
            WebData.Join("c2", WebData.HostileCommunity, "evil-op", WebData.Script, "2026-02-01T09:00:00+08:00", staff: true),
            WebData.Message("c2", "e1", "evil-op", "2026-02-02T09:00:00+08:00", WebData.ImgOnError),
        };
        lines.AddRange(Enumerable.Range(1, 60).Select(i => WebData.Join("c3", "Big Group", $"h{i}", $"Helper {i:00}", "2026-02-01T09:00:00+08:00", staff: true)));
        host.Import("default", _files.Write("more-staff.jsonl", string.Join('\n', lines) + "\n"));
        host.Import("beta", WebData.Beta(_files));
        var seeded = await InspectionWebData.SeedAsync(host, "default");
        await host.AddUserAsync("sam@alpha.example", Role.Operator, "default");
        await host.AddUserAsync("vic@alpha.example", Role.Viewer, "default");
        await host.AddUserAsync("bob@beta.example", Role.Operator, "beta");
        return (host, seeded);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_page_lists_operators_a_page_at_a_time_with_their_accounts_and_hostile_names_stay_text(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var owned = host;
        var staffSam = await MemberIdAsync(host, "alpha-op");
        var scriptOp = await MemberIdAsync(host, "evil-op");
        // The same person in two groups: one account, two identities.
        await new OperatorLinkService(host.Store).LinkAsync(staffSam, "sam@alpha.example", "seed");
        await new OperatorLinkService(host.Store).LinkAsync(scriptOp, "sam@alpha.example", "seed");
        var admin = await host.SignInAsync();

        var first = Parse(await admin.Http.GetStringAsync("/inspection/operators"));
        var hostileHtml = await admin.Http.GetStringAsync("/inspection/operators?q=" + Uri.EscapeDataString("<script"));
        var hostile = Parse(hostileHtml);

        first.QuerySelectorAll("#operators-table tbody tr").Length.ShouldBe(50);
        first.QuerySelector("#operators-next").ShouldNotBeNull();
        Parse(await admin.Http.GetStringAsync("/inspection/operators?page=2")).QuerySelectorAll("#operators-table tbody tr").Length.ShouldBe(63 - 50);
        var row = hostile.QuerySelector($"#operator-{scriptOp}")!;
        row.QuerySelectorAll(".user-text").Select(e => e.TextContent).ShouldContain(WebData.Script);
        row.QuerySelectorAll(".user-text").Select(e => e.TextContent).ShouldContain(WebData.HostileCommunity);
        row.QuerySelector(".linked-email")!.TextContent.ShouldBe("sam@alpha.example");
        foreach (var doc in new[] { first, hostile })
        {
            doc.QuerySelectorAll("script").ShouldAllBe(s => s.GetAttribute("src") != null);
            doc.QuerySelectorAll("img, b").ShouldBeEmpty();
            doc.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).ShouldBeEmpty();
        }
        hostileHtml.ShouldNotContain(WebData.Script);
        hostileHtml.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");

        // One account linked to two identities: each row says so and leads to the account's identities.
        var others = hostile.QuerySelector($"#operator-{scriptOp} a.other-identities")!;
        others.TextContent.ShouldContain("1");
        var byAccount = Parse(await admin.Http.GetStringAsync(others.GetAttribute("href")!));
        byAccount.QuerySelectorAll("#operators-table tbody tr").Select(r => r.GetAttribute("data-member-id")).ShouldBe([staffSam.ToString(), scriptOp.ToString()], ignoreOrder: true);
        byAccount.QuerySelector("#account-filter")!.TextContent.ShouldContain("sam@alpha.example");
        first.QuerySelector($"#accounts-table tr[data-user-id] .account-identities")!.TextContent.ShouldBe("2");
        first.QuerySelectorAll("#operator-accounts option").Select(o => o.GetAttribute("value")).ShouldBe(["admin@localhost", "sam@alpha.example", "vic@alpha.example"]);

        // Filters: unlinked only, one community.
        Parse(await admin.Http.GetStringAsync("/inspection/operators?linked=false&q=sam")).QuerySelectorAll("#operators-table tbody tr").ShouldBeEmpty();
        var coffee = first.QuerySelectorAll("#operators-community option").Single(o => o.TextContent == "Coffee Club").GetAttribute("value");
        Parse(await admin.Http.GetStringAsync($"/inspection/operators?community={coffee}")).QuerySelectorAll("#operators-table tbody tr .user-text")
            .Select(e => e.TextContent).ShouldBe(["Ann", "u1", "Coffee Club", "Staff Sam", "alpha-op", "Coffee Club"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_admin_links_and_unlinks_an_operator_with_the_forms_of_the_page_and_the_spot_check_pages_point_at_unlinked_operators(string provider)
    {
        var (host, seeded) = await StartAsync(provider);
        await using var owned = host;
        var admin = await host.SignInAsync();
        var staffSam = seeded.OperatorMemberId;
        Parse(await admin.Http.GetStringAsync($"/inspection/samples/{seeded.SampleId}")).QuerySelector("#operator-unlinked")!.GetAttribute("href")
            .ShouldBe($"/inspection/operators?workspace={await WorkspaceIdAsync(host, "default")}&member={staffSam}");
        Parse(await admin.Http.GetStringAsync($"/inspection/spotchecks/{seeded.PlanId}")).QuerySelectorAll("#samples .operator-unlinked").ShouldNotBeEmpty();

        var page = Parse(await admin.Http.GetStringAsync("/inspection/operators?q=staff+sam"));
        var form = page.QuerySelector($"#operator-{staffSam} form.link-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["q"].ShouldBe("staff sam");

        var forged = await admin.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["email"] = "sam@alpha.example" }));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unknown = await admin.PostFormAsync(form.GetAttribute("action")!, new(fields) { ["email"] = "nobody@alpha.example" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unknownPage = Parse(await unknown.Content.ReadAsStringAsync());
        unknownPage.QuerySelector("#link-error")!.GetAttribute("data-member-id").ShouldBe(staffSam.ToString());
        unknownPage.QuerySelector($"#email-{staffSam}")!.GetAttribute("value").ShouldBe("nobody@alpha.example");
        (await admin.PostFormAsync(form.GetAttribute("action")!, new(fields) { ["email"] = "bob@beta.example" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await LinkedUserAsync(host, staffSam)).ShouldBeNull();

        var linked = await admin.PostFormAsync(form.GetAttribute("action")!, new(fields) { ["email"] = "sam@alpha.example" });
        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var back = linked.Headers.Location!.OriginalString;
        back.ShouldContain("q=staff%20sam");
        back.ShouldContain($"changed={staffSam}");
        var after = Parse(await admin.Http.GetStringAsync(back));
        after.QuerySelector("#link-changed")!.TextContent.ShouldContain("sam@alpha.example");
        after.QuerySelector($"#operator-{staffSam} .linked-email")!.TextContent.ShouldBe("sam@alpha.example");
        after.QuerySelector($"#operator-{staffSam} form.unlink-form").ShouldNotBeNull();
        (await LinkedUserAsync(host, staffSam)).ShouldNotBeNull();
        Parse(await admin.Http.GetStringAsync($"/inspection/samples/{seeded.SampleId}")).QuerySelector("#operator-unlinked").ShouldBeNull();

        var unlinked = await admin.PostFormAsync(after.QuerySelector($"#operator-{staffSam} form.unlink-form")!.GetAttribute("action")!, new(fields));
        unlinked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var final = Parse(await admin.Http.GetStringAsync(unlinked.Headers.Location!.OriginalString));
        final.QuerySelector($"#operator-{staffSam} .linked-email").ShouldBeNull();
        final.QuerySelectorAll("#link-history tbody tr").Select(r => r.GetAttribute("data-action")).ShouldBe(["unlinked", "linked"]);
        (await LinkedUserAsync(host, staffSam)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_page_and_its_forms_are_for_managers_and_admins_of_the_operator_workspace(string provider)
    {
        var (host, seeded) = await StartAsync(provider);
        await using var owned = host;
        var betaOp = await MemberIdAsync(host, "w1");
        await using (var db = host.Store.CreateDbContext())
        {
            // Linked before staff flags were checked: a link the walk below must leave alone.
            db.OperatorLinks.Add(new OperatorLink
            {
                MemberId = betaOp, WorkspaceId = await WorkspaceIdAsync(host, "beta"), UserId = await db.Users.Where(u => u.Email == "bob@beta.example").Select(u => u.Id).SingleAsync(),
                CreatedBy = "seed", CreatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }
        await host.AddUserAsync("alice@alpha.example", Role.Admin, "default");
        await host.AddUserAsync("max@alpha.example", Role.Manager, "default");
        var alice = await host.SignInAsync("alice@alpha.example", "password-of-alice@alpha.example");
        var manager = await host.SignInAsync("max@alpha.example", "password-of-max@alpha.example");
        var viewer = await host.SignInAsync("vic@alpha.example", "password-of-vic@alpha.example");
        var operatorUser = await host.SignInAsync("sam@alpha.example", "password-of-sam@alpha.example");

        Parse(await manager.Http.GetStringAsync("/inspection/findings")).QuerySelector("#tab-operators").ShouldNotBeNull();
        Parse(await viewer.Http.GetStringAsync("/inspection/findings")).QuerySelector("#tab-operators").ShouldBeNull();
        (await viewer.Http.GetAsync("/inspection/operators")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await operatorUser.Http.GetAsync("/inspection/operators")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var staffSam = seeded.OperatorMemberId;
        (await viewer.PostFormAsync($"/inspection/operators/{staffSam}/link", new() { ["email"] = "vic@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await operatorUser.PostFormAsync($"/inspection/operators/{staffSam}/link", new() { ["email"] = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await LinkedUserAsync(host, staffSam)).ShouldBeNull();
        (await manager.PostFormAsync($"/inspection/operators/{staffSam}/link", new() { ["email"] = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LinkedUserAsync(host, staffSam)).ShouldNotBeNull();

        (await alice.PostFormAsync($"/inspection/operators/{betaOp}/unlink", new())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.PostFormAsync($"/inspection/operators/{betaOp}/link", new() { ["email"] = "alice@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.Http.GetAsync($"/inspection/operators?workspace={await WorkspaceIdAsync(host, "beta")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var aliceList = await alice.Http.GetStringAsync($"/inspection/operators?member={betaOp}&changed={betaOp}&linked=true");
        aliceList.ShouldNotContain("Wei");
        aliceList.ShouldNotContain("bob@beta.example");
        (await LinkedUserAsync(host, betaOp)).ShouldNotBeNull();
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static async Task<long> MemberIdAsync(TestWebHost host, string sourceId)
    {
        await using var db = host.Store.CreateDbContext();
        return await db.Members.Where(m => m.SourceId == sourceId).Select(m => m.Id).SingleAsync();
    }

    private static async Task<long> WorkspaceIdAsync(TestWebHost host, string name)
    {
        await using var db = host.Store.CreateDbContext();
        return await db.Workspaces.Where(w => w.Name == name).Select(w => w.Id).SingleAsync();
    }

    private static async Task<long?> LinkedUserAsync(TestWebHost host, long memberId)
    {
        await using var db = host.Store.CreateDbContext();
        return await db.OperatorLinks.Where(l => l.MemberId == memberId).Select(l => (long?)l.UserId).SingleOrDefaultAsync();
    }

    public void Dispose() => _files.Dispose();
}
