using CommunityOps.Inspection;
using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Classifiers;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.Reviews;
using CommunityOps.Inspection.Runs;
using CommunityOps.Tests.Infra;
using static CommunityOps.Tests.Inspection.StoredInspectionKit;

namespace CommunityOps.Tests.Inspection;

public sealed class FindingReviewSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private async Task<(TestStore Store, FindingReviews Reviews, IReadOnlyList<FindingView> Findings)> ThreeFindingsAsync(string provider, SettableTime? time = null)
    {
        var store = await TestStore.CreateAsync(provider, time);
        await store.ImportAsync(_files, [Message("m1", "u1", 0, "加微信领红包"), Message("m2", "u2", 1, "我微信\n不方便"), Message("m3", "u3", 2, "加v详聊"),
            Message("m4", "u4", 3, "今天天气不错")]);
        await new InspectionRunner(store.Store, Keywords()).RunPendingAsync("default");
        var reviews = new FindingReviews(store.Store);
        return (store, reviews, await reviews.ListAsync(new FindingFilter { Workspace = "default" }));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Confirming_and_dismissing_record_reviewer_time_and_comment_and_append_to_the_audit_log(string provider)
    {
        var time = new SettableTime(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var (store, reviews, findings) = await ThreeFindingsAsync(provider, time);
        await using var _ = store;
        var (m1, m2) = (findings.Single(f => f.MessageId == "m1"), findings.Single(f => f.MessageId == "m2"));

        var confirmed = (await reviews.DecideAsync([m1.Id], ReviewAction.Confirm, "lin", "引流广告")).Single();
        time.Now = time.Now.AddMinutes(5);
        await reviews.DecideAsync([m2.Id], ReviewAction.Dismiss, "lin", "chat, not an ad");
        time.Now = time.Now.AddMinutes(5);
        var reopened = (await reviews.DecideAsync([m2.Id], ReviewAction.Reopen, "wang", "member asked for WeChat to pay")).Single();

        (confirmed.Status, confirmed.Reviewer, confirmed.ReviewedAt, confirmed.Comment).ShouldBe(("confirmed", "lin", new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), "引流广告"));
        (reopened.Status, reopened.Reviewer).ShouldBe(("open", "wang"));
        var audit = await InspectionAuditLog.ForAsync(store.Store, AuditSubjects.Finding, m2.Id);
        audit.Select(a => (a.Action, a.Actor, a.From, a.To, a.At.Minute)).ShouldBe([("dismissed", "lin", "open", "dismissed", 5), ("reopened", "wang", "dismissed", "open", 10)]);
        (await reviews.ListAsync(new FindingFilter { Status = FindingStatus.Confirmed })).Select(f => f.MessageId).ShouldBe(["m1"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Illegal_transitions_are_refused_with_one_line_naming_the_finding_and_change_nothing(string provider)
    {
        var (store, reviews, findings) = await ThreeFindingsAsync(provider);
        await using var _ = store;
        var (m1, m3) = (findings.Single(f => f.MessageId == "m1"), findings.Single(f => f.MessageId == "m3"));
        await reviews.DecideAsync([m1.Id], ReviewAction.Dismiss, "lin", null);

        var twice = await Should.ThrowAsync<CommunityOpsException>(() => reviews.DecideAsync([m1.Id], ReviewAction.Dismiss, "lin", null));
        var flip = await Should.ThrowAsync<CommunityOpsException>(() => reviews.DecideAsync([m3.Id, m1.Id], ReviewAction.Confirm, "lin", null));
        var open = await Should.ThrowAsync<CommunityOpsException>(() => reviews.DecideAsync([m3.Id], ReviewAction.Reopen, "lin", "why not"));
        var unknown = await Should.ThrowAsync<CommunityOpsException>(() => reviews.DecideAsync([9999], ReviewAction.Confirm, "lin", null));
        var silent = await Should.ThrowAsync<CommunityOpsException>(() => reviews.DecideAsync([m1.Id], ReviewAction.Reopen, "lin", " "));

        twice.Message.ShouldBe($"finding {m1.Id} is already dismissed");
        flip.Message.ShouldBe($"finding {m1.Id} is dismissed; reopen it before it can be confirmed");
        open.Message.ShouldBe($"finding {m3.Id} is already open");
        unknown.Message.ShouldBe("no finding with id 9999");
        silent.Message.ShouldBe("reopening a finding needs a comment saying why");
        (await reviews.GetAsync(m3.Id)).Status.ShouldBe("open");
        (await InspectionAuditLog.ForAsync(store.Store, AuditSubjects.Finding, m3.Id)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Findings_filter_by_status_category_community_member_and_minimum_severity(string provider)
    {
        var (store, reviews, findings) = await ThreeFindingsAsync(provider);
        await using var _ = store;
        await reviews.DecideAsync([findings.Single(f => f.MessageId == "m3").Id], ReviewAction.Confirm, "lin", null);
        var community = await CommunityLookup.ResolveAsync(store.Store, "default", "c1");

        findings.Select(f => f.MessageId).ShouldBe(["m3", "m2", "m1"]);
        (await reviews.ListAsync(new FindingFilter { Status = FindingStatus.Open })).Count.ShouldBe(2);
        (await reviews.ListAsync(new FindingFilter { Member = "u2", CommunityId = community, Category = "ads" })).Single().MessageId.ShouldBe("m2");
        (await reviews.ListAsync(new FindingFilter { Category = "spam" })).ShouldBeEmpty();
        (await reviews.ListAsync(new FindingFilter { MinSeverity = Severity.Medium })).Count.ShouldBe(3);
        (await reviews.ListAsync(new FindingFilter { MinSeverity = Severity.High })).ShouldBeEmpty();
        (await reviews.ListAsync(new FindingFilter { Workspace = "elsewhere" })).ShouldBeEmpty();
        (await reviews.ListAsync(new FindingFilter { Limit = 1, Offset = 1 })).Single().MessageId.ShouldBe("m2");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Reviewed_messages_export_as_text_equals_label_lines_that_the_dataset_reader_and_training_take(string provider)
    {
        var (store, reviews, findings) = await ThreeFindingsAsync(provider);
        await using var _ = store;
        await reviews.DecideAsync([findings.Single(f => f.MessageId == "m1").Id, findings.Single(f => f.MessageId == "m3").Id], ReviewAction.Confirm, "lin", null);
        await reviews.DecideAsync([findings.Single(f => f.MessageId == "m2").Id], ReviewAction.Dismiss, "lin", null);
        var folder = _files.Path("samples");

        var files = await TrainingSamples.ExportAsync(store.Store, "default", folder);

        files.ShouldHaveSingleItem().ShouldBe(new TrainingSampleFile("ads", Path.Combine(folder, "ads.txt"), 2, 1));
        File.ReadAllText(files[0].Path).ShouldBe("加微信领红包==1\n我微信 不方便==0\n加v详聊==1\n");
        LabelledDatasets.Read(files[0].Path).Examples.Select(e => (e.Text, e.IsPositive))
            .ShouldBe([("加微信领红包", true), ("我微信 不方便", false), ("加v详聊", true)]);
        var trained = ReviewedTraining.Train(SharedDatasets.Path(), _files.Path("models"), folder, only: "ads").ShouldHaveSingleItem();
        trained.Samples.ShouldBe(3);
        trained.Report.Info.TrainingDescription.ShouldEndWith("plus 3 reviewed messages");
        trained.Report.Info.TrainingExamples.ShouldBe(DefaultModels.Recipe("ads").Load(SharedDatasets.Path()).Train.Count + 3);
        File.Exists(_files.Path("models/ads.model")).ShouldBeTrue();
    }

    public void Dispose() => _files.Dispose();
}
