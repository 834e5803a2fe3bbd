using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Communities;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Dashboard.Overview;

public static class OverviewPages
{
    public static void MapOverviewPages(this RouteGroupBuilder pages) => pages.MapGet("/", OverviewAsync);

    private static async Task<IResult> OverviewAsync(int? days, Caller caller, MetricsEngine engine, AnalyticsRefresher refresher, CommunityTotalsCache totals, CancellationToken ct)
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
            throw new FieldException("days", $"expected one of: {string.Join(", ", Overview.Periods)}");
        }
        // The period ends on the workspace's last day with activity (the engine's default end).
        if (await MetricsApi.WorkspaceReportAsync(engine, refresher, totals, workspace, MetricsQuery.Default, ct) is not { } latest)
        {
            return new RazorComponentResult<OverviewPage>(new { Model = (OverviewModel?)null, Workspace = workspace });
        }
        var to = latest.To;
        var from = to.AddDays(-(period - 1));
        var current = period == MetricsQuery.DefaultDays ? latest : (await engine.WorkspaceAsync(workspace.Name, new MetricsQuery(from, to), ct));
        var previous = await engine.WorkspaceAsync(workspace.Name, new MetricsQuery(from.AddDays(-period), from.AddDays(-1)), ct);
        return new RazorComponentResult<OverviewPage>(new { Model = Overview.Build(workspace, period, current, previous), Workspace = workspace });
    }
}
