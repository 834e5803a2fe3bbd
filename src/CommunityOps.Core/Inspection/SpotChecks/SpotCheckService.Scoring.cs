using System.Globalization;
using CommunityOps.Inspection.Audit;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>Scoring, appeal and the final decision: pending → scored → (appealed →) final.</summary>
public sealed partial class SpotCheckService
{
    /// <summary>
    /// The inspector's scoring of one sampled conversation: the rubric items that apply (unmarked
    /// items count nothing), each with its points and a comment. Total = the rubric's base plus the
    /// points; any fatal item, or a total under the pass mark, fails the check. A scored sample may be
    /// scored again (the new scoring replaces the old) until it is appealed or final.
    /// </summary>
    public async Task<SampleDetail> ScoreAsync(long sampleId, string inspector, IReadOnlyList<ItemScore> items, string? comment = null,
        CancellationToken ct = default)
    {
        Require(inspector, Errors.ScoringNeedsInspector());
        await using var db = store.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (sample, plan) = await FindSampleAsync(db, sampleId, ct);
        if (sample.Status is SampleStatus.Appealed or SampleStatus.Final)
        {
            throw new CommunityOpsException(sample.Status == SampleStatus.Appealed
                ? Errors.SampleUnderAppeal(sampleId)
                : Errors.SampleFinal(sampleId));
        }
        var now = store.Time.GetUtcNow();
        var from = sample.Status;
        var (total, failed) = await ReplaceScoresAsync(db, sample, plan, items, ct);
        (sample.Status, sample.Inspector, sample.ScoredAt, sample.Comment) = (SampleStatus.Scored, inspector, now, comment);
        InspectionAuditLog.Add(db, plan.WorkspaceId, AuditSubjects.Sample, sample.Id, "scored", inspector, now, Name(from), "scored",
            Join(Result(total, failed), comment));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailAsync(sampleId, ct);
    }

    /// <summary>The operator disagrees with a scored sample and says why; only a scored sample can be appealed, once.</summary>
    public async Task<SampleDetail> AppealAsync(long sampleId, string appellant, string reason, CancellationToken ct = default)
    {
        Require(appellant, Errors.AppealNeedsAppellant());
        Require(reason, Errors.AppealNeedsReason());
        await using var db = store.CreateDbContext();
        var (sample, plan) = await FindSampleAsync(db, sampleId, ct);
        if (sample.Status != SampleStatus.Scored)
        {
            throw new CommunityOpsException(sample.Status == SampleStatus.Pending
                ? Errors.SampleNothingToAppeal(sampleId)
                : Errors.SampleOnlyScoredAppealed(sampleId, Said(sample.Status)));
        }
        var now = store.Time.GetUtcNow();
        (sample.Status, sample.Appeal, sample.AppealedBy, sample.AppealedAt) = (SampleStatus.Appealed, reason, appellant, now);
        InspectionAuditLog.Add(db, plan.WorkspaceId, AuditSubjects.Sample, sample.Id, "appealed", appellant, now, "scored", "appealed", reason);
        await db.SaveChangesAsync(ct);
        return await DetailAsync(sampleId, ct);
    }

    /// <summary>
    /// Closes a scored or appealed sample. Upheld keeps the inspector's scoring; amended replaces it with
    /// <paramref name="items"/> and recomputes the total and the result. An appeal is decided by someone
    /// other than the inspector who scored the sample.
    /// </summary>
    public async Task<SampleDetail> DecideAsync(long sampleId, string decider, SampleDecision decision, IReadOnlyList<ItemScore>? items = null,
        string? comment = null, CancellationToken ct = default)
    {
        Require(decider, Errors.DecisionNeedsDecider());
        await using var db = store.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (sample, plan) = await FindSampleAsync(db, sampleId, ct);
        if (sample.Status is not (SampleStatus.Scored or SampleStatus.Appealed))
        {
            throw new CommunityOpsException(sample.Status == SampleStatus.Pending
                ? Errors.SampleNotScoredYet(sampleId)
                : Errors.SampleAlreadyFinal(sampleId));
        }
        if (sample.Status == SampleStatus.Appealed && string.Equals(decider, sample.Inspector, StringComparison.OrdinalIgnoreCase))
        {
            throw new CommunityOpsException(Errors.SomeoneElseDecides(decider, sampleId));
        }
        if (decision == SampleDecision.Amended && items is null)
        {
            throw new CommunityOpsException(Errors.AmendedNeedsScores());
        }
        if (decision == SampleDecision.Upheld && items is { Count: > 0 })
        {
            throw new CommunityOpsException(Errors.UpheldKeepsScores());
        }
        var now = store.Time.GetUtcNow();
        var before = Result(sample.Total!.Value, sample.IsFailed!.Value);
        var from = sample.Status;
        var after = before;
        if (decision == SampleDecision.Amended)
        {
            var (total, failed) = await ReplaceScoresAsync(db, sample, plan, items!, ct);
            after = Result(total, failed);
        }
        (sample.Status, sample.Decision, sample.DecidedBy, sample.DecidedAt, sample.DecisionComment) = (SampleStatus.Final, decision, decider, now, comment);
        InspectionAuditLog.Add(db, plan.WorkspaceId, AuditSubjects.Sample, sample.Id, "decided", decider, now, Name(from), "final",
            Join(decision == SampleDecision.Upheld ? $"upheld: {before}" : $"amended: {before} -> {after}", comment));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailAsync(sampleId, ct);
    }

    private static async Task<(int Total, bool Failed)> ReplaceScoresAsync(AppDbContext db, SpotCheckSample sample, SpotCheckPlan plan,
        IReadOnlyList<ItemScore> items, CancellationToken ct)
    {
        var rubric = await db.SpotCheckRubrics.SingleAsync(r => r.Id == plan.RubricId, ct);
        var rubricItems = await db.SpotCheckRubricItems.Where(i => i.RubricId == rubric.Id).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var scores = new List<SpotCheckScore>();
        var total = rubric.BaseScore;
        var failed = false;
        foreach (var score in items)
        {
            var item = rubricItems.GetValueOrDefault(score.Item) ?? throw new CommunityOpsException(
                Errors.RubricHasNoItem(rubric.Name, rubric.Version, score.Item, string.Join(", ", rubricItems.Keys.Order(StringComparer.Ordinal))));
            if (scores.Any(s => s.ItemId == item.Id))
            {
                throw new CommunityOpsException(Errors.ItemScoredTwice(score.Item));
            }
            var points = score.Points ?? item.Points;
            if (points != 0 && (Math.Sign(points) != Math.Sign(item.Points) || Math.Abs(points) > Math.Abs(item.Points)))
            {
                throw new CommunityOpsException(Errors.ItemScoreRange(score.Item, item.Points, points));
            }
            scores.Add(new SpotCheckScore { SampleId = sample.Id, ItemId = item.Id, Points = points, Comment = score.Comment });
            total += points;
            failed |= item.IsFatal;
        }
        failed |= total < rubric.PassMark;
        // Deleted and saved first: the new rows may reuse the (sample, item) pairs of the old ones.
        db.SpotCheckScores.RemoveRange(await db.SpotCheckScores.Where(s => s.SampleId == sample.Id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        db.SpotCheckScores.AddRange(scores);
        (sample.Total, sample.IsFailed) = (total, failed);
        return (total, failed);
    }

    private static async Task<(SpotCheckSample, SpotCheckPlan)> FindSampleAsync(AppDbContext db, long sampleId, CancellationToken ct)
    {
        var sample = await db.SpotCheckSamples.SingleOrDefaultAsync(s => s.Id == sampleId, ct)
            ?? throw new CommunityOpsException(Errors.NoSample(sampleId));
        return (sample, await db.SpotCheckPlans.SingleAsync(p => p.Id == sample.PlanId, ct));
    }

    private static string Result(int total, bool failed) => string.Create(CultureInfo.InvariantCulture, $"total {total}, {(failed ? "failed" : "passed")}");

    private static string Join(string result, string? comment) => string.IsNullOrWhiteSpace(comment) ? result : $"{result}; {comment}";

    private static void Require(string? value, ErrorText message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CommunityOpsException(message);
        }
    }

    /// <summary>The status in a message to people, where <see cref="SpotCheckService.Name"/> is the stored token.</summary>
    private static ErrorText Said(SampleStatus status) => status switch
    {
        SampleStatus.Pending => Errors.SamplePending(),
        SampleStatus.Scored => Errors.SampleScored(),
        SampleStatus.Appealed => Errors.SampleAppealed(),
        _ => Errors.SampleFinalStatus(),
    };
}
