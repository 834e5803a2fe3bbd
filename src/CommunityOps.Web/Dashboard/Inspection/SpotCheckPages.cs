using System.Globalization;
using CommunityOps.Accounts;
using CommunityOps.Communities;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using CommunityOps.Web.Inspection;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CommunityOps.Web.Dashboard.Inspection;

public sealed record SpotChecksModel(WorkspaceRole Workspace, IReadOnlyList<PlanView> Plans, IReadOnlyList<Community> Communities, bool CanPlan, string? Error);

/// <summary><see cref="UnlinkedOperators"/>: the sampled operators nobody can appeal for yet (null for those who may not link them).</summary>
public sealed record PlanModel(WorkspaceRole Workspace, PlanReport Report, IReadOnlySet<long>? UnlinkedOperators);

public sealed record SampleModel(WorkspaceRole Workspace, SampleDetail Detail, RubricView Rubric, bool CanScore, bool CanAppeal, string? Error, bool IsOperatorUnlinked = false);

/// <summary>Spot checks: plans (created and sampled at once), a plan's sample, and one sampled conversation with its scoring, appeal and decision forms.</summary>
public static class SpotCheckPages
{
    public sealed class PlanForm
    {
        public long Workspace { get; set; }
        public string? Name { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Mode { get; set; }
        public double? Amount { get; set; }
        public string? Strata { get; set; }
        public long? Seed { get; set; }
        public long? Community { get; set; }
        public string? TimeZone { get; set; }
    }

    public static void MapSpotCheckPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/inspection/spotchecks", async (long? workspace, Caller caller, AppDbContext db, Store store, CancellationToken ct) =>
        {
            var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
            return denied is not null ? DashboardPages.Denied(denied) : await ListAsync(ws!, null, db, store, ct);
        });
        pages.MapPost("/inspection/spotchecks", CreateAsync);
        pages.MapGet("/inspection/spotchecks/{planId:long}", async (long planId, Caller caller, AppDbContext db, Store store, CancellationToken ct) =>
        {
            var workspaceId = await InspectionAccess.PlanWorkspaceAsync(db, planId, ct);
            if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
            {
                return DashboardPages.Denied(denied);
            }
            var ws = (await caller.InAsync(workspaceId!.Value, ct))!;
            var report = await new SpotCheckService(store).ShowPlanAsync(planId, ct);
            var unlinked = await OperatorLinking.UnlinkedAsync(ws, db, report.Samples.Select(s => s.OperatorId).Distinct().ToList(), ct);
            return new RazorComponentResult<PlanPage>(new { Model = new PlanModel(ws, report, unlinked) });
        });
        pages.MapGet("/inspection/samples/{sampleId:long}", (long sampleId, Caller caller, AppDbContext db, Store store, CancellationToken ct) =>
            SampleAsync(sampleId, null, caller, db, store, ct));
        foreach (var step in new[] { "score", "appeal", "decide" })
        {
            pages.MapPost($"/inspection/samples/{{sampleId:long}}/{step}", (long sampleId, HttpRequest request, Caller caller, AppDbContext db, Store store, CancellationToken ct) =>
                StepAsync(sampleId, step, request, caller, db, store, ct));
        }
    }

    private static async Task<IResult> ListAsync(WorkspaceRole ws, string? error, AppDbContext db, Store store, CancellationToken ct)
    {
        var plans = await new SpotCheckService(store).ListPlansAsync(ws.Name, ct);
        var model = new SpotChecksModel(ws, plans, await InspectionPages.CommunitiesAsync(db, ws.Id, ct), ws.Role.Allows(Permission.Review), error);
        return new RazorComponentResult<SpotChecksPage>(new { Model = model }) { StatusCode = error is null ? 200 : 400 };
    }

    private static async Task<IResult> CreateAsync([FromForm] PlanForm? form, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        form ??= new();
        if (await caller.DenyAsync(form.Workspace, Permission.Review, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var ws = (await caller.InAsync(form.Workspace, ct))!;
        try
        {
            var body = new SpotChecksApi.PlanRequestBody(form.Name, Day(form.From, form.TimeZone, "from"), Day(form.To, form.TimeZone, "to"), form.Mode, form.Amount,
                form.Strata, form.Seed, form.Community is { } c ? [c] : null, null);
            var report = await SpotChecksApi.CreatePlanAsync(store, ws.Name, InspectionAccess.Actor(caller), body, ct);
            return Results.Redirect($"/inspection/spotchecks/{report.Plan.Id}");
        }
        catch (CommunityOpsException ex)
        {
            return await ListAsync(ws, ex.Localized(CultureInfo.CurrentUICulture), db, store, ct);
        }
    }

    /// <summary>A date from the form's date input, at midnight in the chosen time zone (UTC when none).</summary>
    private static DateTimeOffset? Day(string? value, string? timeZone, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new Hosting.FieldException(field, Strings.Problem("Date"));
        }
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out zone))
        {
            throw new Hosting.FieldException("timeZone", Strings.Problem("NoSuchTimeZone"));
        }
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone!.GetUtcOffset(local));
    }

    private static async Task<IResult> SampleAsync(long sampleId, string? error, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.SampleWorkspaceAsync(db, sampleId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var ws = (await caller.InAsync(workspaceId!.Value, ct))!;
        var service = new SpotCheckService(store);
        var detail = InspectionAccess.Redact(await service.DetailAsync(sampleId, ct), ws.Role.Allows(Permission.ViewMessages));
        var rubric = (await service.ShowPlanAsync(detail.Sample.PlanId, ct)).Rubric;
        var canAppeal = ws.Role.Allows(Permission.Appeal) && await InspectionAccess.DenyAppealAsync(db, caller, sampleId, ct) is null;
        var unlinked = await OperatorLinking.UnlinkedAsync(ws, db, [detail.Sample.OperatorId], ct);
        var model = new SampleModel(ws, detail, rubric, ws.Role.Allows(Permission.Review), canAppeal, error, unlinked?.Count > 0);
        return new RazorComponentResult<SamplePage>(new { Model = model }) { StatusCode = error is null ? 200 : 400 };
    }

    /// <summary>
    /// Score, appeal or decide from the sample page. Rubric items come as item.{id}=on with points.{id} and
    /// comment.{id}; the decision as decision=upheld|amended (amended with the same item fields).
    /// </summary>
    private static async Task<IResult> StepAsync(long sampleId, string step, HttpRequest request, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.SampleWorkspaceAsync(db, sampleId, ct);
        var permission = step == "appeal" ? Permission.Appeal : Permission.Review;
        if (await caller.DenyAsync(workspaceId, permission, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        if (step == "appeal" && await InspectionAccess.DenyAppealAsync(db, caller, sampleId, ct) is { } notOwn)
        {
            return DashboardPages.Denied(notOwn);
        }
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        string? Field(string name) => form?[name].FirstOrDefault() is { Length: > 0 } v ? v : null;
        var service = new SpotCheckService(store);
        var actor = InspectionAccess.Actor(caller);
        try
        {
            switch (step)
            {
                case "score":
                    await service.ScoreAsync(sampleId, actor, Items(form), Field("comment"), ct);
                    break;
                case "appeal":
                    await service.AppealAsync(sampleId, actor, Field("reason") ?? throw new Hosting.FieldException("reason", Strings.Problem("Required")), ct);
                    break;
                default:
                    var decision = SpotChecksApi.ParseDecision(Field("decision"));
                    await service.DecideAsync(sampleId, actor, decision, decision == SampleDecision.Amended ? Items(form) : null, Field("comment"), ct);
                    break;
            }
        }
        catch (CommunityOpsException ex)
        {
            return await SampleAsync(sampleId, ex.Localized(CultureInfo.CurrentUICulture), caller, db, store, ct);
        }
        return Results.Redirect($"/inspection/samples/{sampleId}");
    }

    private static List<ItemScore> Items(IFormCollection? form)
    {
        var items = new List<ItemScore>();
        foreach (var key in form?.Keys.Where(k => k.StartsWith("item.", StringComparison.Ordinal)) ?? [])
        {
            var id = key["item.".Length..];
            int? points = int.TryParse(form![$"points.{id}"].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
            var comment = form[$"comment.{id}"].FirstOrDefault();
            items.Add(new ItemScore(id, points, string.IsNullOrWhiteSpace(comment) ? null : comment));
        }
        return items;
    }
}
