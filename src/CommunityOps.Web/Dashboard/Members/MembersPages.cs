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

public sealed record MembersModel(Community Community, MemberList Page, string? Q, bool? Staff, bool? Bot, MemberLayer? Layer, string? Tag, IReadOnlyList<TagSummary> Tags);

public sealed record MemberModel(MemberProfile Profile, string TimeZone, MembersApi.TimelineResponse Timeline, string? Kind, bool ShowsText, LayerMember? Layer, int ActiveDays,
    IReadOnlyList<TagRef> Tags, IReadOnlyList<TagSummary> WorkspaceTags, bool CanTag, string? TagError = null);

public static class MembersPages
{
    public const int DownloadMaxRows = 100_000;

    public static void MapMembersPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/communities/{communityId:long}/members", ListAsync);
        pages.MapGet("/communities/{communityId:long}/members.csv", (long communityId, string? q, string? staff, string? bot, string? layer, string? tag, MemberSearch search, CancellationToken ct) =>
            DownloadAsync(TableDownload.CsvExtension, communityId, q, staff, bot, layer, tag, search, ct));
        pages.MapGet("/communities/{communityId:long}/members.xlsx", (long communityId, string? q, string? staff, string? bot, string? layer, string? tag, MemberSearch search, CancellationToken ct) =>
            DownloadAsync(TableDownload.XlsxExtension, communityId, q, staff, bot, layer, tag, search, ct));
        pages.MapGet("/members/{memberId:long}", MemberAsync);
        pages.MapMemberTagForms();
    }

    /// <summary>What the list, its downloads and the tag forms need, as one parameter.</summary>
    public sealed class MemberSearch(Caller caller, AppDbContext db, Store store, MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache,
        IStringLocalizer<Strings> l, IOptions<AnalyticsOptions> analytics, TimeProvider time)
    {
        /// <summary>Minimal APIs bind a parameter type through this: the services come from the request.</summary>
        public static ValueTask<MemberSearch?> BindAsync(HttpContext http) =>
            ValueTask.FromResult<MemberSearch?>(ActivatorUtilities.CreateInstance<MemberSearch>(http.RequestServices));

        public Caller Caller { get; } = caller;
        public AppDbContext Db { get; } = db;
        public Store Store { get; } = store;
        public IStringLocalizer<Strings> L { get; } = l;
        public TimeProvider Time { get; } = time;

        public async Task<MemberList> SearchAsync(long communityId, long workspaceId, MemberFilter filter, MemberLayer? layer, string? tag, CancellationToken ct) =>
            await TagsApi.WithTagAsync(Db, workspaceId, filter, tag, ct) is { } tagged
                ? await MemberLayers.SearchAsync(Store, engine, refresher, cache, communityId, tagged, layer, ct)
                : new MemberList([], filter.Page, filter.PageSize, 0);

        public async Task<MemberModel> MemberModelAsync(MemberProfile profile, string? kind, string? before, string? tagError, CancellationToken ct)
        {
            var role = (await Caller.InAsync(profile.WorkspaceId, ct))!;
            var showText = role.Role.Allows(Permission.ViewMessages);
            var timeline = await MembersApi.ReadTimelineAsync(Db, profile.Member.Id, kind, before, 50, showText, ct);
            var timeZone = await Db.Communities.Where(c => c.Id == profile.Member.CommunityId).Select(c => c.TimeZone).SingleAsync(ct);
            var layer = (await MemberLayers.ListingAsync(engine, refresher, cache, profile.Member.CommunityId, ct)).Members.FirstOrDefault(m => m.MemberId == profile.Member.Id);
            var canTag = role.Role.Allows(Permission.TagMembers);
            return new MemberModel(profile, timeZone, timeline, kind, showText, layer, analytics.Value.For(role.Name).ActiveDays,
                await TagsApi.TagsOfAsync(Store, profile.Member.Id, ct), canTag ? await Db.TagsOfWorkspaceAsync(profile.WorkspaceId, ct) : [], canTag, tagError);
        }
    }

    private static async Task<IResult> ListAsync(long communityId, string? q, string? staff, string? bot, string? layer, string? tag, int? page, MemberSearch search, CancellationToken ct)
    {
        var community = await search.Db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        if (await search.Caller.DenyAsync(community?.WorkspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var only = MemberLayers.Parse(layer);
        var result = await search.SearchAsync(communityId, community!.WorkspaceId, CommunitiesApi.MemberFilterFrom(q, staff, bot, page, null), only, tag, ct);
        var tags = await search.Db.TagsOfWorkspaceAsync(community.WorkspaceId, ct);
        return new RazorComponentResult<MembersPage>(new
        {
            Model = new MembersModel(community, result, q, CommunitiesApi.Flag(staff, "staff"), CommunitiesApi.Flag(bot, "bot"), only, string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(), tags),
        });
    }

    /// <summary>The filtered list as CSV or Excel: the same query as the table, without its page size.</summary>
    private static async Task<IResult> DownloadAsync(string extension, long communityId, string? q, string? staff, string? bot, string? layer, string? tag, MemberSearch search, CancellationToken ct)
    {
        var community = await search.Db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        if (await search.Caller.DenyAsync(community?.WorkspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        var l = search.L;
        var table = TableDownload.For(extension, l["Members.Title"]);
        table.Text(l["Col.Id"]).Text(l["Col.Name"]).Text(l["Col.SourceId"]).Text(l["Col.Staff"]).Text(l["Col.Bot"]).Text(l["Col.Messages"]).Text(l["Col.LastActivity"])
            .Text(l["Col.Layer"]).Text(l["Col.Tags"]).Line();
        var only = MemberLayers.Parse(layer);
        for (var p = 1; (p - 1) * MemberFilter.MaxPageSize < DownloadMaxRows; p++)
        {
            var filter = new MemberFilter(q, CommunitiesApi.Flag(staff, "staff"), CommunitiesApi.Flag(bot, "bot"), p, MemberFilter.MaxPageSize);
            var result = await search.SearchAsync(communityId, community!.WorkspaceId, filter, only, tag, ct);
            foreach (var m in result.Items)
            {
                table.Number(m.Id).Text(m.DisplayName).Text(m.SourceId).Number(m.IsStaff ? 1 : 0).Number(m.IsBot ? 1 : 0).Number(m.Messages).Text(Format.Iso(m.LastActivity))
                    .Text(m.Layer is null ? "" : l[$"Layer.{char.ToUpperInvariant(m.Layer[0])}{m.Layer[1..]}"]).Text(string.Join(", ", m.Tags.Select(t => t.Name))).Line();
            }
            if (result.Items.Count < MemberFilter.MaxPageSize)
            {
                break;
            }
        }
        return table.ToResult($"members-{communityId}");
    }

    private static async Task<IResult> MemberAsync(long memberId, string? kind, string? before, MemberSearch search, CancellationToken ct)
    {
        var profile = await search.Db.MemberProfileAsync(memberId, ct);
        if (await search.Caller.DenyAsync(profile?.WorkspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        return new RazorComponentResult<MemberPage>(new { Model = await search.MemberModelAsync(profile!, kind, before, null, ct) });
    }
}
