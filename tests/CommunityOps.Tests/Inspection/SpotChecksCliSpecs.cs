using System.Globalization;
using System.Text.Json;
using CommunityOps.Tests.Cli;
using CommunityOps.Tests.Infra;
using static CommunityOps.Tests.Inspection.StoredInspectionKit;

namespace CommunityOps.Tests.Inspection;

public sealed class SpotChecksCliSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_spot_check_runs_from_plan_to_final_decision_on_the_command_line()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var feed = _files.Write("feed.jsonl", string.Join('\n',
            Message("q1", "u1", 0, "怎么开发票"), Message("a1", "op1", 3, "订单页可以申请", staff: true, replyTo: "q1"),
            Message("q2", "u2", 10, "发货了吗"), Message("a2", "op1", 12, "今天发出", staff: true)));
        var rubric = _files.Write("rubric.json", """
            { "name": "service", "version": "2", "base": 100, "passMark": 90,
              "items": [ { "id": "late", "title": "回复慢", "points": -10 }, { "id": "private-deal", "title": "私单", "fatal": true } ] }
            """);
        await CliRunner.RunAsync("import", "--db", store.Db, "--no-inspect", feed);
        string[] db = ["--db", store.Db];

        var plan = await CliRunner.RunAsync(["spotchecks", "plan", "--name", "march", "--from", "2026-03-01", "--to", "2026-04-01", "--timezone", "Asia/Shanghai",
            "--percent", "50", "--seed", "5", "--rubric", rubric, "--by", "manager", "--json", .. db]);
        var planId = JsonDocument.Parse(plan.Out).RootElement.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var sample = await CliRunner.RunAsync(["spotchecks", "sample", planId, "--by", "manager", "--json", .. db]);
        var sampleId = JsonDocument.Parse(sample.Out).RootElement.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var score = await CliRunner.RunAsync(["spotchecks", "score", sampleId, "--inspector", "qa", "--item", "late=-5:十分钟才回", .. db]);
        var appeal = await CliRunner.RunAsync(["spotchecks", "appeal", sampleId, "--by", "op1", "--reason", "会员下午才在线", .. db]);
        var decide = await CliRunner.RunAsync(["spotchecks", "decide", sampleId, "--by", "lead", "--amend", "--comment", "不算慢", "--json", .. db]);
        var show = await CliRunner.RunAsync(["spotchecks", "show", planId, .. db]);

        plan.Exit.ShouldBe(0, plan.Err);
        JsonDocument.Parse(plan.Out).RootElement.GetProperty("from").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        sample.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
        score.Out.ShouldContain("late -5 回复慢 — 十分钟才回");
        score.Out.ShouldContain("95 pass");
        appeal.Out.ShouldContain("appealed");
        var decided = JsonDocument.Parse(decide.Out).RootElement;
        (decided.GetProperty("sample").GetProperty("total").GetInt32(), decided.GetProperty("sample").GetProperty("failed").GetBoolean()).ShouldBe((100, false));
        decided.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["scored", "appealed", "decided"]);
        show.Out.ShouldContain("c1 / op1: sampled 1, scored 1, failed 0, average 100.0");
    }

    [Fact]
    public async Task Bad_spot_check_input_exits_2_with_one_line_naming_the_field()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        await CliRunner.RunAsync("import", "--db", store.Db, "--no-inspect", _files.Write("feed.jsonl", Message("q1", "u1", 0, "hi")));
        var rubric = _files.Write("bad-rubric.json", """{ "items": [ { "id": "late", "points": "ten" } ] }""");
        string[] plan = ["spotchecks", "plan", "--name", "p", "--from", "2026-03-01", "--to", "2026-04-01", "--by", "m", "--db", store.Db];

        var bothAmounts = await CliRunner.RunAsync([.. plan, "--percent", "5", "--count", "2"]);
        var badRubric = await CliRunner.RunAsync([.. plan, "--count", "2", "--rubric", rubric]);
        var badTime = await CliRunner.RunAsync(["spotchecks", "plan", "--name", "p", "--from", "March", "--to", "2026-04-01", "--by", "m", "--count", "1", "--db", store.Db]);
        var noSample = await CliRunner.RunAsync("spotchecks", "score", "77", "--inspector", "qa", "--db", store.Db);
        var badItem = await CliRunner.RunAsync("spotchecks", "score", "77", "--inspector", "qa", "--item", "=3", "--db", store.Db);

        (bothAmounts.Exit, bothAmounts.Err).ShouldBe((2, $"error: a plan needs exactly one of --percent P or --count N{Environment.NewLine}"));
        (badRubric.Exit, badRubric.Err).ShouldBe((2, $"error: {rubric}: items[0].points must be a whole number{Environment.NewLine}"));
        (badTime.Exit, badTime.Err).ShouldBe((2, $"error: --from: 'March' is not a date (2026-01-01), a date and time (2026-01-01T09:00) or an instant with an offset{Environment.NewLine}"));
        (noSample.Exit, noSample.Err).ShouldBe((2, $"error: no spot-check sample with id 77{Environment.NewLine}"));
        (badItem.Exit, badItem.Err).ShouldBe((2, $"error: --item '=3' is not ID, ID=POINTS, ID:COMMENT or ID=POINTS:COMMENT{Environment.NewLine}"));
    }

    public void Dispose() => _files.Dispose();
}
