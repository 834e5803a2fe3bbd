using CommunityOps.Messages;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Communities;

/// <summary>
/// A community with plain counts from the store (no metric definitions involved).
/// <see cref="Members"/> counts known identities other than staff and bots; <see cref="Staff"/> the operators.
/// </summary>
public sealed record CommunityTotals(
    long Id,
    long WorkspaceId,
    string Name,
    string Platform,
    string TimeZone,
    int Members,
    int Staff,
    long Messages,
    long Joins,
    long Leaves,
    long Reactions,
    DateTimeOffset? FirstActivity,
    DateTimeOffset? LastActivity);

public static class CommunityTotalsQueries
{
    public static async Task<List<CommunityTotals>> CommunityTotalsAsync(this AppDbContext db, long workspaceId, CancellationToken ct = default)
    {
        var communities = await db.Communities.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(ct);
        return await WithTotalsAsync(db, communities, ct);
    }

    public static async Task<CommunityTotals?> CommunityTotalsAsync(this AppDbContext db, long workspaceId, long communityId, CancellationToken ct = default)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId && c.WorkspaceId == workspaceId, ct);
        return community is null ? null : (await WithTotalsAsync(db, [community], ct))[0];
    }

    private static async Task<List<CommunityTotals>> WithTotalsAsync(AppDbContext db, List<Community> communities, CancellationToken ct)
    {
        var ids = communities.Select(c => c.Id).ToList();
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.CommunityId))
            .GroupBy(m => m.CommunityId)
            .Select(g => new { g.Key, Members = g.Count(m => !m.IsStaff && !m.IsBot), Staff = g.Count(m => m.IsStaff) })
            .ToDictionaryAsync(x => x.Key, ct);
        // One grouped scan per community over (community_id, kind); first/last come from the same pass.
        var activity = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.CommunityId))
            .GroupBy(a => new { a.CommunityId, a.Kind })
            .Select(g => new { g.Key.CommunityId, g.Key.Kind, Count = g.LongCount(), First = g.Min(a => a.OccurredAt), Last = g.Max(a => a.OccurredAt) })
            .ToListAsync(ct);
        var byCommunity = activity.ToLookup(a => a.CommunityId);
        return communities.Select(c =>
        {
            var counts = byCommunity[c.Id].ToDictionary(a => a.Kind);
            long Count(ActivityKind kind) => counts.TryGetValue(kind, out var x) ? x.Count : 0;
            var m = members.GetValueOrDefault(c.Id);
            return new CommunityTotals(
                c.Id, c.WorkspaceId, c.Name, c.Platform, c.TimeZone,
                m?.Members ?? 0, m?.Staff ?? 0,
                Count(ActivityKind.Message), Count(ActivityKind.Join), Count(ActivityKind.Leave), Count(ActivityKind.Reaction),
                counts.Count == 0 ? null : counts.Values.Min(x => x.First),
                counts.Count == 0 ? null : counts.Values.Max(x => x.Last));
        }).ToList();
    }
}
