using System.Text.Json;
using CommunityOps.Tests.Cli;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Inspection.StoredInspectionKit;

namespace CommunityOps.Tests.Inspection;

public sealed class InspectCliSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private string KeywordRules(string words = "\"加v\", \"加微信\", \"微信\", \"微信号\"", string category = "sensitive") => _files.Write($"rules-{Guid.NewGuid():N}.json",
        $$$"""{"name":"ops","version":"3","rules":[{"name":"kw","type":"keywords","category":"{{{category}}}","severity":"high","parameters":{"words":[{{{words}}}]}}]}""");

    [Fact]
    public async Task Inspect_input_prints_the_documented_JSON_line_per_finding_with_every_overlapping_match()
    {
        var input = _files.Write("in.jsonl", """
            {"id":"m1","community":"c1","member":"u1","time":"2026-11-16T09:00:00+08:00","text":"快来啊加V详聊"}
            {"id":"m2","community":"c1","member":"u2","time":"2026-11-16T09:01:00+08:00","text":"加微信号"}
            {"id":"m3","community":"c1","member":"u3","time":"2026-11-16T09:02:00+08:00","text":"收到，谢谢"}
            """);

        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", "--rules", KeywordRules(), "--input", input, "--json");

        exit.ShouldBe(0, stderr);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            """{"message":"m1","community":"c1","member":"u1","rule":"kw","category":"sensitive","severity":"high","score":1.0,"matches":[{"text":"加V","start":3,"length":2}]}""",
            """{"message":"m2","community":"c1","member":"u2","rule":"kw","category":"sensitive","severity":"high","score":1.0,"matches":[{"text":"加微信","start":0,"length":3},{"text":"微信","start":1,"length":2},{"text":"微信号","start":1,"length":3}]}""",
        ]);
    }

    [Fact]
    public async Task A_missing_or_malformed_rule_set_and_an_unknown_finding_exit_2_with_one_line_naming_them()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var input = _files.Write("in.jsonl", """{"id":"m1","community":"c1","member":"u1","text":"hi"}""");
        var missing = _files.Path("nope.json");
        var broken = _files.Write("broken.json", """{"name":"x","rules":[{"name":"kw","type":"keywords","category":"ads","severity":"urgent","parameters":{"words":["a"]}}]}""");
        var notJson = _files.Write("notjson.json", "{ rules: ");

        var a = await CliRunner.RunAsync("inspect", "--rules", missing, "--input", input);
        var b = await CliRunner.RunAsync("inspect", "--rules", broken, "--input", input);
        var c = await CliRunner.RunAsync("inspect", "--rules", notJson, "--input", input);
        var d = await CliRunner.RunAsync("findings", "confirm", "42", "--reviewer", "lin", "--db", store.Db);
        var e = await CliRunner.RunAsync("inspect", "--input", input, "--pending");

        (a.Exit, a.Err).ShouldBe((2, $"error: Rule set not found: {missing}{Environment.NewLine}"));
        (b.Exit, b.Err).ShouldBe((2, $"error: Rule 'kw': severity must be low, medium, high or critical, not 'urgent'.{Environment.NewLine}"));
        c.Exit.ShouldBe(2);
        c.Err.ShouldStartWith($"error: {notJson} is not valid JSON");
        c.Err.TrimEnd().ShouldNotContain('\n');
        (d.Exit, d.Err).ShouldBe((2, $"error: no finding with id 42{Environment.NewLine}"));
        (e.Exit, e.Err).ShouldBe((2, $"error: inspect needs exactly one of --input FILE, --community X or --pending{Environment.NewLine}"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Imported_messages_are_inspected_after_the_import_commits_and_their_findings_can_be_reviewed(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var feed = _files.Write("feed.jsonl", string.Join('\n', Message("m1", "u1", 0, "私聊我 加V：abc12345 领福利"), Message("m2", "u2", 1, "好的，谢谢")));

        var import = await CliRunner.RunAsync("import", "--db", store.Db, "--json", feed);
        var list = await CliRunner.RunAsync("findings", "list", "--category", "contact", "--db", store.Db, "--json");
        var id = JsonDocument.Parse(list.Out.Split('\n')[0]).RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var confirm = await CliRunner.RunAsync("findings", "confirm", id, "--reviewer", "lin", "--comment", "lead stealing", "--db", store.Db);
        var show = await CliRunner.RunAsync("findings", "show", id, "--db", store.Db, "--json");

        import.Exit.ShouldBe(0, import.Err);
        var inspection = JsonDocument.Parse(import.Out).RootElement.GetProperty("inspection");
        (inspection.GetProperty("rule_set").GetString(), inspection.GetProperty("messages").GetInt64(), inspection.GetProperty("watermark").GetInt64())
            .ShouldBe(("default", 2, 2));
        inspection.GetProperty("findings").GetInt32().ShouldBeGreaterThan(0);
        var first = JsonDocument.Parse(list.Out.Split('\n')[0]).RootElement;
        (first.GetProperty("message").GetString(), first.GetProperty("status").GetString(), first.GetProperty("rule_version").GetString()).ShouldBe(("m1", "open", "1"));
        first.GetProperty("matches")[0].GetProperty("text").GetString().ShouldBe("加V：abc12345");
        confirm.Out.ShouldBe($"finding {id}: confirmed by lin{Environment.NewLine}");
        var audit = JsonDocument.Parse(show.Out).RootElement.GetProperty("audit")[0];
        (audit.GetProperty("action").GetString(), audit.GetProperty("actor").GetString(), audit.GetProperty("comment").GetString())
            .ShouldBe(("confirmed", "lin", "lead stealing"));
    }

    [Fact]
    public async Task Import_with_no_inspect_leaves_the_messages_to_inspect_pending()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var feed = _files.Write("feed.jsonl", string.Join('\n', Message("m1", "u1", 0, "加微信领红包"), Message("m2", "u2", 1, "你好")));
        var rules = KeywordRules();

        var import = await CliRunner.RunAsync("import", "--db", store.Db, "--no-inspect", feed);
        var none = await CliRunner.RunAsync("findings", "list", "--db", store.Db);
        var pending = await CliRunner.RunAsync("inspect", "--pending", "--rules", rules, "--db", store.Db);
        var again = await CliRunner.RunAsync("inspect", "--pending", "--rules", rules, "--db", store.Db, "--json");

        import.Out.ShouldNotContain("Inspected");
        none.Out.ShouldBe($"No findings match.{Environment.NewLine}");
        pending.Out.ShouldBe($"Inspected with 'ops': 2 messages, 0 joins; new findings: 1 (sensitive 1){Environment.NewLine}");
        JsonDocument.Parse(again.Out).RootElement.GetProperty("messages").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Import_and_pending_passes_use_the_workspace_rule_set_saved_in_the_dashboard_unless_rules_are_given()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        await CliRunner.RunAsync("import", "--db", store.Db, "--no-inspect", _files.Write("a.jsonl", Message("m1", "u1", 0, "你好")));
        long workspaceId;
        await using (var db = store.Store.CreateDbContext())
        {
            workspaceId = await db.Workspaces.Where(w => w.Name == "default").Select(w => w.Id).SingleAsync();
        }
        var own = """{"name":"ours","version":"3","rules":[{"name":"price","type":"keywords","category":"ads","parameters":{"words":["最低价"]}}]}""";
        await new CommunityOps.Inspection.RuleSets.WorkspaceRuleSets(store.Store).SaveAsync(workspaceId, own, "lin", null);

        var import = await CliRunner.RunAsync("import", "--db", store.Db, "--json", _files.Write("b.jsonl", Message("m2", "u2", 1, "全网最低价")));
        await CliRunner.RunAsync("import", "--db", store.Db, "--no-inspect", _files.Write("c.jsonl", Message("m3", "u3", 2, "加微信领红包")));
        var given = await CliRunner.RunAsync("inspect", "--pending", "--rules", KeywordRules(), "--db", store.Db, "--json");

        import.Exit.ShouldBe(0, import.Err);
        JsonDocument.Parse(import.Out).RootElement.GetProperty("inspection").GetProperty("rule_set").GetString().ShouldBe("ours");
        JsonDocument.Parse(given.Out).RootElement.GetProperty("rule_set").GetString().ShouldBe("ops");
        var list = await CliRunner.RunAsync("findings", "list", "--db", store.Db, "--json");
        list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(f => (f.GetProperty("message").GetString(), f.GetProperty("rule").GetString(), f.GetProperty("rule_version").GetString()))
            .OrderBy(f => f.Item1).ShouldBe([("m2", "price", "3"), ("m3", "kw", "3")]);
    }

    [Fact]
    public async Task Inspect_community_rescans_stored_history_and_says_what_was_already_known()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var feed = _files.Write("feed.jsonl", string.Join('\n', Message("m1", "u1", 0, "加微信领红包"), Message("m2", "u2", 1, "微信号多少")));
        await CliRunner.RunAsync("import", "--db", store.Db, "--no-inspect", feed);

        var first = await CliRunner.RunAsync("inspect", "--community", "c1", "--rules", KeywordRules(), "--db", store.Db, "--lang", "zh-CN");
        var second = await CliRunner.RunAsync("inspect", "--community", "c1", "--rules", KeywordRules("\"加微信\""), "--db", store.Db);
        var unknown = await CliRunner.RunAsync("inspect", "--community", "c9", "--rules", KeywordRules(), "--db", store.Db);

        first.Out.ShouldBe($"已用规则集“ops”质检：2 条消息，0 次入群；新增发现 2 条 (sensitive 2){Environment.NewLine}");
        second.Out.ShouldBe($"Inspected with 'ops': 2 messages, 0 joins; new findings: 0{Environment.NewLine}" +
            $"  already stored: 1 unchanged, 0 updated, 0 kept as reviewed; withdrawn: 0{Environment.NewLine}");
        (unknown.Exit, unknown.Err).ShouldBe((2, $"error: no community 'c9' in workspace 'default' (give its id, platform id or name){Environment.NewLine}"));
    }

    [Fact]
    public async Task Inspect_evaluate_prints_precision_recall_and_F1_on_a_labelled_file()
    {
        var labelled = _files.Write("labelled.txt", "加微信领红包==1\n今天天气不错==0\n私聊我有好货==1\n微信支付可以吗==0\n");

        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", "evaluate", "--rules", KeywordRules("\"加微信\"", category: "ads"), "--file", labelled,
            "--split", "all", "--json");

        exit.ShouldBe(0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        (json.GetProperty("tp").GetInt32(), json.GetProperty("fp").GetInt32(), json.GetProperty("fn").GetInt32(), json.GetProperty("tn").GetInt32()).ShouldBe((1, 0, 1, 2));
        (json.GetProperty("precision").GetDouble(), json.GetProperty("recall").GetDouble(), json.GetProperty("f1").GetDouble()).ShouldBe((1.0, 0.5, 0.6667));
        json.GetProperty("categories")[0].GetString().ShouldBe("ads");
    }

    [Fact]
    public async Task Inspect_train_writes_a_model_file_with_its_dev_metrics()
    {
        var output = _files.Path("models");

        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", "train", "--model", "ads", "--output", output, "--json");

        exit.ShouldBe(0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        json.GetProperty("model").GetString().ShouldBe("ads");
        json.GetProperty("f1").GetDouble().ShouldBeGreaterThan(0.5);
        File.Exists(Path.Combine(output, "ads.model")).ShouldBeTrue();
    }

    public void Dispose() => _files.Dispose();
}
