using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Inspection.Audit;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using CommunityOps.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Cli;

/// <summary>`communityops operators list|link|unlink`: the Operators page's links from a terminal.</summary>
public sealed class OperatorsCommandSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>alpha: Coffee Club with staff Ann and a staff member whose name tries to forge a row; member 小明. beta: staff Boss. Accounts ann (alpha), bob (beta).</summary>
    private async Task<(TestStore Store, Dictionary<string, long> Members)> WorldAsync(string provider)
    {
        var store = await TestStore.CreateAsync(provider);
        var alpha = _files.Write("alpha.jsonl", string.Join('\n',
            WebData.Join("c1", "Coffee Club", "ann", "Ann", "2026-02-01T09:00:00+08:00", staff: true),
            WebData.Join("c1", "Coffee Club", "eve", "Eve\n999\tFake\tRow", "2026-02-01T09:00:00+08:00", staff: true),
            WebData.Join("c1", "Coffee Club", "u2", "小明", "2026-02-01T10:00:00+08:00"),
            WebData.Message("c1", "m1", "ann", "2026-02-02T09:00:00+08:00", "早"),
            WebData.Message("c1", "m2", "ann", "2026-02-02T09:01:00+08:00", "大家好")) + "\n");
        var beta = _files.Write("beta.jsonl", WebData.Join("c9", "Beta Club", "boss", "Boss", "2026-02-01T09:00:00+08:00", staff: true) + "\n");
        await Task.Run(() =>
        {
            new CommunityOps.Ingestion.ImportService(store.Store).Import([alpha], new CommunityOps.Ingestion.ImportOptions { Workspace = "alpha" });
            new CommunityOps.Ingestion.ImportService(store.Store).Import([beta], new CommunityOps.Ingestion.ImportOptions { Workspace = "beta" });
        });
        var accounts = new AccountService(store.Store);
        await accounts.AddUserAsync("ann@alpha.example", Role.Operator, "alpha", "password of ann");
        await accounts.AddUserAsync("bob@beta.example", Role.Operator, "beta", "password of bob");
        await using var db = store.Store.CreateDbContext();
        return (store, await db.Members.ToDictionaryAsync(m => m.SourceId, m => m.Id));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_operator_is_listed_linked_and_unlinked_from_the_command_line_with_each_change_audited(string provider)
    {
        var (store, members) = await WorldAsync(provider);
        await using var owned = store;
        var ann = members["ann"];

        var (exit, before, err) = await CliRunner.RunAsync("operators", "list", "--db", store.Db, "--workspace", "alpha");
        exit.ShouldBe(0, err);
        // One row per staff identity, whatever its name holds: a newline or tab from chat forges no row or column.
        before.TrimEnd('\n').Split('\n').Select(l => l.Split('\t')).Select(c => (c.Length, c[1], c[4], c[5]))
            .ShouldBe([(6, "Ann", "2", "(no account)"), (6, "Eve 999 Fake Row", "0", "(no account)")]);
        err.ShouldContain("2 operator(s), 0 linked");

        (exit, var linked, err) = await CliRunner.RunAsync("operators", "link", ann.ToString(System.Globalization.CultureInfo.InvariantCulture), "--email", "Ann@Alpha.Example", "--by", "lead", "--db", store.Db);
        exit.ShouldBe(0, err);
        linked.ShouldContain("ann@alpha.example");

        (_, var json, _) = await CliRunner.RunAsync("operators", "list", "--db", store.Db, "--workspace", "alpha", "--json");
        var listed = JsonDocument.Parse(json).RootElement.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("member_id").GetInt64() == ann);
        listed.GetProperty("link").GetProperty("email").GetString().ShouldBe("ann@alpha.example");
        (_, var unlinkedOnly, _) = await CliRunner.RunAsync("operators", "list", "--db", store.Db, "--workspace", "alpha", "--unlinked");
        unlinkedOnly.ShouldNotContain("Ann");

        (exit, var unlinked, err) = await CliRunner.RunAsync("operators", "unlink", ann.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "lead", "--db", store.Db);
        exit.ShouldBe(0, err);
        unlinked.ShouldContain("no longer linked");
        (exit, var again, _) = await CliRunner.RunAsync("operators", "unlink", ann.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "lead", "--db", store.Db);
        exit.ShouldBe(0);
        again.ShouldContain("was not linked");

        await using var db = store.Store.CreateDbContext();
        (await db.OperatorLinks.CountAsync()).ShouldBe(0);
        (await db.InspectionAudit.Where(a => a.Subject == AuditSubjects.Operator).OrderBy(a => a.Id).Select(a => a.Action + " " + a.Actor).ToListAsync())
            .ShouldBe(["linked lead", "unlinked lead"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_account_of_another_workspace_is_refused_with_exit_2_in_the_users_language_and_nothing_is_linked(string provider)
    {
        var (store, members) = await WorldAsync(provider);
        await using var owned = store;
        var ann = members["ann"].ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, _, err) = await CliRunner.RunAsync("operators", "link", ann, "--email", "bob@beta.example", "--by", "lead", "--db", store.Db);
        var (zhExit, _, zhErr) = await CliRunner.RunAsync("--lang", "zh-CN", "operators", "link", ann, "--email", "bob@beta.example", "--by", "lead", "--db", store.Db);
        var (noWorkspace, _, noWorkspaceErr) = await CliRunner.RunAsync("operators", "list", "--db", store.Db, "--workspace", "gamma");

        (exit, zhExit, noWorkspace).ShouldBe((2, 2, 2));
        err.ShouldContain("no active account 'bob@beta.example'");
        zhErr.ShouldContain("没有有效账号“bob@beta.example”");
        noWorkspaceErr.ShouldContain("gamma");
        await using var db = store.Store.CreateDbContext();
        (await db.OperatorLinks.CountAsync()).ShouldBe(0);
    }

    public void Dispose() => _files.Dispose();
}
