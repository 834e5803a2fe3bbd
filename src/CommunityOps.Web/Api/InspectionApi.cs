using System.Globalization;
using CommunityOps.Accounts;
using CommunityOps.Inspection;
using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.Reviews;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Inspection;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Api;

/// <summary>
/// Quality inspection (docs/inspection.md): findings and their review, the workspace's rule set,
/// re-scans. Spot checks are in <see cref="SpotChecksApi"/>. Every role of the workspace reads (message
/// texts only for roles that read messages); inspectors, managers and admins review; managers and admins
/// edit the rule set.
/// </summary>
public static class InspectionApi
{
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapInspectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/inspection").WithTags("Inspection");
        api.MapGet("/findings", ListAsync);
        api.MapGet("/findings/{findingId:long}", GetAsync);
        api.MapPost("/findings/{findingId:long}/review", ReviewAsync);
        api.MapGet("/rules", RulesAsync);
        api.MapPut("/rules", SaveRulesAsync);
        api.MapPost("/communities/{communityId:long}/rescan", RescanAsync);
        app.MapSpotChecksApi();
        return app;
    }

    public sealed record FindingList(IReadOnlyList<FindingView> Findings, int Offset, int Limit);

    public sealed record FindingDetail(FindingView Finding, IReadOnlyList<AuditView> Audit);

    /// <summary>Every field nullable: a body that does not fit is a 400 from the handler, after the 404 check.</summary>
    public sealed record ReviewRequest(string? Action, string? Comment);

    public sealed record RuleSetResponse(long WorkspaceId, int Version, bool IsDefault, string Json, string? SavedBy, DateTimeOffset? SavedAt, string? Comment);

    public sealed record RuleSetRequest(string? Json, string? Comment);

    public sealed record RuleSetErrors(string Detail, IReadOnlyList<RuleSetError> Errors);

    private static async Task<Results<Ok<FindingList>, ProblemHttpResult>> ListAsync(long? workspace, long? community, string? category, string? severity,
        string? status, string? rule, string? member, int? limit, int? offset, Caller caller, CancellationToken ct, Store store)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return denied;
        }
        var filter = Filter(ws!.Name, community, category, severity, status, rule, member, limit, offset);
        var showText = ws.Role.Allows(Permission.ViewMessages);
        var findings = await new FindingReviews(store).ListAsync(filter, ct);
        return TypedResults.Ok(new FindingList([.. findings.Select(f => InspectionAccess.Redact(f, showText))], filter.Offset, filter.Limit));
    }

    /// <summary>The query string as a filter; shared with the Findings page.</summary>
    public static FindingFilter Filter(string workspace, long? community, string? category, string? severity, string? status, string? rule, string? member,
        int? limit, int? offset)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new FieldException("limit", Strings.Problem("Between", 1, MaxLimit));
        }
        if (offset is < 0)
        {
            throw new FieldException("offset", Strings.Problem("NotNegative"));
        }
        if (!string.IsNullOrEmpty(category) && !RuleCategories.All.Contains(category))
        {
            throw new FieldException("category", Strings.Problem("OneOf", string.Join(", ", RuleCategories.All)));
        }
        return new FindingFilter
        {
            Workspace = workspace,
            CommunityId = community,
            Category = string.IsNullOrEmpty(category) ? null : category,
            MinSeverity = string.IsNullOrEmpty(severity) ? null : ParseSeverity(severity),
            Status = string.IsNullOrEmpty(status) ? null : ParseStatus(status),
            Rule = string.IsNullOrEmpty(rule) ? null : rule,
            Member = string.IsNullOrEmpty(member) ? null : member,
            Limit = limit ?? 50,
            Offset = offset ?? 0,
        };
    }

    private static Severity ParseSeverity(string text) => text switch
    {
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => throw new FieldException("severity", Strings.Problem("OneOf", "low, medium, high, critical")),
    };

    private static FindingStatus ParseStatus(string text) => text switch
    {
        "open" => FindingStatus.Open,
        "confirmed" => FindingStatus.Confirmed,
        "dismissed" => FindingStatus.Dismissed,
        _ => throw new FieldException("status", Strings.Problem("OneOf", "open, confirmed, dismissed")),
    };

    public static ReviewAction ParseAction(string? text) => text switch
    {
        "confirm" => ReviewAction.Confirm,
        "dismiss" => ReviewAction.Dismiss,
        "reopen" => ReviewAction.Reopen,
        _ => throw new FieldException("action", Strings.Problem("OneOf", "confirm, dismiss, reopen")),
    };

    private static async Task<Results<Ok<FindingDetail>, ProblemHttpResult>> GetAsync(long findingId, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.FindingWorkspaceAsync(db, findingId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok(await DetailAsync(store, caller, findingId, workspaceId!.Value, ct));
    }

    public static async Task<FindingDetail> DetailAsync(Store store, Caller caller, long findingId, long workspaceId, CancellationToken ct)
    {
        var finding = await new FindingReviews(store).GetAsync(findingId, null, ct);
        var audit = await InspectionAccess.FindingAuditAsync(store, findingId, ct);
        return new FindingDetail(InspectionAccess.Redact(finding, await InspectionAccess.ShowsTextAsync(caller, workspaceId, ct)), audit);
    }

    private static async Task<Results<Ok<FindingDetail>, ProblemHttpResult>> ReviewAsync(long findingId, ReviewRequest? body, Caller caller, AppDbContext db, Store store,
        CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.FindingWorkspaceAsync(db, findingId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.Review, ct) is { } denied)
        {
            return denied;
        }
        await new FindingReviews(store).DecideAsync([findingId], ParseAction(body?.Action), InspectionAccess.Actor(caller), body?.Comment, null, ct);
        return TypedResults.Ok(await DetailAsync(store, caller, findingId, workspaceId!.Value, ct));
    }

    private static async Task<Results<Ok<RuleSetResponse>, ProblemHttpResult>> RulesAsync(long? workspace, Caller caller, Store store, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return denied;
        }
        return TypedResults.Ok(Response(await new WorkspaceRuleSets(store).CurrentAsync(ws!.Id, ct)));
    }

    private static RuleSetResponse Response(WorkspaceRuleSet set) =>
        new(set.WorkspaceId, set.Version, set.IsDefault, set.Json, set.SavedBy, set.SavedAt, set.Comment);

    private static async Task<Results<Ok<RuleSetResponse>, BadRequest<RuleSetErrors>, ProblemHttpResult>> SaveRulesAsync(long? workspace, RuleSetRequest? body,
        Caller caller, Store store, Inspectors inspectors, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.EditRules, ct);
        if (denied is not null)
        {
            return denied;
        }
        if (string.IsNullOrWhiteSpace(body?.Json))
        {
            throw new FieldException("json", Strings.Problem("RuleSetJsonRequired"));
        }
        try
        {
            var saved = await new WorkspaceRuleSets(store).SaveAsync(ws!.Id, body.Json, InspectionAccess.Actor(caller), body.Comment, inspectors.Datasets, ct);
            return TypedResults.Ok(Response(saved));
        }
        catch (RuleSetInvalidException invalid)
        {
            var culture = CultureInfo.CurrentUICulture;
            return TypedResults.BadRequest(new RuleSetErrors(invalid.Localized(culture), [.. invalid.Errors.Select(e => e with { Message = e.Localized(culture) })]));
        }
    }

    private static async Task<Results<Ok<InspectionRunSummary>, ProblemHttpResult>> RescanAsync(long communityId, Caller caller, AppDbContext db, Store store,
        Inspectors inspectors, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.CommunityWorkspaceAsync(db, communityId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.Review, ct) is { } denied)
        {
            return denied;
        }
        var inspector = await inspectors.ForAsync(workspaceId!.Value, ct);
        return TypedResults.Ok(await new InspectionRunner(store, inspector).RescanAsync(communityId, null, ct));
    }
}
