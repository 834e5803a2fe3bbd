using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Communities;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Metrics;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Dashboard.Overview;

public static class OverviewPages
{
    public static void MapOverviewPages(this RouteGroupBuilder pages) => pages.MapGet("/", OverviewAsync);

    private static async Task<IResult> OverviewAsync(int? days, Caller caller, MetricsEngine engine, AnalyticsRefresher refresher, CommunityTotalsCache totals,
        MetricsCache cache, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(null, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return DashboardPages.Denied(denied);
        }
        var workspace = ws!;
        var period = days ?? 30;
        if (!Overview.Periods.Contains(period))
        {
            throw new FieldException("days", Strings.Problem("OneOf", string.Join(", ", Overview.Periods)));
        }
        var model = await cache.GetAsync($"overview:{workspace.Id}:{period}", () => BuildAsync(engine, refresher, totals, workspace, period));
        return new RazorComponentResult<OverviewPage>(new { Model = model.Model, Workspace = workspace });
    }

    private sealed record Cached(OverviewModel? Model);

    private static async Task<Cached> BuildAsync(MetricsEngine engine, AnalyticsRefresher refresher, CommunityTotalsCache totals, WorkspaceRole workspace, int period)
    {
        var ct = CancellationToken.None;
        // The period ends on the workspace's last day with activity (the engine's default end).
        if (await MetricsApi.WorkspaceReportAsync(engine, refresher, totals, workspace, MetricsQuery.Default, ct) is not { } latest)
        {
            return new Cached(null);
        }
        var to = latest.To;
        var from = to.AddDays(-(period - 1));
        var current = period == MetricsQuery.DefaultDays ? latest : await engine.WorkspaceAsync(workspace.Name, new MetricsQuery(from, to), ct);
        var previous = await engine.WorkspaceAsync(workspace.Name, new MetricsQuery(from.AddDays(-period), from.AddDays(-1)), ct);
        return new Cached(Overview.Build(workspace, period, current, previous));
    }
}
