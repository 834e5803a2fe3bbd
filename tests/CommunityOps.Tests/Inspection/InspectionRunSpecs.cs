using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.Reviews;
using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Inspection.StoredInspectionKit;

namespace CommunityOps.Tests.Inspection;

public sealed class InspectionRunSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private static IEnumerable<string> Chat(int messages, string community = "c1") =>
        Enumerable.Range(0, messages).Select(i => Message($"{community}-m{i}", $"u{i % 7}", i, i % 3 == 0 ? $"第{i}条 加微信详聊" : $"第{i}条 你好"));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_rescan_stores_each_finding_once_and_records_the_rule_version(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, Chat(30));
        var community = await CommunityLookup.ResolveAsync(store.Store, "default", "c1");
        var runner = new InspectionRunner(store.Store, Keywords(version: "4"));

        var first = await runner.RescanAsync(community);
        var second = await runner.RescanAsync(community);

        first.Findings.ShouldBe(10);
        second.Findings.ShouldBe(0);
        second.Unchanged.ShouldBe(10);
        await using var db = store.Store.CreateDbContext();
        var stored = await db.Findings.ToListAsync();
        stored.Count.ShouldBe(10);
        stored.ShouldAllBe(f => f.RuleVersion == "4" && f.RuleSet == "test" && f.Rule == "kw" && f.Status == FindingStatus.Open);
        FindingMatches.Parse(stored.First().Matches).Select(m => m.Text).ShouldBe(["加微信", "微信"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_newer_rule_version_updates_open_findings_keeps_reviewed_ones_and_withdraws_what_it_no_longer_raises(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, [Message("m1", "u1", 0, "加微信"), Message("m2", "u2", 1, "加微信吧"), Message("m3", "u3", 2, "微信号多少")]);
        var community = await CommunityLookup.ResolveAsync(store.Store, "default", "c1");
        await new InspectionRunner(store.Store, Keywords(version: "1")).RescanAsync(community);
        var reviews = new FindingReviews(store.Store);
        var m2 = (await reviews.ListAsync(new FindingFilter())).Single(f => f.MessageId == "m2");
        await reviews.DecideAsync([m2.Id], ReviewAction.Confirm, "lin", "ad");

        // Version 2 no longer has the bare word 微信: m1 and m2 still match 加微信, m3 matches nothing.
        var summary = await new InspectionRunner(store.Store, Keywords(version: "2", words: "\"加微信\"")).RescanAsync(community);

        (summary.Findings, summary.Updated, summary.Kept, summary.Withdrawn).ShouldBe((0, 1, 1, 1));
        var after = await reviews.ListAsync(new FindingFilter());
        after.Select(f => (f.MessageId, f.RuleVersion, f.Status, f.Matches.Count)).OrderBy(f => f.MessageId)
            .ShouldBe([("m1", "2", "open", 1), ("m2", "1", "confirmed", 2)]);
        var withdrawn = await QueryAsync(store, db => db.InspectionAudit.SingleAsync(a => a.Action == "withdrawn"));
        withdrawn.Actor.ShouldBe(AuditActors.Inspection);
        withdrawn.Comment!.ShouldContain("version 1 -> 2");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_pending_pass_inspects_each_import_once_and_moves_the_watermark(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var runner = new InspectionRunner(store.Store, Keywords());
        await store.ImportAsync(_files, Chat(12));

        var first = await runner.RunPendingAsync("default");
        var idle = await runner.RunPendingAsync("default");
        await store.ImportAsync(_files, Chat(6, community: "c2"));
        var second = await runner.RunPendingAsync("default");

        (first.Messages, first.Findings).ShouldBe((12, 4));
        (idle.Messages, idle.Findings).ShouldBe((0, 0));
        (second.Messages, second.Findings).ShouldBe((6, 2));
        second.Watermark.ShouldBe(18);
        (await InspectionRunner.HasPendingAsync(store.Store, "default")).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_pass_stopped_after_N_messages_resumes_where_it_stopped_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, [.. Chat(25), .. Chat(20, community: "c2")]);
        var runner = new InspectionRunner(store.Store, Keywords()) { BatchSize = 4 };

        var stopped = await runner.RunPendingAsync("default", maxEvents: 17);
        (await InspectionRunner.HasPendingAsync(store.Store, "default")).ShouldBeTrue();
        var resumed = await runner.RunPendingAsync("default", maxEvents: 10);
        var finished = await runner.RunPendingAsync("default");

        (stopped.Messages, stopped.IsComplete, stopped.Watermark).ShouldBe((17, false, 0));
        (resumed.Messages, resumed.IsComplete).ShouldBe((10, false));
        (finished.Messages, finished.IsComplete, finished.Watermark).ShouldBe((18, true, 45));
        (stopped.Findings + resumed.Findings + finished.Findings).ShouldBe(9 + 7);
        (stopped.Unchanged + resumed.Unchanged + finished.Unchanged).ShouldBe(0);
        await using var db = store.Store.CreateDbContext();
        (await db.Findings.CountAsync()).ShouldBe(16);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_pass_finishes_the_range_an_earlier_pass_left_and_then_takes_what_was_imported_since(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var runner = new InspectionRunner(store.Store, Keywords()) { BatchSize = 3 };
        await store.ImportAsync(_files, Chat(12));
        var stopped = await runner.RunPendingAsync("default", maxEvents: 5);
        await store.ImportAsync(_files, Chat(6, community: "c2"));

        var progress = new List<long>();
        var next = await runner.RunPendingAsync("default", progress: new SyncProgress(progress.Add));

        (stopped.Messages, stopped.IsComplete).ShouldBe((5, false));
        (next.Messages, next.IsComplete, next.Watermark).ShouldBe((13, true, 18));
        (stopped.Findings + next.Findings).ShouldBe(4 + 2);
        progress.ShouldBeInOrder();
        progress[^1].ShouldBe(13);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_pass_cancelled_mid_batch_is_resumed_by_the_next_pass_and_ends_as_an_uninterrupted_one(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, Chat(40));
        var runner = new InspectionRunner(store.Store, Keywords()) { BatchSize = 8 };
        using var cancel = new CancellationTokenSource();

        // Cancelled as the second batch is reported: the first two batches are committed, the rest is not.
        var interrupted = await Record.ExceptionAsync(() =>
            runner.RunPendingAsync("default", progress: new SyncProgress(seen => { if (seen >= 16) { cancel.Cancel(); } }), ct: cancel.Token));
        var resumed = await runner.RunPendingAsync("default");

        interrupted.ShouldBeAssignableTo<OperationCanceledException>();
        resumed.Messages.ShouldBe(24);
        await using var db = store.Store.CreateDbContext();
        var activities = await db.Findings.Select(f => f.ActivityId).OrderBy(id => id).ToListAsync();
        activities.ShouldBe(Enumerable.Range(0, 40).Where(i => i % 3 == 0).Select(i => (long)i + 1));
        (await db.InspectionProgress.SingleAsync()).Watermark.ShouldBe(40);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_reply_timeout_finding_lands_on_the_waiting_members_message(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, [Message("q1", "u1", 0, "请问怎么退款"), Message("x", "u2", 50, "有人吗"), Message("a1", "op", 51, "在的", staff: true)]);
        var inspector = CommunityOps.Inspection.Inspector.Create(CommunityOps.Inspection.RuleSets.RuleSetParser.Parse(
            """{"name":"staff","version":"1","rules":[{"name":"slow","type":"reply_timeout","category":"reply_timeout","parameters":{"tiers":[{"afterMinutes":10,"severity":"medium","escalateTo":"operator"},{"afterMinutes":30,"severity":"high","escalateTo":"supervisor"}]}}]}""",
            "staff.json", null));

        var summary = await new InspectionRunner(store.Store, inspector).RunPendingAsync("default");

        var finding = (await new FindingReviews(store.Store).ListAsync(new FindingFilter())).ShouldHaveSingleItem();
        (finding.MessageId, finding.Member, finding.Severity).ShouldBe(("q1", "u1", "high"));
        (summary.Findings, summary.Updated).ShouldBe((1, 1));
    }

    private static async Task<T> QueryAsync<T>(TestStore store, Func<AppDbContext, Task<T>> query)
    {
        await using var db = store.Store.CreateDbContext();
        return await query(db);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    public void Dispose() => _files.Dispose();
}
