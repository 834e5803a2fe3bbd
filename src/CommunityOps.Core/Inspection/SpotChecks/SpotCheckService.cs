using System.Globalization;
using System.Security.Cryptography;
using CommunityOps.Inspection.Audit;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>
/// Spot checks (抽检, docs/inspection.md): a plan per period, a seeded stratified sample of
/// conversations, rubric scoring, the operator's appeal and the final decision, each step audit-logged.
/// This file: plans and the draw; scoring and reports are in the other parts.
/// </summary>
public sealed partial class SpotCheckService(Store store)
{
    public async Task<PlanView> CreatePlanAsync(PlanRequest request, CancellationToken ct = default)
    {
        Validate(request);
        await using var db = store.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var workspaceId = await db.Workspaces.Where(w => w.Name == request.Workspace).Select(w => (long?)w.Id).SingleOrDefaultAsync(ct)
            ?? throw new CommunityOpsException(Errors.NoWorkspaceNamed(request.Workspace));
        if (await db.SpotCheckPlans.AnyAsync(p => p.WorkspaceId == workspaceId && p.Name == request.Name, ct))
        {
            throw new CommunityOpsException(Errors.PlanNameTaken(request.Name, request.Workspace));
        }
        foreach (var id in request.CommunityIds ?? [])
        {
            if (!await db.Communities.AnyAsync(c => c.Id == id && c.WorkspaceId == workspaceId, ct))
            {
                throw new CommunityOpsException(Errors.NoCommunityWithIdInWorkspace(id, request.Workspace));
            }
        }
        var now = store.Time.GetUtcNow();
        var plan = new SpotCheckPlan
        {
            WorkspaceId = workspaceId,
            Name = request.Name,
            PeriodFrom = request.From,
            PeriodTo = request.To,
            Mode = request.Mode,
            Amount = request.Amount,
            Seed = request.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue),
            Strata = request.Strata,
            Communities = request.CommunityIds is { Count: > 0 } ids ? string.Join(',', ids.Order()) : null,
            RubricId = await StoreRubricAsync(db, workspaceId, request.Rubric, now, ct),
            CreatedBy = request.CreatedBy,
            CreatedAt = now,
        };
        db.SpotCheckPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        InspectionAuditLog.Add(db, workspaceId, AuditSubjects.Plan, plan.Id, "planned", request.CreatedBy, now, null, "planned",
            string.Create(CultureInfo.InvariantCulture, $"{Describe(plan)}; rubric {request.Rubric.Name}@{request.Rubric.Version}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(db, plan, ct);
    }

    /// <summary>
    /// Draws the plan's sample and stores it, once: calling it again returns the stored sample, so a
    /// plan's sample never changes after the fact even when more history is imported for its period.
    /// </summary>
    public async Task<IReadOnlyList<SampleView>> SampleAsync(long planId, string actor, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var plan = await FindPlanAsync(db, planId, ct);
        if (plan.SampledAt is null)
        {
            var conversations = await ConversationsAsync(db, plan, ct);
            var drawn = SampleDraw.Draw(conversations, plan.Mode, plan.Amount, plan.Strata, plan.Seed);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = store.Time.GetUtcNow();
            foreach (var d in drawn)
            {
                db.SpotCheckSamples.Add(new SpotCheckSample
                {
                    PlanId = plan.Id, CommunityId = d.Conversation.CommunityId, OperatorId = d.Conversation.OperatorId,
                    ReplyActivityId = d.Conversation.ReplyActivityId, QuestionActivityId = d.Conversation.QuestionActivityId,
                    DrawKey = d.DrawKey, Status = SampleStatus.Pending,
                });
            }
            plan.SampledAt = now;
            var strata = drawn.Select(d => (d.Conversation.CommunityId, plan.Strata == SamplingStrata.Operator ? d.Conversation.OperatorId : 0)).Distinct().Count();
            InspectionAuditLog.Add(db, plan.WorkspaceId, AuditSubjects.Plan, plan.Id, "sampled", actor, now, "planned", "sampled",
                string.Create(CultureInfo.InvariantCulture, $"{drawn.Count} of {conversations.Count} conversations in {strata} strata, seed {plan.Seed}"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return await SampleViewsAsync(db, db.SpotCheckSamples.Where(s => s.PlanId == planId), ct);
    }

    public async Task<IReadOnlyList<PlanView>> ListPlansAsync(string workspace, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var plans = await db.SpotCheckPlans.Where(p => db.Workspaces.Any(w => w.Id == p.WorkspaceId && w.Name == workspace))
            .OrderBy(p => p.Id).ToListAsync(ct);
        var views = new List<PlanView>();
        foreach (var plan in plans)
        {
            views.Add(await ViewAsync(db, plan, ct));
        }
        return views;
    }

    /// <summary>Every conversation of the plan's communities and period (what the draw chooses from).</summary>
    private async Task<List<Conversation>> ConversationsAsync(AppDbContext db, SpotCheckPlan plan, CancellationToken ct)
    {
        var communities = plan.Communities is { } list
            ? [.. list.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture))]
            : await db.Communities.Where(c => c.WorkspaceId == plan.WorkspaceId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var all = new List<Conversation>();
        foreach (var community in communities)
        {
            all.AddRange(await Conversations.FindAsync(store, community, plan.PeriodFrom, plan.PeriodTo, ct));
        }
        return all;
    }

    /// <summary>Stores the rubric once per (workspace, name, version); the same name and version with other items is refused.</summary>
    private static async Task<long> StoreRubricAsync(AppDbContext db, long workspaceId, Rubric rubric, DateTimeOffset now, CancellationToken ct)
    {
        var stored = await db.SpotCheckRubrics.SingleOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Name == rubric.Name && r.Version == rubric.Version, ct);
        if (stored is not null)
        {
            var items = await db.SpotCheckRubricItems.Where(i => i.RubricId == stored.Id).OrderBy(i => i.Position).ToListAsync(ct);
            var same = stored.BaseScore == rubric.BaseScore && stored.PassMark == rubric.PassMark
                && items.Select(i => new RubricItemDefinition(i.Code, i.Title, i.Points, i.IsFatal)).SequenceEqual(rubric.Items);
            return same ? stored.Id : throw new CommunityOpsException(Errors.RubricVersionTaken(rubric.Name, rubric.Version));
        }
        var row = new SpotCheckRubric
        {
            WorkspaceId = workspaceId, Name = rubric.Name, Version = rubric.Version, BaseScore = rubric.BaseScore, PassMark = rubric.PassMark, CreatedAt = now,
        };
        db.SpotCheckRubrics.Add(row);
        await db.SaveChangesAsync(ct);
        db.SpotCheckRubricItems.AddRange(rubric.Items.Select((item, i) => new SpotCheckRubricItem
        {
            RubricId = row.Id, Code = item.Id, Title = item.Title, Points = item.Points, IsFatal = item.IsFatal, Position = i,
        }));
        return row.Id;
    }

    private static void Validate(PlanRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new CommunityOpsException(Errors.PlanNeedsName());
        }
        if (string.IsNullOrWhiteSpace(request.CreatedBy))
        {
            throw new CommunityOpsException(Errors.PlanNeedsCreator());
        }
        if (request.From >= request.To)
        {
            throw new CommunityOpsException(Errors.PeriodStartBeforeEnd());
        }
        if (request.Mode == SamplingMode.Percent && request.Amount is not (> 0 and <= 100))
        {
            throw new CommunityOpsException(Errors.PercentageRange());
        }
        if (request.Mode == SamplingMode.Count && (request.Amount < 1 || request.Amount != Math.Floor(request.Amount)))
        {
            throw new CommunityOpsException(Errors.CountAtLeastOne());
        }
    }

    private static string Describe(SpotCheckPlan plan) => string.Create(CultureInfo.InvariantCulture,
        $"{(plan.Mode == SamplingMode.Percent ? $"{plan.Amount}%" : $"{plan.Amount} per stratum")} by {Name(plan.Strata)}, {plan.PeriodFrom.ToUniversalTime():O} to {plan.PeriodTo.ToUniversalTime():O}, seed {plan.Seed}");

    internal static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static async Task<SpotCheckPlan> FindPlanAsync(AppDbContext db, long planId, CancellationToken ct) =>
        await db.SpotCheckPlans.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new CommunityOpsException(Errors.NoPlan(planId));

    private static async Task<PlanView> ViewAsync(AppDbContext db, SpotCheckPlan plan, CancellationToken ct)
    {
        var rubric = await db.SpotCheckRubrics.SingleAsync(r => r.Id == plan.RubricId, ct);
        return new PlanView(plan.Id, plan.Name, plan.PeriodFrom, plan.PeriodTo, Name(plan.Mode), plan.Amount, Name(plan.Strata), plan.Seed,
            plan.Communities?.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList(), $"{rubric.Name}@{rubric.Version}",
            plan.CreatedBy, plan.CreatedAt, plan.SampledAt);
    }
}
