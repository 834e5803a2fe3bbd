using System.Globalization;
using CommunityOps.Accounts;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Inspection;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Api;

/// <summary>
/// Spot checks (抽检): plans with their seeded stratified sample, scoring against the rubric, the
/// operator's appeal (only the operator's own, through an account linked to that operator) and the final
/// decision. Every role reads; inspectors, managers and admins plan, score and decide; managers and admins
/// list operators and link accounts to them (<see cref="OperatorLinking"/>).
/// </summary>
public static class SpotChecksApi
{
    public static IEndpointRouteBuilder MapSpotChecksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/inspection").WithTags("Inspection");
        api.MapGet("/spotchecks", ListAsync);
        api.MapPost("/spotchecks", CreateAsync);
        api.MapGet("/spotchecks/{planId:long}", PlanAsync);
        api.MapGet("/samples/{sampleId:long}", SampleAsync);
        api.MapPost("/samples/{sampleId:long}/score", ScoreAsync);
        api.MapPost("/samples/{sampleId:long}/appeal", AppealAsync);
        api.MapPost("/samples/{sampleId:long}/decide", DecideAsync);
        api.MapGet("/operators", OperatorsAsync);
        api.MapPut("/operators/{memberId:long}", LinkOperatorAsync);
        api.MapDelete("/operators/{memberId:long}", UnlinkOperatorAsync);
        return app;
    }

    /// <summary>A new plan. Mode "percent" or "count"; strata "operator" (default) or "community"; rubric JSON or null for the default.</summary>
    public sealed record PlanRequestBody(string? Name, DateTimeOffset? From, DateTimeOffset? To, string? Mode, double? Amount, string? Strata, long? Seed,
        IReadOnlyList<long>? Communities, string? Rubric);

    public sealed record ItemBody(string? Item, int? Points, string? Comment);

    public sealed record ScoreBody(IReadOnlyList<ItemBody>? Items, string? Comment);

    public sealed record AppealBody(string? Reason);

    /// <summary>Decision "upheld" or "amended" (with items).</summary>
    public sealed record DecideBody(string? Decision, IReadOnlyList<ItemBody>? Items, string? Comment);

    public sealed record LinkBody(string? Email);

    private static async Task<Results<Ok<IReadOnlyList<PlanView>>, ProblemHttpResult>> ListAsync(long? workspace, Caller caller, Store store, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return denied;
        }
        return TypedResults.Ok(await new SpotCheckService(store).ListPlansAsync(ws!.Name, ct));
    }

    private static async Task<Results<Created<PlanReport>, ProblemHttpResult>> CreateAsync(long? workspace, PlanRequestBody? body, Caller caller, Store store,
        CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.Review, ct);
        if (denied is not null)
        {
            return denied;
        }
        var report = await CreatePlanAsync(store, ws!.Name, InspectionAccess.Actor(caller), body ?? new PlanRequestBody(null, null, null, null, null, null, null, null, null), ct);
        return TypedResults.Created($"/api/inspection/spotchecks/{report.Plan.Id}", report);
    }

    /// <summary>Creates the plan and draws its sample at once; shared with the Spot checks page.</summary>
    public static async Task<PlanReport> CreatePlanAsync(Store store, string workspace, string actor, PlanRequestBody body, CancellationToken ct)
    {
        var mode = body.Mode switch
        {
            "percent" or null => SamplingMode.Percent,
            "count" => SamplingMode.Count,
            _ => throw new FieldException("mode", Strings.Problem("EitherOr", "percent", "count")),
        };
        var strata = body.Strata switch
        {
            "operator" or null or "" => SamplingStrata.Operator,
            "community" => SamplingStrata.Community,
            _ => throw new FieldException("strata", Strings.Problem("EitherOr", "operator", "community")),
        };
        var rubric = string.IsNullOrWhiteSpace(body.Rubric) ? Rubric.Load("default") : Rubric.Parse(body.Rubric, "rubric");
        var request = new PlanRequest(workspace, Required(body.Name, "name"), body.From ?? throw new FieldException("from", Strings.Problem("Required")),
            body.To ?? throw new FieldException("to", Strings.Problem("Required")), mode, body.Amount ?? throw new FieldException("amount", Strings.Problem("Required")), rubric, actor,
            strata, body.Seed, body.Communities);
        var service = new SpotCheckService(store);
        var plan = await service.CreatePlanAsync(request, ct);
        await service.SampleAsync(plan.Id, actor, ct);
        return await service.ShowPlanAsync(plan.Id, ct);
    }

    private static async Task<Results<Ok<PlanReport>, ProblemHttpResult>> PlanAsync(long planId, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        if (await caller.DenyAsync(await InspectionAccess.PlanWorkspaceAsync(db, planId, ct), Permission.ViewCommunities, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok(await new SpotCheckService(store).ShowPlanAsync(planId, ct));
    }

    private static async Task<Results<Ok<SampleDetail>, ProblemHttpResult>> SampleAsync(long sampleId, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.SampleWorkspaceAsync(db, sampleId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok(await DetailAsync(store, caller, sampleId, workspaceId!.Value, ct));
    }

    private static async Task<SampleDetail> DetailAsync(Store store, Caller caller, long sampleId, long workspaceId, CancellationToken ct) =>
        InspectionAccess.Redact(await new SpotCheckService(store).DetailAsync(sampleId, ct), await InspectionAccess.ShowsTextAsync(caller, workspaceId, ct));

    private static async Task<Results<Ok<SampleDetail>, ProblemHttpResult>> ScoreAsync(long sampleId, ScoreBody? body, Caller caller, AppDbContext db, Store store,
        CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.SampleWorkspaceAsync(db, sampleId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.Review, ct) is { } denied)
        {
            return denied;
        }
        await new SpotCheckService(store).ScoreAsync(sampleId, InspectionAccess.Actor(caller), Items(body?.Items), body?.Comment, ct);
        return TypedResults.Ok(await DetailAsync(store, caller, sampleId, workspaceId!.Value, ct));
    }

    private static async Task<Results<Ok<SampleDetail>, ProblemHttpResult>> AppealAsync(long sampleId, AppealBody? body, Caller caller, AppDbContext db, Store store,
        CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.SampleWorkspaceAsync(db, sampleId, ct);
        if ((await caller.DenyAsync(workspaceId, Permission.Appeal, ct) ?? await InspectionAccess.DenyAppealAsync(db, caller, sampleId, ct)) is { } denied)
        {
            return denied;
        }
        await new SpotCheckService(store).AppealAsync(sampleId, InspectionAccess.Actor(caller), Required(body?.Reason, "reason"), ct);
        return TypedResults.Ok(await DetailAsync(store, caller, sampleId, workspaceId!.Value, ct));
    }

    private static async Task<Results<Ok<SampleDetail>, ProblemHttpResult>> DecideAsync(long sampleId, DecideBody? body, Caller caller, AppDbContext db, Store store,
        CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.SampleWorkspaceAsync(db, sampleId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.Review, ct) is { } denied)
        {
            return denied;
        }
        var decision = ParseDecision(body?.Decision);
        await new SpotCheckService(store).DecideAsync(sampleId, InspectionAccess.Actor(caller), decision,
            decision == SampleDecision.Amended ? Items(body?.Items) : null, body?.Comment, ct);
        return TypedResults.Ok(await DetailAsync(store, caller, sampleId, workspaceId!.Value, ct));
    }

    /// <summary>The workspace's operators with their links; <c>linked</c> is true, false or empty, <c>user</c> an account's id, <c>member</c> one operator.</summary>
    private static async Task<Results<Ok<OperatorList>, ProblemHttpResult>> OperatorsAsync(long? workspace, string? q, string? community, string? linked, string? user,
        long? member, int? page, int? limit, Caller caller, Store store, CancellationToken ct)
    {
        var filter = OperatorLinking.Filter(q, community, linked, user, member, page, limit);
        var (ws, denied) = await caller.WorkspaceAsync(workspace, OperatorLinking.LinkPermission, ct);
        if (denied is not null)
        {
            return denied;
        }
        return TypedResults.Ok(await new OperatorLinkService(store).ListAsync(ws!.Id, filter, ct));
    }

    private static async Task<Results<Ok<OperatorLinkView>, ProblemHttpResult>> LinkOperatorAsync(long memberId, LinkBody? body, Caller caller, AppDbContext db, Store store,
        CancellationToken ct)
    {
        var (denied, link) = await OperatorLinking.LinkAsync(caller, db, store, memberId, body?.Email, ct);
        return denied is not null ? denied : TypedResults.Ok(link!);
    }

    /// <summary>204 when the link was removed; 404 when the operator had none.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> UnlinkOperatorAsync(long memberId, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        var (denied, removed) = await OperatorLinking.UnlinkAsync(caller, db, store, memberId, ct);
        if (denied is not null)
        {
            return denied;
        }
        return removed ? TypedResults.NoContent() : ErrorResponses.Problem(StatusCodes.Status404NotFound, $"operator {memberId} is not linked to an account");
    }

    public static SampleDecision ParseDecision(string? text) => text switch
    {
        "upheld" or "uphold" => SampleDecision.Upheld,
        "amended" or "amend" => SampleDecision.Amended,
        _ => throw new FieldException("decision", Strings.Problem("EitherOr", "upheld", "amended")),
    };

    public static IReadOnlyList<ItemScore> Items(IReadOnlyList<ItemBody>? items) =>
        [.. (items ?? []).Select((i, n) => new ItemScore(Required(i.Item, string.Create(CultureInfo.InvariantCulture, $"items[{n}].item")), i.Points,
            string.IsNullOrWhiteSpace(i.Comment) ? null : i.Comment))];

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FieldException(field, Strings.Problem("Required")) : value;
}
