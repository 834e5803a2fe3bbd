using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Communities;
using CommunityOps.Members;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using CommunityOps.Web.Dashboard.Shared;
using CommunityOps.Web.Metrics;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Dashboard.Members;

public sealed record MembersModel(Community Community, MemberList Page, string? Q, bool? Staff, bool? Bot, MemberLayer? Layer);

public sealed record MemberModel(MemberProfile Profile, string TimeZone, MembersApi.TimelineResponse Timeline, string? Kind, bool ShowsText, LayerMember? Layer, int ActiveDays);

public static class MembersPages
{
    public const int CsvMaxRows = 100_000;

    public static void MapMembersPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/communities/{communityId:long}/members", ListAsync);
        pages.MapGet("/communities/{communityId:long}/members.csv", CsvAsync);
        pages.MapGet("/members/{memberId:long}", MemberAsync);
    }

    private static async Task<IResult> ListAsync(long communityId, string? q, string? staff, string? bot, string? layer, int? page, Caller caller, AppDbContext db, Store store,
        MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        if (await caller.DenyAsync(community?.WorkspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var only = MemberLayers.Parse(layer);
        var result = await MemberLayers.SearchAsync(store, engine, refresher, cache, communityId, CommunitiesApi.MemberFilterFrom(q, staff, bot, page, null), only, ct);
        return new RazorComponentResult<MembersPage>(new { Model = new MembersModel(community!, result, q, CommunitiesApi.Flag(staff, "staff"), CommunitiesApi.Flag(bot, "bot"), only) });
    }

    private static async Task<IResult> CsvAsync(long communityId, string? q, string? staff, string? bot, string? layer, Caller caller, AppDbContext db, Store store,
        MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        if (await caller.DenyAsync(community?.WorkspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var csv = new Csv();
        csv.Text(l["Col.Id"]).Text(l["Col.Name"]).Text(l["Col.SourceId"]).Text(l["Col.Staff"]).Text(l["Col.Bot"]).Text(l["Col.Messages"]).Text(l["Col.LastActivity"]).Text(l["Col.Layer"]).Line();
        var only = MemberLayers.Parse(layer);
        // Page through the whole filtered list: the same query as the table, without its page size.
        for (var p = 1; (p - 1) * MemberFilter.MaxPageSize < CsvMaxRows; p++)
        {
            var filter = new MemberFilter(q, CommunitiesApi.Flag(staff, "staff"), CommunitiesApi.Flag(bot, "bot"), p, MemberFilter.MaxPageSize);
            var result = await MemberLayers.SearchAsync(store, engine, refresher, cache, communityId, filter, only, ct);
            foreach (var m in result.Items)
            {
                csv.Number(m.Id).Text(m.DisplayName).Text(m.SourceId).Number(m.IsStaff ? 1 : 0).Number(m.IsBot ? 1 : 0).Number(m.Messages).Text(Format.Iso(m.LastActivity))
                    .Text(m.Layer is null ? "" : l[$"Layer.{char.ToUpperInvariant(m.Layer[0])}{m.Layer[1..]}"]).Line();
            }
            if (result.Items.Count < MemberFilter.MaxPageSize)
            {
                break;
            }
        }
        return csv.ToResult($"members-{communityId}.csv");
    }

    private static async Task<IResult> MemberAsync(long memberId, string? kind, string? before, Caller caller, AppDbContext db,
        MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache, IOptions<AnalyticsOptions> analytics, CancellationToken ct)
    {
        var profile = await db.MemberProfileAsync(memberId, ct);
        if (await caller.DenyAsync(profile?.WorkspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var showText = (await caller.InAsync(profile!.WorkspaceId, ct))!.Role.Allows(Permission.ViewMessages);
        var timeline = await MembersApi.ReadTimelineAsync(db, memberId, kind, before, 50, showText, ct);
        var timeZone = await db.Communities.Where(c => c.Id == profile.Member.CommunityId).Select(c => c.TimeZone).SingleAsync(ct);
        var layer = (await MemberLayers.ListingAsync(engine, refresher, cache, profile.Member.CommunityId, ct)).Members.FirstOrDefault(m => m.MemberId == memberId);
        var workspace = (await caller.InAsync(profile.WorkspaceId, ct))!.Name;
        return new RazorComponentResult<MemberPage>(new { Model = new MemberModel(profile, timeZone, timeline, kind, showText, layer, analytics.Value.For(workspace).ActiveDays) });
    }
}
