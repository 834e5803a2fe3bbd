using CommunityOps.Inspection.Audit;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>What `spotchecks show` and the dashboard read: a plan with its strata and samples, and one sample in full.</summary>
public sealed partial class SpotCheckService
{
    public async Task<PlanReport> ShowPlanAsync(long planId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var plan = await FindPlanAsync(db, planId, ct);
        var samples = await SampleViewsAsync(db, db.SpotCheckSamples.Where(s => s.PlanId == planId), ct);
        var strata = samples
            .GroupBy(s => (s.CommunityId, OperatorId: plan.Strata == SamplingStrata.Operator ? s.OperatorId : 0))
            .OrderBy(g => g.Key.CommunityId).ThenBy(g => g.Key.OperatorId)
            .Select(g =>
            {
                var scored = g.Where(s => s.Total is not null).ToList();
                var first = g.First();
                return new StratumSummary(first.Community, g.Key.OperatorId == 0 ? null : first.Operator, g.Count(), scored.Count,
                    scored.Count(s => s.IsFailed == true),
                    scored.Count == 0 ? null : Math.Round(scored.Average(s => s.Total!.Value), 1));
            })
            .ToList();
        return new PlanReport(await ViewAsync(db, plan, ct), await RubricViewAsync(db, plan.RubricId, ct), strata, samples);
    }

    public async Task<SampleDetail> DetailAsync(long sampleId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var (sample, plan) = await FindSampleAsync(db, sampleId, ct);
        var view = (await SampleViewsAsync(db, db.SpotCheckSamples.Where(s => s.Id == sampleId), ct)).Single();
        var messages = await (
            from a in db.Activities
            where a.Id == sample.QuestionActivityId || a.Id == sample.ReplyActivityId
            join m in db.Members on a.MemberId equals m.Id
            select new MessageView(a.Id, m.DisplayName, a.OccurredAt, a.Text))
            .ToDictionaryAsync(m => m.ActivityId, ct);
        var scores = await (
            from s in db.SpotCheckScores
            where s.SampleId == sampleId
            join i in db.SpotCheckRubricItems on s.ItemId equals i.Id
            orderby i.Position
            select new ScoreView(i.Code, i.Title, s.Points, i.IsFatal, s.Comment))
            .ToListAsync(ct);
        return new SampleDetail(view, messages[sample.QuestionActivityId], messages[sample.ReplyActivityId], scores, sample.Comment,
            sample.Appeal, sample.AppealedBy, sample.DecidedBy, sample.DecisionComment,
            await InspectionAuditLog.ForAsync(store, AuditSubjects.Sample, sampleId, ct));
    }

    private static async Task<RubricView> RubricViewAsync(AppDbContext db, long rubricId, CancellationToken ct)
    {
        var rubric = await db.SpotCheckRubrics.SingleAsync(r => r.Id == rubricId, ct);
        var items = await db.SpotCheckRubricItems.Where(i => i.RubricId == rubricId).OrderBy(i => i.Position)
            .Select(i => new RubricItemView(i.Code, i.Title, i.Points, i.IsFatal)).ToListAsync(ct);
        return new RubricView(rubric.Name, rubric.Version, rubric.BaseScore, rubric.PassMark, items);
    }

    private static async Task<List<SampleView>> SampleViewsAsync(AppDbContext db, IQueryable<SpotCheckSample> samples, CancellationToken ct)
    {
        var rows = await (
            from s in samples
            join c in db.Communities on s.CommunityId equals c.Id
            join m in db.Members on s.OperatorId equals m.Id
            join a in db.Activities on s.ReplyActivityId equals a.Id
            orderby s.CommunityId, s.OperatorId, s.DrawKey
            select new { s, Community = c.Name, Operator = m.DisplayName, a.OccurredAt })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SampleView(r.s.Id, r.s.PlanId, r.s.CommunityId, r.Community, r.s.OperatorId, r.Operator, r.s.ReplyActivityId,
            r.s.QuestionActivityId, r.OccurredAt, Name(r.s.Status), r.s.Inspector, r.s.Total, r.s.IsFailed, r.s.Decision is { } d ? Name(d) : null))];
    }
}
