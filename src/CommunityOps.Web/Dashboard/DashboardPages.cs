using CommunityOps.Web.Dashboard.Accounts;
using CommunityOps.Web.Dashboard.Communities;
using CommunityOps.Web.Dashboard.Imports;
using CommunityOps.Web.Dashboard.Members;
using CommunityOps.Web.Dashboard.Settings;
using CommunityOps.Web.Dashboard.Shared;

namespace CommunityOps.Web.Dashboard;

/// <summary>Server-rendered pages: each feature folder maps its own; they share the anti-forgery preparation.</summary>
public static class DashboardPages
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            PageContext.Prepare(context.HttpContext);
            return await next(context);
        });
        pages.MapAccountPages();
        pages.MapCommunitiesPages();
        pages.MapMembersPages();
        pages.MapImportsPages();
        pages.MapSettingsPages();
        return app;
    }

    /// <summary>A page answers denials with the status alone; the status page renders it for people.</summary>
    public static IResult Denied(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult denied) => Results.StatusCode(denied.StatusCode);
}
