using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Communities;
using CommunityOps.Members;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Metrics;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Api;

public static class CommunitiesApi
{
    public static IEndpointRouteBuilder MapCommunitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/communities").WithTags("Communities");
        api.MapGet("/", ListAsync);
        api.MapGet("/{communityId:long}", GetAsync);
        api.MapGet("/{communityId:long}/members", MembersAsync);
        return app;
    }

    public sealed record WorkspaceRef(long Id, string Name);

    public sealed record CommunitiesResponse(WorkspaceRef Workspace, IReadOnlyList<CommunitySummary> Communities, Sums Totals);

    public sealed record Sums(int Communities, long Members, long Messages, long Joins, long Leaves, long Reactions);

    public sealed record CommunityResponse(CommunitySummary Community, IReadOnlyList<CommunityChannel> Channels);

    /// <summary>Sort keys of the communities list, as the API and the dashboard table accept them.</summary>
    public static IReadOnlyList<string> SortKeys { get; } = ["name", "platform", "members", "messages", "joins", "leaves", "last_activity"];

    /// <summary>Filters by name and sorts; shared by the API and the dashboard's table and CSV.</summary>
    public static List<CommunitySummary> Arrange(IEnumerable<CommunitySummary> list, string? q, string? sort, bool desc)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            list = list.Where(c => c.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase));
        }
        Func<CommunitySummary, object?> key = (sort ?? "name") switch
        {
            "name" => c => c.Name,
            "platform" => c => c.Platform,
            "members" => c => c.Members,
            "messages" => c => c.Messages,
            "joins" => c => c.Joins,
            "leaves" => c => c.Leaves,
            "last_activity" => c => c.LastActivity,
            _ => throw new FieldException("sort", Strings.Problem("OneOf", string.Join(", ", SortKeys))),
        };
        var comparer = Comparer<object?>.Create((a, b) => a is string sa && b is string sb
            ? StringComparer.CurrentCultureIgnoreCase.Compare(sa, sb)
            : Comparer<object?>.Default.Compare(a, b));
        return (desc ? list.OrderByDescending(key, comparer) : list.OrderBy(key, comparer)).ThenBy(c => c.Id).ToList();
    }

    public static Sums Sum(IReadOnlyList<CommunitySummary> list) => new(
        list.Count, list.Sum(c => c.Members), list.Sum(c => c.Messages), list.Sum(c => c.Joins), list.Sum(c => c.Leaves), list.Sum(c => c.Reactions));

    private static async Task<Results<Ok<CommunitiesResponse>, ProblemHttpResult>> ListAsync(
        long? workspace, string? q, string? sort, bool? desc, Caller caller, AppDbContext db, CommunityTotalsCache totals, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ViewCommunities, ct);
        if (denied is not null)
        {
            return denied;
        }
        var list = Arrange(await totals.WorkspaceAsync(ws!.Id, ct), q, sort, desc ?? false);
        return TypedResults.Ok(new CommunitiesResponse(new WorkspaceRef(ws.Id, ws.Name), list, Sum(list)));
    }

    private static async Task<Results<Ok<CommunityResponse>, ProblemHttpResult>> GetAsync(long communityId, Caller caller, CommunityTotalsCache totals, CancellationToken ct)
    {
        if (await caller.DenyAsync(await totals.WorkspaceOfAsync(communityId, ct), Permission.ViewCommunities, ct) is { } denied)
        {
            return denied;
        }
        var (summary, channels) = (await totals.CommunityWithChannelsAsync(communityId, ct))!.Value;
        return TypedResults.Ok(new CommunityResponse(summary, channels));
    }

    private static async Task<Results<Ok<MemberList>, ProblemHttpResult>> MembersAsync(
        long communityId, string? q, string? staff, string? bot, string? layer, string? tag, int? page, int? limit, Caller caller, Store store, AppDbContext db,
        CommunityTotalsCache totals, MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache, CancellationToken ct)
    {
        var workspaceId = await totals.WorkspaceOfAsync(communityId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return denied;
        }
        var filter = MemberFilterFrom(q, staff, bot, page, limit);
        var only = MemberLayers.Parse(layer);
        if (await TagsApi.WithTagAsync(db, workspaceId!.Value, filter, tag, ct) is not { } tagged)
        {
            return TypedResults.Ok(new MemberList([], filter.Page, filter.PageSize, 0));
        }
        return TypedResults.Ok(await MemberLayers.SearchAsync(store, engine, refresher, cache, communityId, tagged, only, ct));
    }

    /// <summary>
    /// Query values as a GET form sends them: an empty flag (the "any" choice of a select) means no filter,
    /// which a plain bool? parameter would refuse.
    /// </summary>
    public static MemberFilter MemberFilterFrom(string? q, string? staff, string? bot, int? page, int? limit)
    {
        CheckListQuery(q, page, limit, MemberFilter.MaxPageSize);
        return new MemberFilter(q, Flag(staff, "staff"), Flag(bot, "bot"), page ?? 1, limit ?? 50);
    }

    /// <summary>The search text, page and page size of a paged list (members, operators), as a GET form or an API client sends them.</summary>
    public static void CheckListQuery(string? q, int? page, int? limit, int maxPageSize)
    {
        if (page is < 1)
        {
            throw new FieldException("page", Strings.Problem("OneOrMore"));
        }
        if (limit is < 1 || limit > maxPageSize)
        {
            throw new FieldException("limit", Strings.Problem("Between", 1, maxPageSize));
        }
        if (q is { Length: > 200 })
        {
            throw new FieldException("q", Strings.Problem("AtMostCharacters", 200));
        }
    }

    public static bool? Flag(string? value, string field) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        _ => throw new FieldException(field, Strings.Problem("TrueFalseOrNothing")),
    };

}
