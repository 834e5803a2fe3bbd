using CommunityOps.Tests.Infra;
using static CommunityOps.Tests.Ingestion.TelegramFixtures;

namespace CommunityOps.Tests.Cli;

/// <summary>A refused command says why in the language the CLI speaks: Core's messages and the CLI's own.</summary>
public sealed class ErrorLanguageSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private (string Path, int Line) TruncatedExport()
    {
        var whole = Chat(string.Join(",\n", Message(1, "Ann", "user1", T0), Message(2, "Ann", "user1", T0 + 1)));
        var cut = whole[..whole.IndexOf("\"id\": 2", StringComparison.Ordinal)];
        return (_files.Write("result.json", cut), cut.Split('\n').Length);
    }

    [Fact]
    public async Task A_truncated_export_is_refused_in_Chinese_naming_the_file_and_the_line()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var (path, line) = TruncatedExport();

        var (exit, _, err) = await CliRunner.RunAsync("import", "--lang", "zh-CN", "--db", store.Db, path);

        exit.ShouldBe(2);
        err.ShouldBe($"错误: {path}:{line}：JSON 格式错误（文件在对象或数组中间就结束了（文件被截断？））{Environment.NewLine}");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task The_same_refusal_in_English_is_unchanged()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var (path, line) = TruncatedExport();

        var (exit, _, err) = await CliRunner.RunAsync("import", "--lang", "en", "--db", store.Db, path);

        exit.ShouldBe(2);
        err.ShouldBe($"error: {path}:{line}: invalid JSON (the file ends inside an object or array (truncated?)){Environment.NewLine}");
    }

    [Fact]
    public async Task A_bad_option_value_is_refused_in_the_chosen_language()
    {
        var zh = await CliRunner.RunAsync("members", "--lang", "zh-CN", "--db", _files.Path("x.db"), "--community", "c1", "--layer", "lurkers");
        var en = await CliRunner.RunAsync("members", "--lang", "en", "--db", _files.Path("x.db"), "--community", "c1", "--layer", "lurkers");

        (zh.Exit, zh.Err).ShouldBe((2, $"错误: --layer：未知分层“lurkers”；可选 new、active、casual、silent 或 churned{Environment.NewLine}"));
        (en.Exit, en.Err).ShouldBe((2, $"error: --layer: unknown layer 'lurkers'; expected new, active, casual, silent or churned{Environment.NewLine}"));
    }

    public void Dispose() => _files.Dispose();
}
