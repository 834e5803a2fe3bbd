using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Web;

/// <summary>The inspection API: reviewing findings, the rule set editor, re-scans and spot checks, each with its roles.</summary>
public sealed class InspectionApiSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private async Task<(TestWebHost Host, InspectionWebData.Seeded Seeded)> StartAsync(string provider)
    {
        var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        host.Import("alpha", InspectionWebData.Conversation(_files, "c1", "Coffee Club", "alpha"));
        return (host, await InspectionWebData.SeedAsync(host, "alpha"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Inspectors_confirm_findings_viewers_read_them_without_message_text_and_every_decision_is_in_the_audit_log(string provider)
    {
        var (host, seeded) = await StartAsync(provider);
        await using var owned = host;
        var inspector = host.Client(await host.KeyAsync("alpha", Role.Inspector));
        var viewer = host.Client(await host.KeyAsync("alpha", Role.Viewer));
        var operatorKey = host.Client(await host.KeyAsync("alpha", Role.Operator));

        var list = await inspector.GetFromJsonAsync<JsonElement>("/api/inspection/findings?category=contact");
        var texts = list.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        texts.ShouldContain(WebData.Script);
        texts.ShouldContain("加微信 聊聊");
        var hidden = await viewer.GetFromJsonAsync<JsonElement>("/api/inspection/findings");
        hidden.GetProperty("findings").EnumerateArray().ShouldAllBe(f => f.GetProperty("text").ValueKind == JsonValueKind.Null);

        (await viewer.PostAsJsonAsync($"/api/inspection/findings/{seeded.FindingId}/review", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await operatorKey.PostAsJsonAsync($"/api/inspection/findings/{seeded.FindingId}/review", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await inspector.PostAsJsonAsync($"/api/inspection/findings/{seeded.FindingId}/review", new { action = "approve" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("action", out _).ShouldBeTrue();

        var confirmed = await inspector.PostAsJsonAsync($"/api/inspection/findings/{seeded.FindingId}/review", new { action = "confirm", comment = "引流" });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await inspector.PostAsJsonAsync($"/api/inspection/findings/{seeded.FindingId}/review", new { action = "dismiss" });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var detail = await viewer.GetFromJsonAsync<JsonElement>($"/api/inspection/findings/{seeded.FindingId}");
        detail.GetProperty("finding").GetProperty("status").GetString().ShouldBe("confirmed");
        var audit = detail.GetProperty("audit").EnumerateArray().Single();
        (audit.GetProperty("action").GetString(), audit.GetProperty("from").GetString(), audit.GetProperty("to").GetString(), audit.GetProperty("comment").GetString())
            .ShouldBe(("confirmed", "open", "confirmed", "引流"));
        audit.GetProperty("actor").GetString()!.ShouldStartWith("api-key:");
        var open = await viewer.GetFromJsonAsync<JsonElement>("/api/inspection/findings?status=open");
        open.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ShouldNotContain(seeded.FindingId);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_rule_set_with_mistakes_is_refused_with_each_mistake_by_line_and_a_good_one_is_saved_as_the_next_version(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var owned = host;
        var manager = host.Client(await host.KeyAsync("alpha", Role.Manager));
        var inspector = host.Client(await host.KeyAsync("alpha", Role.Inspector));
        var broken = """
            {
              "name": "web", "version": "2",
              "rules": [
                { "name": "ok", "type": "keywords", "category": "ads", "parameters": { "words": ["代购"] } },
                { "name": "typo", "type": "keyword", "category": "ads" },
                { "name": "bad-pattern", "type": "regex", "category": "spam",
                  "parameters": { "pattern": "(unclosed" } }
              ]
            }
            """;

        var refused = await manager.PutAsJsonAsync("/api/inspection/rules", new { json = broken });
        var syntax = await manager.PutAsJsonAsync("/api/inspection/rules", new { json = "{ \"rules\": [ }" });
        var denied = await inspector.PutAsJsonAsync("/api/inspection/rules", new { json = InspectionWebData.Rules });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        errors.ShouldBe([(5, "rules[1] (typo)"), (6, "rules[2] (bad-pattern)")]);
        syntax.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await syntax.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("line").GetInt32().ShouldBe(1);
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var saved = await manager.PutAsJsonAsync("/api/inspection/rules", new { json = InspectionWebData.Rules.Replace("\"1\"", "\"2\"", StringComparison.Ordinal), comment = "v2" });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var current = await inspector.GetFromJsonAsync<JsonElement>("/api/inspection/rules");
        (current.GetProperty("version").GetInt32(), current.GetProperty("is_default").GetBoolean(), current.GetProperty("comment").GetString()).ShouldBe((2, false, "v2"));

        // A re-scan applies the new version to the history and records it on each finding.
        var communities = await inspector.GetFromJsonAsync<JsonElement>("/api/communities");
        var coffee = communities.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Coffee Club").GetProperty("id").GetInt64();
        var rescan = await inspector.PostAsync($"/api/inspection/communities/{coffee}/rescan", null);
        rescan.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rescan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updated").GetInt64().ShouldBeGreaterThan(0);
        var findings = await inspector.GetFromJsonAsync<JsonElement>($"/api/inspection/findings?community={coffee}");
        findings.GetProperty("findings").EnumerateArray().ShouldAllBe(f => f.GetProperty("rule_version").GetString() == "2");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_spot_check_is_planned_scored_with_a_fatal_item_appealed_by_its_own_operator_only_and_decided_by_someone_else(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var owned = host;
        var inspector = host.Client(await host.KeyAsync("alpha", Role.Inspector));
        var manager = host.Client(await host.KeyAsync("alpha", Role.Manager));
        await host.AddUserAsync("sam@alpha.example", Role.Operator, "alpha");
        await host.AddUserAsync("other@alpha.example", Role.Operator, "alpha");
        var sam = await host.SignInAsync("sam@alpha.example", "password-of-sam@alpha.example");
        var other = await host.SignInAsync("other@alpha.example", "password-of-other@alpha.example");

        var created = await inspector.PostAsJsonAsync("/api/inspection/spotchecks", new
        {
            name = "feb-api", from = "2026-02-01T00:00:00+08:00", to = "2026-03-01T00:00:00+08:00", mode = "count", amount = 1, strata = "operator", seed = 7,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var report = await created.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("plan").GetProperty("seed").GetInt64().ShouldBe(7);
        var sample = report.GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("operator").GetString() == "Staff Sam");
        var sampleId = sample.GetProperty("id").GetInt64();

        var scored = await inspector.PostAsJsonAsync($"/api/inspection/samples/{sampleId}/score", new
        {
            items = new object[] { new { item = "solved", comment = "一次解决" }, new { item = "private-deal", comment = "引导加微信" } },
            comment = "严重",
        });
        scored.StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterScore = (await scored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sample");
        (afterScore.GetProperty("status").GetString(), afterScore.GetProperty("failed").GetBoolean(), afterScore.GetProperty("total").GetInt32()).ShouldBe(("scored", true, 105));

        // Appeals: only the account linked to the sample's operator.
        var unlinked = await PostJsonAsync(sam, $"/api/inspection/samples/{sampleId}/appeal", new { reason = "我没有" });
        unlinked.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.PutAsJsonAsync($"/api/inspection/operators/{sample.GetProperty("operator_id").GetInt64()}", new { email = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostJsonAsync(other, $"/api/inspection/samples/{sampleId}/appeal", new { reason = "不是我" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var appealed = await PostJsonAsync(sam, $"/api/inspection/samples/{sampleId}/appeal", new { reason = "只是让他在群里说" });
        appealed.StatusCode.ShouldBe(HttpStatusCode.OK);

        var bySameInspector = await inspector.PostAsJsonAsync($"/api/inspection/samples/{sampleId}/decide", new { decision = "upheld" });
        bySameInspector.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var decided = await manager.PostAsJsonAsync($"/api/inspection/samples/{sampleId}/decide", new
        {
            decision = "amended", items = new object[] { new { item = "solved" } }, comment = "申诉成立",
        });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);
        var final = await decided.Content.ReadFromJsonAsync<JsonElement>();
        (final.GetProperty("sample").GetProperty("status").GetString(), final.GetProperty("sample").GetProperty("failed").GetBoolean()).ShouldBe(("final", false));
        final.GetProperty("appealed_by").GetString().ShouldBe("sam@alpha.example");
        final.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["scored", "appealed", "decided"]);
    }

    /// <summary>A signed-in browser's JSON post: the session cookie plus the anti-forgery header.</summary>
    private static Task<HttpResponseMessage> PostJsonAsync(SignedInClient client, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", client.CsrfToken);
        request.Headers.Accept.ParseAdd("application/json");
        return client.Http.SendAsync(request);
    }

    public void Dispose() => _files.Dispose();
}
