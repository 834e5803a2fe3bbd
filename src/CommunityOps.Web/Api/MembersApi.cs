using System.Globalization;
using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Members;
using CommunityOps.Messages;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Metrics;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Api;

public static class MembersApi
{
    public const int MaxTimelineLimit = 200;

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members").WithTags("Members");
        api.MapGet("/{memberId:long}", GetAsync);
        api.MapGet("/{memberId:long}/timeline", TimelineAsync);
        return app;
    }

    public sealed record MemberResponse(
        long Id, long CommunityId, string Community, string DisplayName, string SourceId, bool IsStaff, bool IsBot,
        long Messages, long Reactions, long Joins, long Leaves, DateTimeOffset? FirstActivity, DateTimeOffset? LastActivity, string? Layer, string? LayerReason,
        IReadOnlyList<TagRef> Tags);

    public sealed record TimelineItem(long Id, string Kind, DateTimeOffset OccurredAt, string? Channel, string? Text, string? MediaKind, string? ReplyTo, string? Target, string? Emoji, bool IsEdited);

    /// <summary><see cref="Next"/> is the cursor for the following (older) page, null at the end.</summary>
    public sealed record TimelineResponse(IReadOnlyList<TimelineItem> Items, string? Next);

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetAsync(long memberId, Caller caller, AppDbContext db, Store store, MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache, CancellationToken ct)
    {
        var profile = await db.MemberProfileAsync(memberId, ct);
        if (await caller.DenyAsync(profile?.WorkspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return denied;
        }
        var p = profile!;
        var m = p.Member;
        var layer = (await MemberLayers.ListingAsync(engine, refresher, cache, m.CommunityId, ct)).Members.FirstOrDefault(l => l.MemberId == m.Id);
        return TypedResults.Ok(new MemberResponse(m.Id, m.CommunityId, p.CommunityName, m.DisplayName, m.SourceId, m.IsStaff, m.IsBot,
            p.Messages, p.Reactions, p.Joins, p.Leaves, p.FirstActivity, p.LastActivity, layer is null ? null : MemberLayers.Name(layer.Layer), layer?.Reason,
            await TagsApi.TagsOfAsync(store, m.Id, ct)));
    }

    private static async Task<Results<Ok<TimelineResponse>, ProblemHttpResult>> TimelineAsync(
        long memberId, string? kind, string? before, int? limit, Caller caller, AppDbContext db, CancellationToken ct)
    {
        var workspaceId = await db.Members.Where(m => m.Id == memberId)
            .Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct);
        if (await caller.DenyAsync(workspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return denied;
        }
        var showText = (await caller.InAsync(workspaceId!.Value, ct))!.Role.Allows(Permission.ViewMessages);
        return TypedResults.Ok(await ReadTimelineAsync(db, memberId, kind, before, limit, showText, ct));
    }

    public static async Task<TimelineResponse> ReadTimelineAsync(AppDbContext db, long memberId, string? kind, string? before, int? limit, bool showText, CancellationToken ct)
    {
        ActivityKind? k = kind switch
        {
            null or "" => null,
            "message" => ActivityKind.Message,
            "join" => ActivityKind.Join,
            "leave" => ActivityKind.Leave,
            "reaction" => ActivityKind.Reaction,
            _ => throw new FieldException("kind", Strings.Problem("OneOf", "message, join, leave, reaction")),
        };
        if (limit is < 1 or > MaxTimelineLimit)
        {
            throw new FieldException("limit", Strings.Problem("Between", 1, MaxTimelineLimit));
        }
        var n = limit ?? 50;
        var entries = await db.TimelineAsync(memberId, k, ParseCursor(before), n + 1, ct);
        var items = entries.Take(n).Select(e => new TimelineItem(e.Id, KindName(e.Kind), e.OccurredAt, e.Channel,
            showText ? e.Text : null, e.MediaKind, e.ReplyTo, e.Target, e.Emoji, e.IsEdited)).ToList();
        var next = entries.Count > n ? Cursor(entries[n - 1]) : null;
        return new TimelineResponse(items, next);
    }

    public static string KindName(ActivityKind kind) => kind switch
    {
        ActivityKind.Message => "message",
        ActivityKind.Join => "join",
        ActivityKind.Leave => "leave",
        ActivityKind.Reaction => "reaction",
        _ => "other",
    };

    private static string Cursor(TimelineEntry e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.OccurredAt.ToUnixTimeMilliseconds()}_{e.Id}");

    private static (DateTimeOffset, long)? ParseCursor(string? before)
    {
        if (string.IsNullOrEmpty(before))
        {
            return null;
        }
        var parts = before.Split('_');
        if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ms) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id)
            && ms is > -62135596800000 and < 253402300800000)
        {
            return (DateTimeOffset.FromUnixTimeMilliseconds(ms), id);
        }
        throw new FieldException("before", Strings.Problem("NotCursor"));
    }
}
