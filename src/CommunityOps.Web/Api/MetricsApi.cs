using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Communities;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Metrics;
using CommunityOps.Web.Resources;
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
        api.MapGet("/communities/{communityId:long}/metrics", CommunityAsync).Produces<CommunityReport>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/metrics", WorkspaceAsync).Produces<WorkspaceReport>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    // The JSON itself is kept (MetricsCache) until the engine's state changes: the same report is asked
    // for by every chart view of a community between two imports.
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CommunityAsync(
        long communityId, DateOnly? from, DateOnly? to, string? tz, Caller caller, CommunityTotalsCache totals, MetricsEngine engine, AnalyticsRefresher refresher,
        MetricsCache cache, CancellationToken ct)
    {
        var workspaceId = await totals.WorkspaceOfAsync(communityId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
        {
            return denied;
        }
        var query = Query(from, to, tz);
        var texts = (await caller.InAsync(workspaceId!.Value, ct))!.Role.Allows(Permission.ViewMessages);
        var json = await cache.GetAsync($"community-json:{communityId}:{query}:{texts}", async () =>
        {
            // Not the request's token: other requests may be waiting for this computation.
            var report = await CommunityReportAsync(engine, refresher, communityId, query, CancellationToken.None);
            HideTextsUnless(texts, [report]);
            return JsonSerializer.SerializeToUtf8Bytes(report, CommunityJson);
        });
        return TypedResults.Bytes(json, "application/json");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkspaceAsync(
        long? workspace, DateOnly? from, DateOnly? to, string? tz, Caller caller, CommunityTotalsCache totals, MetricsEngine engine, AnalyticsRefresher refresher,
        MetricsCache cache, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return denied;
        }
        var query = Query(from, to, tz);
        var texts = ws!.Role.Allows(Permission.ViewMessages);
        var json = await cache.GetAsync($"workspace-json:{ws.Id}:{query}:{texts}", async () =>
        {
            if (await WorkspaceReportAsync(engine, refresher, totals, ws, query, CancellationToken.None) is not { } report)
            {
                return [];
            }
            HideTextsUnless(texts, report.Communities);
            return JsonSerializer.SerializeToUtf8Bytes(report, WorkspaceJson);
        });
        return json.Length == 0
            ? ErrorResponses.Problem(StatusCodes.Status404NotFound, "this workspace has no communities yet")
            : TypedResults.Bytes(json, "application/json");
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
    private static void HideTextsUnless(bool allowed, IEnumerable<CommunityReport> reports)
    {
        if (allowed)
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
                throw new FieldException("from", Strings.Problem("FromAfterTo", f, t));
            }
            if (t.DayNumber - f.DayNumber >= 3653)
            {
                throw new FieldException("from", Strings.Problem("RangeTooLong"));
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
            : throw new FieldException("tz", Strings.Problem("UnknownTimeZone", tz));
    }
}
