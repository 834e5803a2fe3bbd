using CommunityOps.Accounts;
using CommunityOps.Communities;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using CommunityOps.Web.Dashboard.Shared;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommunityOps.Web.Dashboard.Communities;

public sealed record CommunitiesModel(WorkspaceRole Workspace, IReadOnlyList<CommunitySummary> Communities, CommunitiesApi.Sums Totals, string? Q, string Sort, bool Desc);

public sealed record CommunityModel(WorkspaceRole Workspace, CommunitySummary Community, IReadOnlyList<string> Channels, bool CanSeeMembers, DateOnly? From, DateOnly? To);

public static class CommunitiesPages
{
    public static void MapCommunitiesPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/communities", ListAsync);
        pages.MapGet("/communities.csv", (string? q, string? sort, bool? desc, Caller caller, CommunityTotalsCache totals, IStringLocalizer<Strings> l, CancellationToken ct) =>
            DownloadAsync(TableDownload.CsvExtension, q, sort, desc, caller, totals, l, ct));
        pages.MapGet("/communities.xlsx", (string? q, string? sort, bool? desc, Caller caller, CommunityTotalsCache totals, IStringLocalizer<Strings> l, CancellationToken ct) =>
            DownloadAsync(TableDownload.XlsxExtension, q, sort, desc, caller, totals, l, ct));
        pages.MapGet("/communities/{communityId:long}", CommunityAsync);
    }

    private static async Task<IResult> ListAsync(string? q, string? sort, bool? desc, Caller caller, AppDbContext db, CommunityTotalsCache totals, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(null, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return DashboardPages.Denied(denied);
        }
        var list = CommunitiesApi.Arrange(await totals.WorkspaceAsync(ws!.Id, ct), q, sort, desc ?? false);
        return new RazorComponentResult<CommunitiesPage>(new { Model = new CommunitiesModel(ws, list, CommunitiesApi.Sum(list), q, sort ?? "name", desc ?? false) });
    }

    /// <summary>The table as filtered and sorted on the page, as CSV or Excel.</summary>
    private static async Task<IResult> DownloadAsync(string extension, string? q, string? sort, bool? desc, Caller caller, CommunityTotalsCache totals, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(null, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return DashboardPages.Denied(denied);
        }
        var list = CommunitiesApi.Arrange(await totals.WorkspaceAsync(ws!.Id, ct), q, sort, desc ?? false);
        var table = TableDownload.For(extension, l["Communities.Title"]);
        table.Text(l["Col.Id"]).Text(l["Col.Name"]).Text(l["Col.Platform"]).Text(l["Col.Members"]).Text(l["Col.Staff"]).Text(l["Col.Messages"])
            .Text(l["Col.Joins"]).Text(l["Col.Leaves"]).Text(l["Col.Reactions"]).Text(l["Col.FirstActivity"]).Text(l["Col.LastActivity"]).Line();
        foreach (var c in list)
        {
            table.Number(c.Id).Text(c.Name).Text(c.Platform).Number(c.Members).Number(c.Staff).Number(c.Messages)
                .Number(c.Joins).Number(c.Leaves).Number(c.Reactions).Text(Format.Iso(c.FirstActivity)).Text(Format.Iso(c.LastActivity)).Line();
        }
        return table.ToResult("communities");
    }

    private static async Task<IResult> CommunityAsync(long communityId, DateOnly? from, DateOnly? to, Caller caller, CommunityTotalsCache totals, CancellationToken ct)
    {
        var workspaceId = await totals.WorkspaceOfAsync(communityId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewCommunities, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var ws = (await caller.InAsync(workspaceId!.Value, ct))!;
        var (summary, channels) = (await totals.CommunityWithChannelsAsync(communityId, ct))!.Value;
        return new RazorComponentResult<CommunityPage>(new { Model = new CommunityModel(ws, summary, channels.Select(c => c.Name).ToList(), ws.Role.Allows(Permission.ViewMembers), from, to) });
    }
}
