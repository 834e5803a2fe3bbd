using System.Collections.Concurrent;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Communities;

/// <summary>
/// Totals are counts over a community's whole log (a million rows for a big group), asked for on every
/// community page. They change only when something is written, so they are kept per community and
/// recomputed when the store's data version moves: the highest activity, member, community and import
/// run ids, four primary-key lookups. Every import adds an import run, so re-imports that only rename
/// or re-flag are seen too; several server instances each check the shared store, so none serves stale totals.
/// </summary>
public sealed class CommunityTotalsCache(Store store)
{
    private readonly ConcurrentDictionary<long, (DataVersion Version, CommunitySummary Summary)> _cache = new();
    private readonly SemaphoreSlim _computing = new(1, 1);

    public async Task<CommunitySummary?> CommunityAsync(long communityId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var version = await DataVersion.ReadAsync(db, ct);
        if (_cache.TryGetValue(communityId, out var hit) && hit.Version == version)
        {
            return hit.Summary;
        }
        var ws = await db.Communities.AsNoTracking().Where(c => c.Id == communityId).Select(c => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct);
        return ws is null ? null : (await ComputeAsync(db, ws.Value, [communityId], version, ct)).SingleOrDefault();
    }

    public async Task<List<CommunitySummary>> WorkspaceAsync(long workspaceId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var version = await DataVersion.ReadAsync(db, ct);
        var ids = await db.Communities.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var missing = ids.Where(id => !_cache.TryGetValue(id, out var hit) || hit.Version != version).ToList();
        if (missing.Count > 0)
        {
            await ComputeAsync(db, workspaceId, missing, version, ct);
        }
        return ids.Select(id => _cache.TryGetValue(id, out var hit) ? hit.Summary : null).OfType<CommunitySummary>().ToList();
    }

    private async Task<List<CommunitySummary>> ComputeAsync(AppDbContext db, long workspaceId, List<long> ids, DataVersion version, CancellationToken ct)
    {
        // One computation at a time: fifty clients opening the same page after an import wait for one
        // scan instead of running fifty.
        await _computing.WaitAsync(ct);
        try
        {
            var stale = ids.Where(id => !_cache.TryGetValue(id, out var hit) || hit.Version != version).ToList();
            if (stale.Count > 0)
            {
                foreach (var summary in await db.CommunitySummariesAsync(workspaceId, stale, ct))
                {
                    _cache[summary.Id] = (version, summary);
                }
            }
            return ids.Select(id => _cache.TryGetValue(id, out var hit) ? hit.Summary : null).OfType<CommunitySummary>().ToList();
        }
        finally
        {
            _computing.Release();
        }
    }

    private readonly record struct DataVersion(long Activities, long Members, long Communities, long Imports)
    {
        public static async Task<DataVersion> ReadAsync(AppDbContext db, CancellationToken ct)
        {
            var activities = await db.Activities.MaxAsync(a => (long?)a.Id, ct) ?? 0;
            var members = await db.Members.MaxAsync(m => (long?)m.Id, ct) ?? 0;
            var communities = await db.Communities.MaxAsync(c => (long?)c.Id, ct) ?? 0;
            var imports = await db.ImportRuns.MaxAsync(r => (long?)r.Id, ct) ?? 0;
            return new DataVersion(activities, members, communities, imports);
        }
    }
}
