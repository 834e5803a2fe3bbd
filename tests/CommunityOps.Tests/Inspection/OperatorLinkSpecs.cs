using CommunityOps.Accounts;
using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Inspection;

/// <summary>OperatorLinkService over the store: the operators of a workspace, and links that stay inside it.</summary>
public sealed class OperatorLinkSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private sealed record World(TestStore Store, long Alpha, long Beta, Dictionary<string, long> Members);

    /// <summary>
    /// alpha: Coffee Club (staff Ann, Staff Sam; member 小明) and Tea Corner (staff Sam, the same person as
    /// Staff Sam, and Zed, who never wrote); beta: Beta Club (staff Beta Boss). Accounts: sam and ann in
    /// alpha, bob in beta, the owner everywhere.
    /// </summary>
    private async Task<World> WorldAsync(string provider)
    {
        var store = await TestStore.CreateAsync(provider);
        var alpha = _files.Write("alpha.jsonl", string.Join('\n',
            WebData.Join("c1", "Coffee Club", "ann", "Ann", "2026-02-01T09:00:00+08:00", staff: true),
            WebData.Join("c1", "Coffee Club", "sam1", "Staff Sam", "2026-02-01T09:00:00+08:00", staff: true),
            WebData.Join("c1", "Coffee Club", "u2", "小明", "2026-02-01T10:00:00+08:00"),
            WebData.Join("c2", "Tea Corner", "sam2", "Sam", "2026-02-01T09:00:00+08:00", staff: true),
            WebData.Join("c2", "Tea Corner", "zed", "Zed", "2026-02-01T09:00:00+08:00", staff: true),
            WebData.Message("c1", "m1", "ann", "2026-02-02T09:00:00+08:00", "早"),
            WebData.Message("c1", "m2", "ann", "2026-02-02T09:01:00+08:00", "大家好"),
            WebData.Message("c1", "m3", "ann", "2026-02-02T09:02:00+08:00", "欢迎"),
            WebData.Message("c1", "m4", "sam1", "2026-02-02T09:03:00+08:00", "在的"),
            WebData.Message("c1", "m5", "u2", "2026-02-02T09:04:00+08:00", "你好"),
            WebData.Message("c1", "m6", "u2", "2026-02-02T09:05:00+08:00", "在吗"),
            WebData.Message("c2", "t1", "sam2", "2026-02-02T09:00:00+08:00", "hi"),
            WebData.Message("c2", "t2", "sam2", "2026-02-03T09:00:00+08:00", "hello")) + "\n");
        var beta = _files.Write("beta.jsonl", WebData.Join("c9", "Beta Club", "boss", "Beta Boss", "2026-02-01T09:00:00+08:00", staff: true) + "\n");
        await Task.Run(() =>
        {
            new CommunityOps.Ingestion.ImportService(store.Store).Import([alpha], new CommunityOps.Ingestion.ImportOptions { Workspace = "alpha" });
            new CommunityOps.Ingestion.ImportService(store.Store).Import([beta], new CommunityOps.Ingestion.ImportOptions { Workspace = "beta" });
        });
        var accounts = new AccountService(store.Store);
        await accounts.EnsureOwnerAsync("owner password 123");
        await accounts.AddUserAsync("sam@alpha.example", Role.Operator, "alpha", "password of sam");
        await accounts.AddUserAsync("ann@alpha.example", Role.Operator, "alpha", "password of ann");
        await accounts.AddUserAsync("bob@beta.example", Role.Operator, "beta", "password of bob");
        await using var db = store.Store.CreateDbContext();
        return new World(store,
            await db.Workspaces.Where(w => w.Name == "alpha").Select(w => w.Id).SingleAsync(),
            await db.Workspaces.Where(w => w.Name == "beta").Select(w => w.Id).SingleAsync(),
            await db.Members.ToDictionaryAsync(m => m.SourceId, m => m.Id));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_operators_of_a_workspace_are_its_staff_by_name_with_message_counts_searchable_by_name_or_community_and_paged(string provider)
    {
        var world = await WorldAsync(provider);
        await using var owned = world.Store;
        var service = new OperatorLinkService(world.Store.Store);

        var all = await service.ListAsync(world.Alpha, new OperatorFilter());
        var secondPage = await service.ListAsync(world.Alpha, new OperatorFilter(Page: 2, PageSize: 3));
        var samByName = await service.ListAsync(world.Alpha, new OperatorFilter(Query: " SAM "));
        var teaByCommunityName = await service.ListAsync(world.Alpha, new OperatorFilter(Query: "tea"));
        var inCoffee = await service.ListAsync(world.Alpha, new OperatorFilter(CommunityId: all.Items.Single(o => o.DisplayName == "Ann").CommunityId));
        var percent = await service.ListAsync(world.Alpha, new OperatorFilter(Query: "%"));

        all.Items.Select(o => (o.DisplayName, o.Community, o.Platform, o.Messages)).ShouldBe([
            ("Ann", "Coffee Club", "other", 3), ("Sam", "Tea Corner", "other", 2), ("Staff Sam", "Coffee Club", "other", 1), ("Zed", "Tea Corner", "other", 0)]);
        all.Total.ShouldBe(4);
        all.Items.ShouldAllBe(o => o.IsStaff && o.Link == null);
        secondPage.Total.ShouldBe(4);
        secondPage.Items.Select(o => o.DisplayName).ShouldBe(["Zed"]);
        samByName.Items.Select(o => o.DisplayName).ShouldBe(["Sam", "Staff Sam"]);
        teaByCommunityName.Items.Select(o => o.DisplayName).ShouldBe(["Sam", "Zed"]);
        inCoffee.Items.Select(o => o.DisplayName).ShouldBe(["Ann", "Staff Sam"]);
        percent.Items.ShouldBeEmpty();
        (await service.ListAsync(world.Beta, new OperatorFilter())).Items.Select(o => o.DisplayName).ShouldBe(["Beta Boss"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_operator_is_linked_relinked_and_unlinked_and_every_change_is_in_the_audit_log(string provider)
    {
        var world = await WorldAsync(provider);
        await using var owned = world.Store;
        var service = new OperatorLinkService(world.Store.Store);
        var (staffSam, sam) = (world.Members["sam1"], world.Members["sam2"]);

        var first = await service.LinkAsync(staffSam, " Ann@Alpha.Example ", "admin@localhost");
        var relinked = await service.LinkAsync(staffSam, "sam@alpha.example", "manager@alpha.example");
        var again = await service.LinkAsync(staffSam, "sam@alpha.example", "someone-else");
        var second = await service.LinkAsync(sam, "sam@alpha.example", "admin@localhost");

        (first!.MemberId, first.Email, first.Role, first.CanAppeal, first.LinkedBy, first.Identities).ShouldBe((staffSam, "ann@alpha.example", "operator", true, "admin@localhost", 1));
        (relinked!.Email, relinked.LinkedBy).ShouldBe(("sam@alpha.example", "manager@alpha.example"));
        // Linking to the account it already has is no change: the first linker stays on record.
        again!.LinkedBy.ShouldBe("manager@alpha.example");
        second!.Identities.ShouldBe(2);
        var linked = await service.ListAsync(world.Alpha, new OperatorFilter(IsLinked: true));
        linked.Items.Select(o => (o.DisplayName, o.Link!.Email, o.Link.Identities)).ShouldBe([("Sam", "sam@alpha.example", 2), ("Staff Sam", "sam@alpha.example", 2)]);
        (await service.ListAsync(world.Alpha, new OperatorFilter(IsLinked: false))).Items.Select(o => o.DisplayName).ShouldBe(["Ann", "Zed"]);
        (await service.ListAsync(world.Alpha, new OperatorFilter(UserId: second.UserId))).Total.ShouldBe(2);
        (await service.AccountsAsync(world.Alpha)).Select(a => (a.Email, a.Role, a.Identities))
            .ShouldBe([("admin@localhost", "admin", 0), ("ann@alpha.example", "operator", 0), ("sam@alpha.example", "operator", 2)]);

        (await service.UnlinkAsync(staffSam, "admin@localhost")).ShouldBeTrue();
        (await service.UnlinkAsync(staffSam, "admin@localhost")).ShouldBeFalse();

        (await service.ListAsync(world.Alpha, new OperatorFilter(MemberId: staffSam))).Items.Single().Link.ShouldBeNull();
        (await service.ListAsync(world.Alpha, new OperatorFilter(MemberId: sam))).Items.Single().Link!.Identities.ShouldBe(1);
        var history = await service.HistoryAsync(world.Alpha, 10);
        history.Select(h => (h.Action, h.Operator, h.From, h.To)).ShouldBe([
            ("unlinked", "Staff Sam", "sam@alpha.example", null), ("linked", "Sam", null, "sam@alpha.example"),
            ("linked", "Staff Sam", "ann@alpha.example", "sam@alpha.example"), ("linked", "Staff Sam", null, "ann@alpha.example")]);
        (await InspectionAuditLog.ForAsync(world.Store.Store, AuditSubjects.Operator, staffSam)).Select(a => a.Actor)
            .ShouldBe(["admin@localhost", "manager@alpha.example", "admin@localhost"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_link_joins_an_operator_to_an_active_account_of_its_own_workspace_only(string provider)
    {
        var world = await WorldAsync(provider);
        await using var owned = world.Store;
        var service = new OperatorLinkService(world.Store.Store);
        await using (var db = world.Store.Store.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == "ann@alpha.example").ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, DateTimeOffset.UnixEpoch));
        }

        (await service.LinkAsync(world.Members["ann"], "bob@beta.example", "admin")).ShouldBeNull();
        (await service.LinkAsync(world.Members["ann"], "ann@alpha.example", "admin")).ShouldBeNull();
        (await service.LinkAsync(world.Members["ann"], "nobody@alpha.example", "admin")).ShouldBeNull();
        (await Should.ThrowAsync<CommunityOpsException>(() => service.LinkAsync(world.Members["u2"], "sam@alpha.example", "admin"))).Message.ShouldContain("not staff");
        // The owner is admin in every workspace, so it may be one of the operators there.
        (await service.LinkAsync(world.Members["ann"], "admin@localhost", "admin"))!.Role.ShouldBe("admin");
        (await service.LinkAsync(world.Members["boss"], "bob@beta.example", "admin"))!.Identities.ShouldBe(1);
        (await service.LinkAsync(world.Members["zed"], "admin@localhost", "admin"))!.Identities.ShouldBe(2);
        (await service.LinkAsync(world.Members["boss"], "admin@localhost", "admin"))!.Identities.ShouldBe(1);

        (await service.ListAsync(world.Alpha, new OperatorFilter(IsLinked: true))).Items.Select(o => o.DisplayName).ShouldBe(["Ann", "Zed"]);
        (await service.AccountsAsync(world.Alpha)).Select(a => a.Email).ShouldBe(["admin@localhost", "sam@alpha.example"]);
        (await service.AccountsAsync(world.Beta)).Select(a => (a.Email, a.Identities)).ShouldBe([("admin@localhost", 1), ("bob@beta.example", 0)]);
        (await service.HistoryAsync(world.Beta, 10)).Select(h => h.Operator).ShouldBe(["Beta Boss", "Beta Boss"]);
        await using var check = world.Store.Store.CreateDbContext();
        (await check.OperatorLinks.Where(l => l.MemberId == world.Members["boss"]).Select(l => l.WorkspaceId).SingleAsync()).ShouldBe(world.Beta);
    }

    public void Dispose() => _files.Dispose();
}
