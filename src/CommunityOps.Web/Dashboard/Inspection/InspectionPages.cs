using System.Globalization;
using CommunityOps.Accounts;
using CommunityOps.Communities;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.Reviews;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using CommunityOps.Web.Inspection;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Dashboard.Inspection;

public sealed record FindingsModel(WorkspaceRole Workspace, IReadOnlyList<Community> Communities, FindingFilter Filter, string? Severity,
    IReadOnlyList<FindingView> Findings, bool CanReview);

public sealed record FindingModel(WorkspaceRole Workspace, InspectionApi.FindingDetail Detail, bool CanReview, string? Error);

public sealed record RulesModel(WorkspaceRole Workspace, WorkspaceRuleSet Current, string Json, IReadOnlyList<RuleSetError> Errors, bool Saved,
    IReadOnlyList<Community> Communities, InspectionRunSummary? Rescanned, string? Error);

/// <summary>
/// The inspection pages: findings and their review, the rule set editor with re-scans. Spot checks are in
/// <see cref="SpotCheckPages"/>, operators and their accounts in <see cref="OperatorPages"/>.
/// </summary>
public static class InspectionPages
{
    public sealed class ReviewForm
    {
        public string? Action { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class RulesForm
    {
        public long Workspace { get; set; }
        public string? Json { get; set; }
        public string? Comment { get; set; }
    }

    public static void MapInspectionPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/inspection/findings", FindingsAsync);
        pages.MapGet("/inspection/findings/{findingId:long}", FindingAsync);
        pages.MapPost("/inspection/findings/{findingId:long}/review", ReviewAsync);
        pages.MapGet("/inspection/rules", async (long? workspace, Caller caller, AppDbContext db, Store store, CancellationToken ct) =>
        {
            var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
            if (denied is not null)
            {
                return DashboardPages.Denied(denied);
            }
            var current = await new WorkspaceRuleSets(store).CurrentAsync(ws!.Id, ct);
            return Rules(new RulesModel(ws, current, current.Json, [], false, await CommunitiesAsync(db, ws.Id, ct), null, null));
        });
        pages.MapPost("/inspection/rules", SaveRulesAsync);
        pages.MapPost("/inspection/communities/{communityId:long}/rescan", RescanAsync);
        pages.MapSpotCheckPages();
        pages.MapOperatorPages();
    }

    private static async Task<IResult> FindingsAsync(long? workspace, string? community, string? category, string? severity, string? status, string? member,
        int? offset, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        // The filter form sends community= for "all communities".
        long? communityId = string.IsNullOrEmpty(community) ? null
            : long.TryParse(community, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
            : throw new Hosting.FieldException("community", Strings.Problem("CommunityId"));
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return DashboardPages.Denied(denied);
        }
        // The review queue opens on what is still open.
        var filter = InspectionApi.Filter(ws!.Name, communityId, category, severity, status ?? "open", null, member, 50, offset);
        var showText = ws.Role.Allows(Permission.ViewMessages);
        var findings = (await new FindingReviews(store).ListAsync(filter, ct)).Select(f => InspectionAccess.Redact(f, showText)).ToList();
        var model = new FindingsModel(ws, await CommunitiesAsync(db, ws.Id, ct), filter, severity, findings, ws.Role.Allows(Permission.Review));
        return new RazorComponentResult<FindingsPage>(new { Model = model });
    }

    private static async Task<IResult> FindingAsync(long findingId, Caller caller, AppDbContext db, Store store, CancellationToken ct) =>
        await FindingPageAsync(findingId, null, caller, db, store, ct);

    private static async Task<IResult> FindingPageAsync(long findingId, string? error, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.FindingWorkspaceAsync(db, findingId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var ws = (await caller.InAsync(workspaceId!.Value, ct))!;
        var detail = await InspectionApi.DetailAsync(store, caller, findingId, ws.Id, ct);
        return new RazorComponentResult<FindingPage>(new { Model = new FindingModel(ws, detail, ws.Role.Allows(Permission.Review), error) })
        {
            StatusCode = error is null ? 200 : 400,
        };
    }

    private static async Task<IResult> ReviewAsync(long findingId, [FromForm] ReviewForm? form, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        form ??= new();
        var workspaceId = await InspectionAccess.FindingWorkspaceAsync(db, findingId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.Review, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        try
        {
            await new FindingReviews(store).DecideAsync([findingId], InspectionApi.ParseAction(form.Action), InspectionAccess.Actor(caller),
                string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment, null, ct);
        }
        catch (CommunityOpsException ex)
        {
            return await FindingPageAsync(findingId, ex.Localized(CultureInfo.CurrentUICulture), caller, db, store, ct);
        }
        // Post/redirect/get: a reload does not decide twice.
        return Results.Redirect($"/inspection/findings/{findingId}");
    }

    private static async Task<IResult> SaveRulesAsync([FromForm] RulesForm? form, Caller caller, AppDbContext db, Store store, Inspectors inspectors,
        CancellationToken ct)
    {
        form ??= new();
        if (await caller.DenyAsync(form.Workspace, Permission.EditRules, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var ws = (await caller.InAsync(form.Workspace, ct))!;
        var rules = new WorkspaceRuleSets(store);
        var json = form.Json ?? "";
        try
        {
            var saved = await rules.SaveAsync(ws.Id, json, InspectionAccess.Actor(caller), string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment, inspectors.Datasets, ct);
            return Rules(new RulesModel(ws, saved, saved.Json, [], true, await CommunitiesAsync(db, ws.Id, ct), null, null));
        }
        catch (RuleSetInvalidException invalid)
        {
            // Shown with the text as typed, so nothing is lost while the mistakes are fixed.
            var current = await rules.CurrentAsync(ws.Id, ct);
            return Rules(new RulesModel(ws, current, json, invalid.Errors, false, await CommunitiesAsync(db, ws.Id, ct), null, null), 400);
        }
    }

    private static async Task<IResult> RescanAsync(long communityId, Caller caller, AppDbContext db, Store store, Inspectors inspectors, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.CommunityWorkspaceAsync(db, communityId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.Review, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var ws = (await caller.InAsync(workspaceId!.Value, ct))!;
        var current = await new WorkspaceRuleSets(store).CurrentAsync(ws.Id, ct);
        InspectionRunSummary? summary = null;
        string? error = null;
        try
        {
            summary = await new InspectionRunner(store, await inspectors.ForAsync(ws.Id, ct)).RescanAsync(communityId, null, ct);
        }
        catch (CommunityOpsException ex)
        {
            error = ex.Localized(CultureInfo.CurrentUICulture);
        }
        return Rules(new RulesModel(ws, current, current.Json, [], false, await CommunitiesAsync(db, ws.Id, ct), summary, error), error is null ? 200 : 400);
    }

    private static RazorComponentResult<RulesPage> Rules(RulesModel model, int status = 200) => new(new { Model = model }) { StatusCode = status };

    public static Task<List<Community>> CommunitiesAsync(AppDbContext db, long workspaceId, CancellationToken ct) =>
        db.Communities.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(ct);
}
