using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Inspection.StoredInspectionKit;

namespace CommunityOps.Tests.Inspection;

public sealed class SpotCheckSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>c1: op1 answers 10 members, op2 answers 4; c2: op3 answers 6. Every answer replies to its question by link.</summary>
    private static IEnumerable<string> Operators()
    {
        var minute = 0;
        foreach (var (community, op, count) in new[] { ("c1", "op1", 10), ("c1", "op2", 4), ("c2", "op3", 6) })
        {
            for (var i = 0; i < count; i++, minute += 10)
            {
                yield return Message($"{op}-q{i}", $"{op}-u{i}", minute, "请问怎么退款？", community: community);
                yield return Message($"{op}-a{i}", op, minute + 1, "您好，在订单页申请即可", staff: true, community: community, replyTo: $"{op}-q{i}");
            }
        }
    }

    private static PlanRequest Plan(string name, SamplingMode mode, double amount, long? seed, SamplingStrata strata = SamplingStrata.Operator) =>
        new("default", name, Start.AddDays(-1), Start.AddDays(1), mode, amount, Rubric.Load(Rubric.DefaultName), "manager", strata, seed);

    private static async Task<Dictionary<long, string>> ReplySourceIdsAsync(TestStore store)
    {
        await using var db = store.Store.CreateDbContext();
        return await db.Activities.ToDictionaryAsync(a => a.Id, a => a.SourceId);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_conversation_is_a_staff_reply_and_the_member_message_it_answers_by_link_or_by_nearness(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, [
            Message("q1", "u1", 0, "在吗"), Message("a1", "op1", 2, "在的", staff: true, replyTo: "q1"),
            Message("q2", "u2", 10, "发货了吗"), Message("a2", "op1", 12, "今天发", staff: true), Message("a2b", "op1", 13, "请留意短信", staff: true),
            Message("ann", "op2", 100, "今晚八点直播", staff: true),
            Message("q3", "u3", 200, "有人吗"), Message("a3", "op2", 260, "抱歉久等", staff: true),
            Message("a4", "op2", 270, "补充一下", staff: true, replyTo: "a1"),
            Message("q5", "u4", 300, "链接失效了", channel: "x"), Message("a5", "op1", 301, "另一个频道", staff: true, channel: "y"),
            Message("a6", "op1", 302, "已更新", staff: true, channel: "x"),
        ]);
        var community = await CommunityLookup.ResolveAsync(store.Store, "default", "c1");
        var ids = await ReplySourceIdsAsync(store);

        var conversations = await Conversations.FindAsync(store.Store, community, Start, Start.AddDays(1), CancellationToken.None);

        conversations.Select(c => (ids[c.ReplyActivityId], ids[c.QuestionActivityId])).ShouldBe([("a1", "q1"), ("a2", "q2"), ("a6", "q5")]);
        (await Conversations.FindAsync(store.Store, community, Start.AddMinutes(5), Start.AddDays(1), CancellationToken.None))
            .Select(c => ids[c.ReplyActivityId]).ShouldBe(["a2", "a6"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_sample_is_stratified_by_operator_and_community_and_the_same_for_the_same_seed(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, Operators());
        var service = new SpotCheckService(store.Store);
        var ids = await ReplySourceIdsAsync(store);

        var half = await service.CreatePlanAsync(Plan("march-50%", SamplingMode.Percent, 50, seed: 7));
        var again = await service.CreatePlanAsync(Plan("march-50%-again", SamplingMode.Percent, 50, seed: 7));
        var other = await service.CreatePlanAsync(Plan("march-50%-seed-8", SamplingMode.Percent, 50, seed: 8));
        var three = await service.CreatePlanAsync(Plan("march-3-each", SamplingMode.Count, 3, seed: 7));
        var perCommunity = await service.CreatePlanAsync(Plan("march-4-per-group", SamplingMode.Count, 4, seed: 7, SamplingStrata.Community));
        var drawn = await service.SampleAsync(half.Id, "manager");

        drawn.CountBy(s => s.Operator).ShouldBe([new("op1", 5), new("op2", 2), new("op3", 3)], ignoreOrder: true);
        drawn.ShouldAllBe(s => ids[s.ReplyActivityId].StartsWith(s.Operator + "-a"));
        (await service.SampleAsync(again.Id, "manager")).Select(s => s.ReplyActivityId).ShouldBe(drawn.Select(s => s.ReplyActivityId));
        (await service.SampleAsync(other.Id, "manager")).Select(s => s.ReplyActivityId).ShouldNotBe(drawn.Select(s => s.ReplyActivityId));
        (await service.SampleAsync(three.Id, "manager")).CountBy(s => s.Operator).ShouldBe([new("op1", 3), new("op2", 3), new("op3", 3)], ignoreOrder: true);
        (await service.SampleAsync(perCommunity.Id, "manager")).CountBy(s => s.Community).ShouldBe([new("c1", 4), new("c2", 4)], ignoreOrder: true);
        (await service.SampleAsync(half.Id, "someone else")).Select(s => s.Id).ShouldBe(drawn.Select(s => s.Id));
        (await service.ShowPlanAsync(half.Id)).Plan.Seed.ShouldBe(7);
        (await InspectionAuditLog.ForAsync(store.Store, AuditSubjects.Plan, half.Id)).Select(a => (a.Action, a.Actor, a.Comment))
            .ShouldBe([("planned", "manager", "50% by operator, 2026-03-01T01:00:00.0000000+00:00 to 2026-03-03T01:00:00.0000000+00:00, seed 7; rubric default@1"),
                ("sampled", "manager", "10 of 20 conversations in 3 strata, seed 7")]);
    }

    [Fact]
    public void The_draw_does_not_depend_on_the_order_conversations_come_in()
    {
        var conversations = Enumerable.Range(1, 60).Select(i => new Conversation(i % 2, 100 + (i % 3), i, 1000 + i, Start.AddMinutes(i))).ToList();

        var forward = SampleDraw.Draw(conversations, SamplingMode.Percent, 25, SamplingStrata.Operator, seed: 42);
        var backward = SampleDraw.Draw(Enumerable.Reverse(conversations), SamplingMode.Percent, 25, SamplingStrata.Operator, seed: 42);

        forward.Count.ShouldBe(6 * 3);
        backward.Select(d => d.Conversation.ReplyActivityId).ShouldBe(forward.Select(d => d.Conversation.ReplyActivityId));
        SampleDraw.Take(7, SamplingMode.Percent, 10).ShouldBe(1);
        SampleDraw.Take(20, SamplingMode.Percent, 10).ShouldBe(2);
        SampleDraw.Take(2, SamplingMode.Count, 5).ShouldBe(2);
    }

    private async Task<(SpotCheckService Service, SampleView Sample)> ScoredSampleSetupAsync(TestStore store)
    {
        await store.ImportAsync(_files, Operators());
        var service = new SpotCheckService(store.Store);
        var plan = await service.CreatePlanAsync(Plan("week-10", SamplingMode.Count, 1, seed: 3));
        return (service, (await service.SampleAsync(plan.Id, "manager")).First());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Scores_add_and_take_points_from_the_base_and_any_fatal_item_fails_the_check(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (service, sample) = await ScoredSampleSetupAsync(store);

        var good = await service.ScoreAsync(sample.Id, "qa-zhao", [new("warm"), new("late", -5, "回复用了 20 分钟")], "ok");
        var fatal = await service.ScoreAsync(sample.Id, "qa-zhao", [new("solved"), new("private-deal", Comment: "让会员加个人微信")]);
        var low = await service.ScoreAsync(sample.Id, "qa-zhao", [new("inaccurate"), new("late")]);

        (good.Sample.Total, good.Sample.IsFailed, good.Sample.Status).ShouldBe((98, false, "scored"));
        good.Scores.Select(s => (s.Item, s.Points, s.Comment)).ShouldBe([("warm", 3, null), ("late", -5, "回复用了 20 分钟")]);
        (fatal.Sample.Total, fatal.Sample.IsFailed).ShouldBe((105, true));
        (low.Sample.Total, low.Sample.IsFailed).ShouldBe((75, true));
        low.Scores.Count.ShouldBe(2);
        (await Should.ThrowAsync<CommunityOpsException>(() => service.ScoreAsync(sample.Id, "qa-zhao", [new("late", -20)]))).Message
            .ShouldBe("item 'late' gives -10 points; a score for it is between 0 and -10, not -20");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.ScoreAsync(sample.Id, "qa-zhao", [new("rude")]))).Message
            .ShouldStartWith("rubric default@1 has no item 'rude'");
        (await service.DetailAsync(sample.Id)).Sample.Total.ShouldBe(75);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_appeal_is_decided_by_someone_other_than_the_inspector_and_the_decision_is_final(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (service, sample) = await ScoredSampleSetupAsync(store);
        (await Should.ThrowAsync<CommunityOpsException>(() => service.AppealAsync(sample.Id, "op1", "too early"))).Message
            .ShouldBe($"sample {sample.Id} is not scored yet, so there is nothing to appeal");
        await service.ScoreAsync(sample.Id, "qa-zhao", [new("cold"), new("late")]);

        var appealed = await service.AppealAsync(sample.Id, "op1", "会员在群外已被告知，回复是跟进");
        var byInspector = await Should.ThrowAsync<CommunityOpsException>(() => service.DecideAsync(sample.Id, "QA-Zhao", SampleDecision.Upheld));
        var decided = await service.DecideAsync(sample.Id, "lead-li", SampleDecision.Amended, [new("late")], "态度项撤销");

        appealed.Sample.Status.ShouldBe("appealed");
        byInspector.Message.ShouldBe($"QA-Zhao scored sample {sample.Id}, so someone else decides its appeal");
        (decided.Sample.Status, decided.Sample.Decision, decided.Sample.Total, decided.Sample.IsFailed).ShouldBe(("final", "amended", 90, false));
        (decided.Appeal, decided.AppealedBy, decided.DecidedBy).ShouldBe(("会员在群外已被告知，回复是跟进", "op1", "lead-li"));
        decided.Audit.Select(a => (a.Action, a.Actor, a.From, a.To)).ShouldBe([
            ("scored", "qa-zhao", "pending", "scored"), ("appealed", "op1", "scored", "appealed"), ("decided", "lead-li", "appealed", "final")]);
        decided.Audit[^1].Comment.ShouldBe("amended: total 80, passed -> total 90, passed; 态度项撤销");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.ScoreAsync(sample.Id, "qa-zhao", []))).Message.ShouldBe($"sample {sample.Id} is final");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.AppealAsync(sample.Id, "op1", "again"))).Message
            .ShouldBe($"sample {sample.Id} is final; only a scored sample can be appealed");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.DecideAsync(sample.Id, "lead-li", SampleDecision.Upheld))).Message
            .ShouldBe($"sample {sample.Id} is already final");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_plan_report_sums_each_stratum(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, Operators());
        var service = new SpotCheckService(store.Store);
        var plan = await service.CreatePlanAsync(Plan("q1", SamplingMode.Count, 2, seed: 11));
        var samples = await service.SampleAsync(plan.Id, "manager");
        var op1 = samples.Where(s => s.Operator == "op1").ToList();
        await service.ScoreAsync(op1[0].Id, "qa", [new("warm")]);
        await service.ScoreAsync(op1[1].Id, "qa", [new("abuse")]);

        var report = await service.ShowPlanAsync(plan.Id);

        report.Strata.Select(s => (s.Community, s.Operator, s.Sampled, s.Scored, s.Failed, s.Average)).ShouldBe([
            ("c1", "op1", 2, 2, 1, 101.5), ("c1", "op2", 2, 0, 0, null), ("c2", "op3", 2, 0, 0, null)]);
        report.Rubric.Items.Count(i => i.IsFatal).ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_plan_is_refused_for_a_bad_period_amount_duplicate_name_or_changed_rubric(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.ImportAsync(_files, Operators());
        var service = new SpotCheckService(store.Store);
        await service.CreatePlanAsync(Plan("p", SamplingMode.Percent, 10, seed: 1));
        var changed = Rubric.Parse("""{"name":"default","version":"1","items":[{"id":"late","points":-5}]}""", "mine.json");

        (await Should.ThrowAsync<CommunityOpsException>(() => service.CreatePlanAsync(Plan("p", SamplingMode.Percent, 10, 1)))).Message
            .ShouldBe("a plan named 'p' already exists in workspace 'default'");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.CreatePlanAsync(Plan("x", SamplingMode.Percent, 120, 1)))).Message
            .ShouldBe("a percentage must be more than 0 and at most 100");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.CreatePlanAsync(Plan("x", SamplingMode.Count, 2.5, 1)))).Message
            .ShouldBe("a count must be a whole number of at least 1");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.CreatePlanAsync(Plan("x", SamplingMode.Count, 2, 1) with { To = Start.AddDays(-2) }))).Message
            .ShouldBe("the period's start must be before its end");
        (await Should.ThrowAsync<CommunityOpsException>(() => service.CreatePlanAsync(Plan("x", SamplingMode.Count, 2, 1) with { Rubric = changed }))).Message
            .ShouldBe("rubric 'default' version 1 is already stored with other items or marks; give the changed rubric a new version");
    }

    public void Dispose() => _files.Dispose();
}
