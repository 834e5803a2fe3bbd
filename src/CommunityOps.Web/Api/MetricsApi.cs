using System.Text.Json.Serialization.Metadata;
using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Communities;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Api;

/// <summary>The metrics of docs/metrics.md, as the same JSON as `communityops metrics` prints.</summary>
public static class MetricsApi
{
    private static readonly JsonTypeInfo<CommunityReport> CommunityJson = (JsonTypeInfo<CommunityReport>)MetricsJson.Context.GetTypeInfo(typeof(CommunityReport))!;
    private static readonly JsonTypeInfo<WorkspaceReport> WorkspaceJson = (JsonTypeInfo<WorkspaceReport>)MetricsJson.Context.GetTypeInfo(typeof(WorkspaceReport))!;

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Metrics");
        api.MapGet("/communities/{communityId:long}/metrics", CommunityAsync);
        api.MapGet("/metrics", WorkspaceAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<CommunityReport>, ProblemHttpResult>> CommunityAsync(
        long communityId, DateOnly? from, DateOnly? to, string? tz, Caller caller, CommunityTotalsCache totals, MetricsEngine engine, AnalyticsRefresher refresher, CancellationToken ct)
    {
        var workspaceId = await totals.WorkspaceOfAsync(communityId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
        {
            return denied;
        }
        var report = await CommunityReportAsync(engine, refresher, communityId, Query(from, to, tz), ct);
        HideTextsUnlessAllowed((await caller.InAsync(workspaceId!.Value, ct))!.Role, [report]);
        return TypedResults.Json(report, CommunityJson);
    }

    private static async Task<Results<JsonHttpResult<WorkspaceReport>, ProblemHttpResult>> WorkspaceAsync(
        long? workspace, DateOnly? from, DateOnly? to, string? tz, Caller caller, CommunityTotalsCache totals, MetricsEngine engine, AnalyticsRefresher refresher, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return denied;
        }
        if (await WorkspaceReportAsync(engine, refresher, totals, ws!, Query(from, to, tz), ct) is not { } report)
        {
            return ErrorResponses.Problem(StatusCodes.Status404NotFound, "this workspace has no communities yet");
        }
        HideTextsUnlessAllowed(ws!.Role, report.Communities);
        return TypedResults.Json(report, WorkspaceJson);
    }

    /// <summary>A community's report; a community imported since the last refresh is folded in first.</summary>
    public static async Task<CommunityReport> CommunityReportAsync(MetricsEngine engine, AnalyticsRefresher refresher, long communityId, MetricsQuery query, CancellationToken ct)
    {
        var id = communityId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return await engine.CommunityAsync(id, query, ct);
        }
        catch (CommunityOpsException)
        {
            // Perhaps imported after the last refresh; a bad query fails the same way again below.
            await refresher.RefreshNowAsync(ct);
            return await engine.CommunityAsync(id, query, ct);
        }
    }

    /// <summary>Null when the workspace has no communities yet.</summary>
    public static async Task<WorkspaceReport?> WorkspaceReportAsync(
        MetricsEngine engine, AnalyticsRefresher refresher, CommunityTotalsCache totals, WorkspaceRole workspace, MetricsQuery query, CancellationToken ct)
    {
        if ((await totals.WorkspaceAsync(workspace.Id, ct)).Count == 0)
        {
            return null;
        }
        try
        {
            return await engine.WorkspaceAsync(workspace.Name, query, ct);
        }
        catch (CommunityOpsException)
        {
            await refresher.RefreshNowAsync(ct);
            return await engine.WorkspaceAsync(workspace.Name, query, ct);
        }
    }

    /// <summary>Top messages carry their text; roles that may not read messages get the ranking without it.</summary>
    private static void HideTextsUnlessAllowed(Role role, IEnumerable<CommunityReport> reports)
    {
        if (role.Allows(Permission.ViewMessages))
        {
            return;
        }
        foreach (var message in reports.SelectMany(r => r.Interaction.TopMessages ?? []))
        {
            message.Text = null;
        }
    }

    /// <summary>The range and zone of a request, checked here so that the error names the query parameter.</summary>
    public static MetricsQuery Query(DateOnly? from, DateOnly? to, string? tz)
    {
        if (from is { } f && to is { } t)
        {
            if (f > t)
            {
                throw new FieldException("from", $"{f:yyyy-MM-dd} is after to ({t:yyyy-MM-dd})");
            }
            if (t.DayNumber - f.DayNumber >= 3653)
            {
                throw new FieldException("from", "the range is longer than ten years");
            }
        }
        return new MetricsQuery(from, to, Zone(tz));
    }

    private static string? Zone(string? tz)
    {
        if (string.IsNullOrWhiteSpace(tz))
        {
            return null;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(tz.Trim(), out _)
            ? tz.Trim()
            : throw new FieldException("tz", $"'{tz}' is not a known IANA time zone (for example Asia/Shanghai)");
    }
}
