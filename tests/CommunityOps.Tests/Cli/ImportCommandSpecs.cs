using System.IO.Compression;
using System.Text.Json;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Cli;

public sealed class ImportCommandSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private const string Feed = """
        {"type":"message","community":"c1","id":"m1","member":"u1","time":"2026-01-05T20:31:00+08:00","text":"hi"}
        {"type":"message","community":"c1","id":"m2","member":"u2","time":"2026-01-05T20:32:00+08:00","text":"hello"}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Import_json_prints_what_this_run_added_and_counts_duplicates_on_retry(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("feed.jsonl", Feed);

        var first = await CliRunner.RunAsync("import", "--db", store.Db, "--json", path);
        var second = await CliRunner.RunAsync("import", "--db", store.Db, "--json", path);

        first.Exit.ShouldBe(0, first.Err);
        first.Out.Trim().ShouldBe("""{"format":"jsonl","files":1,"communities":1,"members":2,"messages":2,"joins":0,"leaves":0,"reactions":0,"duplicates":0,"warnings":[],"import_id":1,"inspection":{"rule_set":"default","messages":2,"joins":0,"findings":0,"updated":0,"unchanged":0,"kept":0,"withdrawn":0,"categories":{},"watermark":2,"complete":true}}""");
        using var json = JsonDocument.Parse(second.Out);
        json.RootElement.GetProperty("messages").GetInt64().ShouldBe(0);
        json.RootElement.GetProperty("duplicates").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Me_names_the_WhatsApp_exporter_whom_system_lines_call_You()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("WhatsApp Chat with Club.txt", """
            05/01/2026, 09:02 - You added Bo
            13/01/2026, 20:31 - Ann: Welcome!
            13/01/2026, 20:32 - Bo: hi
            """);

        var (exit, output, err) = await CliRunner.RunAsync("import", "--db", store.Db, "--json", "--me", "Ann", path);

        exit.ShouldBe(0, err);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("members").GetInt32().ShouldBe(2);
        json.RootElement.GetProperty("warnings").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_one_line_naming_it()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var missing = _files.Path("nope.json");

        var (exit, _, err) = await CliRunner.RunAsync("import", "--db", store.Db, missing);

        exit.ShouldBe(2);
        err.ShouldBe($"error: {missing}: no such file or folder{Environment.NewLine}");
    }

    [Fact]
    public async Task An_empty_file_and_binary_garbage_are_rejected_with_exit_2_and_nothing_stored()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var empty = _files.Write("empty.json", "");
        var garbage = _files.Write("garbage.bin", Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray());

        var a = await CliRunner.RunAsync("import", "--db", store.Db, empty);
        var b = await CliRunner.RunAsync("import", "--db", store.Db, garbage);

        a.Exit.ShouldBe(2);
        a.Err.ShouldContain($"{empty}: the file is empty");
        b.Exit.ShouldBe(2);
        b.Err.ShouldContain($"{garbage}: not a recognized chat export");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task A_zip_with_a_parent_path_entry_is_refused_and_nothing_is_stored()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var zipPath = _files.Path("evil.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("feed.jsonl").Open()))
            {
                writer.Write(Feed);
            }
            using (var writer = new StreamWriter(zip.CreateEntry("../../etc/evil.jsonl").Open()))
            {
                writer.Write(Feed);
            }
        }

        var (exit, _, err) = await CliRunner.RunAsync("import", "--db", store.Db, zipPath);

        exit.ShouldBe(2);
        err.ShouldContain("entry '../../etc/evil.jsonl' has an unsafe path");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_inflated()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var zipPath = _files.Path("bomb.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("feed.jsonl", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                stream.Write(zeros);
            }
        }

        var (exit, _, err) = await CliRunner.RunAsync("import", "--db", store.Db, zipPath);

        exit.ShouldBe(2);
        err.ShouldContain("zip bomb");
    }

    [Fact]
    public async Task Messages_come_in_Chinese_when_asked()
    {
        var (exit, _, err) = await CliRunner.RunAsync("import", "--lang", "zh-CN", "--db", _files.Path("x.db"), "--format", "bogus", "x");

        exit.ShouldBe(2);
        err.ShouldStartWith("错误: 未知格式“bogus”；可选：telegram");
    }

    [Fact]
    public async Task The_demo_is_the_same_on_every_run_so_a_second_run_adds_nothing()
    {
        await using var store = await TestStore.CreateAsync("sqlite");

        var first = await CliRunner.RunAsync("demo", "--db", store.Db, "--communities", "3", "--days", "30", "--json");
        var second = await CliRunner.RunAsync("demo", "--db", store.Db, "--communities", "3", "--days", "30", "--json");

        first.Exit.ShouldBe(0, first.Err);
        using var a = JsonDocument.Parse(first.Out);
        using var b = JsonDocument.Parse(second.Out);
        a.RootElement.GetProperty("communities").GetInt32().ShouldBe(3);
        a.RootElement.GetProperty("messages").GetInt64().ShouldBeGreaterThan(500);
        a.RootElement.GetProperty("joins").GetInt64().ShouldBeGreaterThan(50);
        a.RootElement.GetProperty("reactions").GetInt64().ShouldBeGreaterThan(50);
        b.RootElement.GetProperty("messages").GetInt64().ShouldBe(0);
        b.RootElement.GetProperty("duplicates").GetInt64().ShouldBe(a.RootElement.GetProperty("messages").GetInt64()
            + a.RootElement.GetProperty("joins").GetInt64() + a.RootElement.GetProperty("leaves").GetInt64() + a.RootElement.GetProperty("reactions").GetInt64());
    }

    [Fact]
    public async Task Communities_json_lists_totals_per_community()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        await CliRunner.RunAsync("import", "--db", store.Db, "--workspace", "acme", _files.Write("feed.jsonl", Feed));

        var (exit, output, _) = await CliRunner.RunAsync("communities", "--db", store.Db, "--json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var c = json.RootElement.EnumerateArray().Single();
        c.GetProperty("workspace").GetString().ShouldBe("acme");
        c.GetProperty("members").GetInt64().ShouldBe(2);
        c.GetProperty("messages").GetInt64().ShouldBe(2);
        c.GetProperty("first_activity").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 1, 5, 12, 31, 0, TimeSpan.Zero));
    }

    public void Dispose() => _files.Dispose();
}
