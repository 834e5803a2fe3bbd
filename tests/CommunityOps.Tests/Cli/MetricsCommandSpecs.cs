using System.Text.Json;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Cli;

public sealed class MetricsCommandSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private const string Feed = """
        {"type":"join","community":"c1","community_name":"Club","time_zone":"Asia/Shanghai","member":"u1","time":"2026-03-02T09:00:00+08:00"}
        {"type":"message","community":"c1","id":"m1","member":"u1","time":"2026-03-02T10:00:00+08:00","text":"请问几点开始？"}
        {"type":"message","community":"c1","id":"m2","member":"s1","is_staff":true,"time":"2026-03-02T10:05:00+08:00","text":"晚上八点","reply_to":"m1"}
        {"type":"message","community":"c1","id":"m3","member":"u2","time":"2026-03-03T23:30:00+08:00","text":"hi"}
        """;

    [Fact]
    public async Task Metrics_json_carries_the_documented_shape_in_the_community_zone()
    {
        var db = _files.Path("store.db");
        (await CliRunner.RunAsync("import", "--db", db, "--no-inspect", _files.Write("feed.jsonl", Feed))).Exit.ShouldBe(0);

        var (exit, output, err) = await CliRunner.RunAsync("metrics", "--db", db, "--community", "Club", "--from", "2026-03-02", "--to", "2026-03-03", "--json");

        exit.ShouldBe(0, err);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        r.GetProperty("tz").GetString().ShouldBe("Asia/Shanghai");
        r.GetProperty("from").GetString().ShouldBe("2026-03-02");
        var days = r.GetProperty("days").EnumerateArray().ToList();
        days.Select(d => d.GetProperty("messages").GetInt32()).ShouldBe([1, 1]);
        days.Select(d => d.GetProperty("dau").GetInt32()).ShouldBe([1, 1]);
        days.Select(d => d.GetProperty("joined").GetInt32()).ShouldBe([1, 1]);
        r.GetProperty("heatmap").GetProperty("messages")[1][23].GetInt32().ShouldBe(1);
        r.GetProperty("response").GetProperty("answered").GetInt32().ShouldBe(1);
        r.GetProperty("response").GetProperty("median_seconds").GetInt32().ShouldBe(300);
    }

    [Fact]
    public async Task Members_lists_a_layer_with_reasons_and_rejects_an_unknown_layer()
    {
        var db = _files.Path("store.db");
        await CliRunner.RunAsync("import", "--db", db, "--no-inspect", _files.Write("feed.jsonl", Feed));

        var ok = await CliRunner.RunAsync("members", "--db", db, "--community", "Club", "--to", "2026-04-30", "--layer", "silent", "--json");
        var bad = await CliRunner.RunAsync("members", "--db", db, "--community", "Club", "--layer", "sleepy");

        ok.Exit.ShouldBe(0, ok.Err);
        using var json = JsonDocument.Parse(ok.Out);
        var members = json.RootElement.GetProperty("members").EnumerateArray().ToList();
        members.Count.ShouldBe(2);
        members.ShouldAllBe(m => m.GetProperty("reason").GetString()!.StartsWith("no message since", StringComparison.Ordinal));
        bad.Exit.ShouldBe(2);
        bad.Err.ShouldContain("unknown layer 'sleepy'");
    }

    public void Dispose() => _files.Dispose();
}
