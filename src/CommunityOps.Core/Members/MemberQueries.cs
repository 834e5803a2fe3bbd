using CommunityOps.Messages;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Members;

/// <summary><see cref="TagId"/>: only members carrying that tag (<see cref="MemberTags"/>).</summary>
public sealed record MemberFilter(string? Name = null, bool? IsStaff = null, bool? IsBot = null, int Page = 1, int PageSize = 50, long? TagId = null)
{
    public const int MaxPageSize = 500;
}

public sealed record MemberListItem(long Id, long CommunityId, string DisplayName, string SourceId, bool IsStaff, bool IsBot, long Messages, DateTimeOffset? LastActivity)
{
    /// <summary>The member's layer at the end of the metrics range (docs/metrics.md), set by hosts that run the engine.</summary>
    public string? Layer { get; init; }

    /// <summary>The engine's reason for <see cref="Layer"/>, as `communityops members` prints it.</summary>
    public string? LayerReason { get; init; }

    /// <summary>The member's tags by name, set by hosts that show them.</summary>
    public IReadOnlyList<TagRef> Tags { get; init; } = [];
}

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
    /// <summary>
    /// Members of one community by name (case-insensitive substring), staff and bot flags, a page at a
    /// time, each with its message count and last activity. Plain SQL: it serves every member-list
    /// page and API call, and EF's per-query work was ten times the database's here.
    /// </summary>
    public static async Task<MemberList> SearchMembersAsync(this Store store, long communityId, MemberFilter filter, CancellationToken ct = default)
    {
        var where = "community_id = @c";
        var parameters = new List<(string, object?)> { ("@c", communityId) };
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            where += " AND " + SqlCommands.Contains(store.Provider, "display_name", "@q");
            parameters.Add(("@q", filter.Name.Trim().ToLowerInvariant()));
        }
        if (filter.IsStaff is { } staff)
        {
            where += " AND is_staff = @s";
            parameters.Add(("@s", staff));
        }
        if (filter.IsBot is { } bot)
        {
            where += " AND is_bot = @b";
            parameters.Add(("@b", bot));
        }
        if (filter.TagId is { } tag)
        {
            where += " AND id IN (SELECT member_id FROM member_tags WHERE tag_id = @t)";
            parameters.Add(("@t", tag));
        }
        await using var connection = await store.OpenConnectionAsync(ct);
        // One round trip: the count, then the page with each member's message count and last activity
        // (correlated lookups on ix_activities_member, read from the index alone).
        await using var cmd = connection.Command(
            $"SELECT count(*) FROM members WHERE {where}; " +
            $"SELECT p.id, p.display_name, p.source_id, p.is_staff, p.is_bot, " +
            $"(SELECT count(*) FROM activities a WHERE a.member_id = p.id AND a.kind = {(int)ActivityKind.Message}), " +
            $"(SELECT max(a.occurred_at) FROM activities a WHERE a.member_id = p.id) " +
            $"FROM (SELECT id, display_name, source_id, is_staff, is_bot FROM members WHERE {where} ORDER BY display_name, id LIMIT @n OFFSET @o) p " +
            $"ORDER BY p.display_name, p.id",
            [.. parameters, ("@n", filter.PageSize), ("@o", (long)(filter.Page - 1) * filter.PageSize)]);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.Long(0);
        await reader.NextResultAsync(ct);
        var members = new List<Member>();
        var stats = new Dictionary<long, (long Messages, DateTimeOffset? Last)>();
        while (await reader.ReadAsync(ct))
        {
            var m = new Member { Id = reader.Long(0), CommunityId = communityId, DisplayName = reader.GetString(1), SourceId = reader.GetString(2), IsStaff = reader.Bool(3), IsBot = reader.Bool(4) };
            members.Add(m);
            stats[m.Id] = (reader.Long(5), reader.Instant(6));
        }
        var items = members.Select(m =>
        {
            var s = stats.GetValueOrDefault(m.Id);
            return new MemberListItem(m.Id, m.CommunityId, m.DisplayName, m.SourceId, m.IsStaff, m.IsBot, s.Messages, s.Last);
        }).ToList();
        return new MemberList(items, filter.Page, filter.PageSize, total);
    }

    /// <summary>The listed members (of one community, at most a page), with the same counts as <see cref="SearchMembersAsync"/>, in the order given.</summary>
    public static async Task<List<MemberListItem>> MembersByIdsAsync(this Store store, long communityId, IReadOnlyList<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        var list = cmd.InList("m", ids);
        cmd.CommandText =
            $"SELECT p.id, p.display_name, p.source_id, p.is_staff, p.is_bot, " +
            $"(SELECT count(*) FROM activities a WHERE a.member_id = p.id AND a.kind = {(int)ActivityKind.Message}), " +
            $"(SELECT max(a.occurred_at) FROM activities a WHERE a.member_id = p.id) " +
            $"FROM members p WHERE p.community_id = @c AND p.id {list}";
        var c = cmd.CreateParameter();
        c.ParameterName = "@c";
        c.Value = communityId;
        cmd.Parameters.Add(c);
        var found = new Dictionary<long, MemberListItem>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.Long(0);
            found[id] = new MemberListItem(id, communityId, reader.GetString(1), reader.GetString(2), reader.Bool(3), reader.Bool(4), reader.Long(5), reader.Instant(6));
        }
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
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
