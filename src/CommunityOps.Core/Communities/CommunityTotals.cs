using CommunityOps.Messages;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Communities;

/// <summary>
/// <see cref="CommunitySummary"/> rows (the same shape and definitions as `communities --json`) for one
/// workspace or one community. Unlike <see cref="CommunityDirectory"/>, which groups the whole log
/// once for the CLI, these read only the asked-for communities' rows, which is what a web request needs.
/// </summary>
public static class CommunityTotals
{
    public static async Task<List<CommunitySummary>> CommunitySummariesAsync(this AppDbContext db, long workspaceId, CancellationToken ct = default)
    {
        var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
        var communities = await db.Communities.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(ct);
        return await WithTotalsAsync(db, workspace, communities, ct);
    }

    /// <summary>The named communities of one workspace (ids of other workspaces are ignored).</summary>
    public static async Task<List<CommunitySummary>> CommunitySummariesAsync(this AppDbContext db, long workspaceId, IReadOnlyCollection<long> communityIds, CancellationToken ct = default)
    {
        var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
        var communities = await db.Communities.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && communityIds.Contains(c.Id)).ToListAsync(ct);
        return await WithTotalsAsync(db, workspace, communities, ct);
    }

    public static async Task<CommunitySummary?> CommunitySummaryAsync(this AppDbContext db, long communityId, CancellationToken ct = default)
    {
        var row = await db.Communities.AsNoTracking().Where(c => c.Id == communityId)
            .Join(db.Workspaces, c => c.WorkspaceId, w => w.Id, (c, w) => new { Community = c, w.Name }).SingleOrDefaultAsync(ct);
        return row is null ? null : (await WithTotalsAsync(db, row.Name, [row.Community], ct))[0];
    }

    private static async Task<List<CommunitySummary>> WithTotalsAsync(AppDbContext db, string workspace, List<Community> communities, CancellationToken ct)
    {
        var ids = communities.Select(c => c.Id).ToList();
        // Staff are counted apart from members, as everywhere (see Member.IsStaff).
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.CommunityId))
            .GroupBy(m => m.CommunityId)
            .Select(g => new { g.Key, Members = g.LongCount(m => !m.IsStaff), Staff = g.LongCount(m => m.IsStaff) })
            .ToDictionaryAsync(x => x.Key, ct);
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
            return new CommunitySummary(
                c.Id, workspace, c.Platform, c.SourceId, c.Name, c.TimeZone,
                m?.Members ?? 0, m?.Staff ?? 0,
                Count(ActivityKind.Message), Count(ActivityKind.Join), Count(ActivityKind.Leave), Count(ActivityKind.Reaction),
                counts.Count == 0 ? null : counts.Values.Min(x => x.First),
                counts.Count == 0 ? null : counts.Values.Max(x => x.Last));
        }).ToList();
    }
}
