using CommunityOps.Messages;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Members;

public sealed record MemberFilter(string? Name = null, bool? IsStaff = null, bool? IsBot = null, int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;
}

public sealed record MemberListItem(long Id, long CommunityId, string DisplayName, string SourceId, bool IsStaff, bool IsBot, long Messages, DateTimeOffset? LastActivity);

public sealed record MemberList(IReadOnlyList<MemberListItem> Items, int Page, int PageSize, long Total);

public sealed record MemberProfile(
    Member Member,
    string CommunityName,
    long WorkspaceId,
    long Messages,
    long Reactions,
    long Joins,
    long Leaves,
    DateTimeOffset? FirstActivity,
    DateTimeOffset? LastActivity);

public sealed record TimelineEntry(
    long Id,
    ActivityKind Kind,
    DateTimeOffset OccurredAt,
    string? Channel,
    string? Text,
    string? MediaKind,
    string? ReplyTo,
    string? Target,
    string? Emoji,
    bool IsEdited);

public static class MemberQueries
{
    /// <summary>Members of one community by name (case-insensitive substring), staff and bot flags, a page at a time.</summary>
    public static async Task<MemberList> SearchMembersAsync(this AppDbContext db, long communityId, MemberFilter filter, CancellationToken ct = default)
    {
        var query = db.Members.AsNoTracking().Where(m => m.CommunityId == communityId);
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var name = filter.Name.Trim().ToLowerInvariant();
            // Contains translates to instr()/strpos(), so % and _ typed by a user are plain characters.
            query = query.Where(m => m.DisplayName.ToLower().Contains(name));
        }
        if (filter.IsStaff is { } staff)
        {
            query = query.Where(m => m.IsStaff == staff);
        }
        if (filter.IsBot is { } bot)
        {
            query = query.Where(m => m.IsBot == bot);
        }
        var total = await query.LongCountAsync(ct);
        var members = await query.OrderBy(m => m.DisplayName).ThenBy(m => m.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        // Only the listed members are counted: one range of ix_activities_member each.
        var stats = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.MemberId))
            .GroupBy(a => a.MemberId)
            .Select(g => new { g.Key, Messages = g.LongCount(a => a.Kind == ActivityKind.Message), Last = g.Max(a => a.OccurredAt) })
            .ToDictionaryAsync(x => x.Key, ct);
        var items = members.Select(m =>
        {
            var s = stats.GetValueOrDefault(m.Id);
            return new MemberListItem(m.Id, m.CommunityId, m.DisplayName, m.SourceId, m.IsStaff, m.IsBot, s?.Messages ?? 0, s?.Last);
        }).ToList();
        return new MemberList(items, filter.Page, filter.PageSize, total);
    }

    public static async Task<MemberProfile?> MemberProfileAsync(this AppDbContext db, long memberId, CancellationToken ct = default)
    {
        var row = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => new { Member = m, c.Name, c.WorkspaceId })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var kinds = await db.Activities.AsNoTracking().Where(a => a.MemberId == memberId)
            .GroupBy(a => a.Kind)
            .Select(g => new { g.Key, Count = g.LongCount(), First = g.Min(a => a.OccurredAt), Last = g.Max(a => a.OccurredAt) })
            .ToDictionaryAsync(x => x.Key, ct);
        long Count(ActivityKind kind) => kinds.TryGetValue(kind, out var x) ? x.Count : 0;
        return new MemberProfile(row.Member, row.Name, row.WorkspaceId,
            Count(ActivityKind.Message), Count(ActivityKind.Reaction), Count(ActivityKind.Join), Count(ActivityKind.Leave),
            kinds.Count == 0 ? null : kinds.Values.Min(x => x.First),
            kinds.Count == 0 ? null : kinds.Values.Max(x => x.Last));
    }

    /// <summary>
    /// A member's activity, newest first, <paramref name="limit"/> at a time. Pass the last entry's
    /// (time, id) as the cursor for the next page; keyset paging stays fast on long histories.
    /// </summary>
    public static async Task<List<TimelineEntry>> TimelineAsync(this AppDbContext db, long memberId, ActivityKind? kind, (DateTimeOffset At, long Id)? before, int limit, CancellationToken ct = default)
    {
        var query = db.Activities.AsNoTracking().Where(a => a.MemberId == memberId);
        if (kind is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }
        if (before is { } cursor)
        {
            query = query.Where(a => a.OccurredAt < cursor.At || (a.OccurredAt == cursor.At && a.Id < cursor.Id));
        }
        var entries =
            from a in query
            join c in db.Channels on a.ChannelId equals c.Id into channels
            from c in channels.DefaultIfEmpty()
            orderby a.OccurredAt descending, a.Id descending
            select new TimelineEntry(a.Id, a.Kind, a.OccurredAt, c == null ? null : c.Name, a.Text, a.MediaKind, a.ReplyTo, a.Target, a.Emoji, a.IsEdited);
        return await entries.Take(limit)
            .ToListAsync(ct);
    }
}
