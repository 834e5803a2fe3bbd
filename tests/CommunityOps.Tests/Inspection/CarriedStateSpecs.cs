using CommunityOps.Inspection;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.Reviews;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Inspection.StoredInspectionKit;

namespace CommunityOps.Tests.Inspection;

/// <summary>
/// The pending pass carries members still waiting for a staff reply from one pass to the next, so where
/// a history is cut into imports (or where a pass is stopped and resumed) changes no reply-timeout finding.
/// </summary>
public sealed class CarriedStateSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    // Monday 09:00 +08:00 is minute 0; working hours 09:00-18:00 on weekdays, so minute 540 is 18:00.
    private static Inspector ReplyRules() => Inspector.Create(RuleSetParser.Parse(
        """
        {"name":"staff","version":"1","rules":[{"name":"slow","type":"reply_timeout","category":"reply_timeout","parameters":{
          "workingHours":{"timeZone":"+08:00","days":["mon","tue","wed","thu","fri"],"hours":["09:00-18:00"]}}},
          {"name":"kw","type":"keywords","category":"ads","parameters":{"words":["加微信"]}}]}
        """, "staff.json", null));

    /// <summary>Two communities; the first part ends with questions that the second part answers, answers late, or never answers.</summary>
    private static (string[] First, string[] Second) History() => (
    [
        Message("q1", "u1", 0, "请问怎么退款"),
        Message("a1", "op", 3, "您好，在这里申请", staff: true),
        Message("q2", "u2", 100, "有人吗"),
        Message("a2", "op", 140, "在的", staff: true),
        Message("q3", "u3", 490, "客服在吗", community: "c2"),
        Message("q4", "u4", 496, "请问发货了吗"),
        Message("q4b", "u4", 497, "订单号 123"),
        Message("t1", "u5", 497, "谢谢"),
        Message("q5", "u6", 498, "加微信 问一下"),
        Message("q6", "u7", 499, "有人吗", community: "c2"),
    ],
    [
        Message("a3", "op", 500, "马上处理", staff: true),
        Message("x1", "u8", 520, "我也想问", community: "c2"),
        Message("q7", "u9", 530, "明天能到吗"),
        Message("x2", "u8", 1450, "早", community: "c2"),
        Message("x3", "u1", 1455, "早上好"),
        Message("a4", "op2", 1480, "都回复一下", staff: true, community: "c2"),
        Message("a5", "op", 1500, "明天能到", staff: true),
    ]);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Splitting_a_history_into_two_imports_gives_the_reply_timeout_findings_of_one_import(string provider)
    {
        var (first, second) = History();
        var (expected, split, _) = await WholeAndSplitAsync(provider, ReplyRules, first, second);

        expected.Count(f => f.StartsWith("q", StringComparison.Ordinal) && f.Contains("slow", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(4);
        expected.ShouldContain(f => f.StartsWith("q3 slow high", StringComparison.Ordinal));
        expected.ShouldContain(f => f.StartsWith("q6 slow", StringComparison.Ordinal));
        expected.ShouldNotContain(f => f.StartsWith("q4 slow", StringComparison.Ordinal) || f.StartsWith("q4b", StringComparison.Ordinal) || f.StartsWith("t1", StringComparison.Ordinal));
        split.ShouldBe(expected);
    }

    /// <summary>
    /// Imports the history whole into one store and in two parts into another, running a pending pass after
    /// each import: the findings of the whole store, of the split one, and of the split one after its first part.
    /// </summary>
    private async Task<(List<string> Whole, List<string> Split, List<string> SplitAfterFirst)> WholeAndSplitAsync(
        string provider, Func<Inspector> rules, string[] first, string[] second)
    {
        await using var whole = await TestStore.CreateAsync(provider);
        await whole.ImportAsync(_files, [.. first, .. second]);
        await new InspectionRunner(whole.Store, rules()).RunPendingAsync("default");

        await using var split = await TestStore.CreateAsync(provider);
        await split.ImportAsync(_files, first);
        await new InspectionRunner(split.Store, rules()).RunPendingAsync("default");
        var afterFirst = await FindingsAsync(split.Store);
        await split.ImportAsync(_files, second);
        await new InspectionRunner(split.Store, rules()).RunPendingAsync("default");
        return (await FindingsAsync(whole.Store), await FindingsAsync(split.Store), afterFirst);
    }

    private static Inspector BehaviourRules() => Inspector.Create(RuleSetParser.Parse(
        """
        {"name":"behaviour","version":"1","rules":[
          {"name":"flood","type":"flood","category":"flood","parameters":{"maxMessages":3,"windowSeconds":600}},
          {"name":"raid","type":"join_wave","category":"spam","parameters":{"maxJoins":2,"windowSeconds":600}},
          {"name":"newbie","type":"new_member","category":"ads","parameters":{"firstMessages":1,"withinHours":72}}]}
        """, "behaviour.json", null));

    private static string Join(string id, string member, int minute, string community = "c1") =>
        $$"""{"type":"join","community":"{{community}}","id":"{{id}}","member":"{{member}}","time":"{{Start.AddMinutes(minute):yyyy-MM-ddTHH:mm:sszzz}}"}""";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_flood_a_join_wave_and_a_new_members_first_post_split_between_two_imports_are_found_as_in_one(string provider)
    {
        // Each part alone holds two messages, two joins, and no first post: nothing to find in either.
        string[] first =
        [
            Message("f1", "fl", 100, "one"), Message("f2", "fl", 101, "two"),
            Join("j1", "n1", 102), Join("j2", "n2", 103),
        ];
        string[] second =
        [
            Message("f3", "fl", 104, "three"), Message("f4", "fl", 105, "four"),
            Join("j3", "n3", 104),
            Message("p1", "n1", 106, "看这里 https://spam.example.com/deal"),
            // The same member in another community is outside the flood; a link from a member who never
            // joined in the stream is no new member's first post (o1 is a finding only as the flood's fifth).
            Message("g1", "fl", 104, "elsewhere", community: "c2"), Message("o1", "fl", 107, "https://ok.example.com"),
        ];
        var (expected, split, afterFirst) = await WholeAndSplitAsync(provider, BehaviourRules, first, second);

        afterFirst.ShouldBeEmpty();
        expected.Select(f => string.Join(' ', f.Split(' ').Take(2))).ShouldBe(["f4 flood", "j3 raid", "o1 flood", "p1 newbie"], ignoreOrder: true);
        split.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_older_export_imported_after_a_newer_one_is_not_judged_against_the_newer_ones_windows(string provider)
    {
        string[] newer = [Message("f1", "fl", 500, "one"), Message("f2", "fl", 501, "two"), Message("f3", "fl", 502, "three"),
            Join("j1", "n1", 500), Join("j2", "n2", 501)];
        string[] older = [Message("e1", "fl", 100, "earlier"), Join("j0", "n0", 100), Message("p0", "n1", 101, "看这里 https://spam.example.com/deal")];
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, newer);
        await new InspectionRunner(store.Store, BehaviourRules()).RunPendingAsync("default");
        (await CarriedAsync(store.Store)).ShouldNotBeEmpty();

        await store.ImportAsync(_files, older);
        await new InspectionRunner(store.Store, BehaviourRules()).RunPendingAsync("default");

        // Read in time order as one import, four messages and three joins never share a 10-minute window,
        // and n1 posts before joining: nothing to find, and the carried windows must not make something.
        (await FindingsAsync(store.Store)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_pass_stopped_after_every_few_events_and_resumed_finds_what_one_pass_finds(string provider)
    {
        var (first, second) = History();
        await using var whole = await TestStore.CreateAsync(provider);
        await whole.ImportAsync(_files, [.. first, .. second]);
        await new InspectionRunner(whole.Store, ReplyRules()).RunPendingAsync("default");

        await using var stopped = await TestStore.CreateAsync(provider);
        await stopped.ImportAsync(_files, [.. first, .. second]);
        var passes = 0;
        // A new runner each time, as after a restart: only the store remembers.
        while (!(await new InspectionRunner(stopped.Store, ReplyRules()) { BatchSize = 2 }.RunPendingAsync("default", maxEvents: 3)).IsComplete)
        {
            passes++;
        }

        passes.ShouldBeGreaterThan(3);
        (await FindingsAsync(stopped.Store)).ShouldBe(await FindingsAsync(whole.Store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_answered_question_leaves_nothing_carried(string provider)
    {
        var (first, second) = History();
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, first);
        await new InspectionRunner(store.Store, ReplyRules()).RunPendingAsync("default");
        (await CarriedAsync(store.Store)).Count.ShouldBe(2);

        await store.ImportAsync(_files, second);
        await new InspectionRunner(store.Store, ReplyRules()).RunPendingAsync("default");

        (await CarriedAsync(store.Store)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_pending_pass_sees_one_member_posting_the_same_text_in_several_communities(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // The pass reads community by community (c2 was created first); the finding is on whichever
        // post of the pair it reads second, here the later one, as a stream in time order would have it.
        await store.ImportAsync(_files,
        [
            Message("d1", "spammer", 30, "全场低价 私聊看货 速来", community: "c2"),
            Message("d2", "spammer", 40, "全场 低价，私聊看货😀速来", community: "c1"),
            Message("d3", "spammer", 200, "全场低价 私聊看货 速来", community: "c3"),
            Message("ok", "someone", 41, "全场低价 私聊看货 速来", community: "c3"),
        ]);
        await new InspectionRunner(store.Store, DuplicateRules()).RunPendingAsync("default");

        // d1 and d2 are 10 minutes apart; d3 is 170 minutes after d2 (outside the hour); "ok" is another member.
        (await FindingsAsync(store.Store)).Select(f => f.Split(' ')[0]).ShouldBe(["d2"]);
    }

    private static Inspector DuplicateRules() => Inspector.Create(RuleSetParser.Parse(
        """{"name":"dup","version":"1","rules":[{"name":"dup","type":"duplicate","category":"duplicate","parameters":{"windowSeconds":3600}}]}""",
        "dup.json", null));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_member_posting_the_same_text_in_two_communities_in_two_imports_is_found_as_in_one(string provider)
    {
        // The spammer's first post and the copy 20 minutes later in another group arrive in separate imports.
        // e0 is more than the window older than the newest post of the first part, so nothing can pair with it
        // any more and it is not carried.
        // c1 comes first, so that the single import also reads d1 before d2 (a pass reads community by community).
        string[] first =
        [
            Message("d1", "spammer", 30, "全场低价 私聊看货 速来"),
            Message("e0", "spammer", -100, "新品上架 欢迎咨询 谢谢", community: "c2"),
        ];
        string[] second =
        [
            Message("d2", "spammer", 50, "全场 低价，私聊看货😀速来", community: "c2"),
            Message("d3", "spammer", 200, "全场低价 私聊看货 速来", community: "c3"),
        ];
        var (expected, split, afterFirst) = await WholeAndSplitAsync(provider, DuplicateRules, first, second);

        afterFirst.ShouldBeEmpty();
        expected.Select(f => f.Split(' ')[0]).ShouldBe(["d2"]);
        split.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_duplicate_rule_carries_only_the_posts_still_inside_its_window(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files,
        [
            Message("e0", "spammer", -100, "新品上架 欢迎咨询 谢谢", community: "c2"),
            Message("d1", "spammer", 30, "全场低价 私聊看货 速来"),
        ]);
        await new InspectionRunner(store.Store, DuplicateRules()).RunPendingAsync("default");

        await using var db = store.Store.CreateDbContext();
        var carried = System.Text.Json.Nodes.JsonNode.Parse((await db.InspectionProgress.SingleAsync()).Carry.ShouldNotBeNull())!["dup"]!.AsArray();
        carried.Count.ShouldBe(1);
        carried[0]!["member"]!.GetValue<string>().ShouldBe("spammer");
        carried[0]!["communities"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["c1"]);
        carried[0]!["times"]!.AsArray().Select(t => t!.GetValue<long>()).ShouldBe([Start.AddMinutes(30).ToUnixTimeMilliseconds()]);
    }

    [Fact]
    public void A_carried_entry_of_the_wrong_kind_restarts_only_its_rule()
    {
        var session = BehaviourRules().StartSession();
        // The flood rule's entry holds a number where a name belongs; the join-wave rule's is sound.
        session.LoadCarried($$"""{"flood":[{"community":"c1","member":7,"times":[1]}],"raid":[{"community":"c1","times":[{{Start.AddMinutes(100).ToUnixTimeMilliseconds()}},{{Start.AddMinutes(101).ToUnixTimeMilliseconds()}}]}]}""");

        var findings = new List<Finding>();
        session.Observe(new InspectedJoin("c1", "n3", Start.AddMinutes(102)), findings);

        findings.Select(f => f.Rule).ShouldBe(["raid"]);
        session.SaveCarried().ShouldNotBeNull().ShouldNotContain("\"flood\"");
    }

    private static async Task<List<InspectionCarry>> CarriedAsync(Store store)
    {
        await using var db = store.CreateDbContext();
        return await db.InspectionCarry.ToListAsync();
    }

    private static async Task<List<string>> FindingsAsync(Store store)
    {
        var findings = await new FindingReviews(store).ListAsync(new FindingFilter { Limit = 500 });
        return [.. findings.Select(f => $"{f.MessageId} {f.Rule} {f.Severity} {f.Detail}").Order(StringComparer.Ordinal)];
    }

    public void Dispose() => _files.Dispose();
}
