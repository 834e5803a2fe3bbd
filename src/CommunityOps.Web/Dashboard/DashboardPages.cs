using CommunityOps.Web.Dashboard.Accounts;
using CommunityOps.Web.Dashboard.Communities;
using CommunityOps.Web.Dashboard.Imports;
using CommunityOps.Web.Dashboard.Inspection;
using CommunityOps.Web.Dashboard.Members;
using CommunityOps.Web.Dashboard.Overview;
using CommunityOps.Web.Dashboard.Settings;
using CommunityOps.Web.Dashboard.Shared;

namespace CommunityOps.Web.Dashboard;

/// <summary>Server-rendered pages: each feature folder maps its own; they share the anti-forgery preparation.</summary>
public static class DashboardPages
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // Form posts are checked by UseCookieCsrfProtection, like every other cookie request: one rule,
        // one place. The framework's per-endpoint check is off so that it does not answer before
        // authorization does (an API key posting a form gets the same 404 as anywhere else).
        var pages = app.MapGroup("").ExcludeFromDescription().DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            PageContext.Prepare(context.HttpContext);
            return await next(context);
        });
        pages.MapAccountPages();
        pages.MapOverviewPages();
        pages.MapCommunitiesPages();
        pages.MapMembersPages();
        pages.MapImportsPages();
        pages.MapSettingsPages();
        pages.MapInspectionPages();
        return app;
    }

    /// <summary>A page answers denials with the status alone; the status page renders it for people.</summary>
    public static IResult Denied(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult denied) => Results.StatusCode(denied.StatusCode);
}
