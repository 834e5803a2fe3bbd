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
    private readonly ConcurrentDictionary<long, (DataVersion Version, CommunitySummary Summary, IReadOnlyList<CommunityChannel> Channels)> _cache = new();
    private readonly ConcurrentDictionary<long, long> _workspaces = new();
    private readonly SemaphoreSlim _computing = new(1, 1);

    /// <summary>The community's workspace, or null when there is no such community. A community never changes workspace.</summary>
    public async Task<long?> WorkspaceOfAsync(long communityId, CancellationToken ct = default)
    {
        if (_workspaces.TryGetValue(communityId, out var known))
        {
            return known;
        }
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.Command("SELECT workspace_id FROM communities WHERE id = @id", ("@id", communityId));
        var value = await cmd.ExecuteScalarAsync(ct);
        if (value is null or DBNull)
        {
            return null;
        }
        return _workspaces[communityId] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<CommunitySummary?> CommunityAsync(long communityId, CancellationToken ct = default) =>
        (await CommunityWithChannelsAsync(communityId, ct))?.Summary;

    public async Task<(CommunitySummary Summary, IReadOnlyList<CommunityChannel> Channels)?> CommunityWithChannelsAsync(long communityId, CancellationToken ct = default)
    {
        var version = await DataVersion.ReadAsync(store, ct);
        if (!_cache.TryGetValue(communityId, out var hit) || hit.Version != version)
        {
            if (await WorkspaceOfAsync(communityId, ct) is not { } workspaceId)
            {
                return null;
            }
            await using var db = store.CreateDbContext();
            await ComputeAsync(db, workspaceId, [communityId], version, ct);
            if (!_cache.TryGetValue(communityId, out hit))
            {
                return null;
            }
        }
        return (hit.Summary, hit.Channels);
    }

    public async Task<List<CommunitySummary>> WorkspaceAsync(long workspaceId, CancellationToken ct = default)
    {
        var version = await DataVersion.ReadAsync(store, ct);
        await using var db = store.CreateDbContext();
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
                var channels = (await db.Channels.AsNoTracking().Where(c => stale.Contains(c.CommunityId)).OrderBy(c => c.Name).ToListAsync(ct))
                    .ToLookup(c => c.CommunityId, c => new CommunityChannel(c.Id, c.Name));
                foreach (var summary in await db.CommunitySummariesAsync(workspaceId, stale, ct))
                {
                    _cache[summary.Id] = (version, summary, channels[summary.Id].ToList());
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
        // One round trip; each max() is a single seek at the end of a primary key.
        private const string Sql =
            "SELECT (SELECT max(id) FROM activities), (SELECT max(id) FROM members), (SELECT max(id) FROM communities), (SELECT max(id) FROM import_runs)";

        public static async Task<DataVersion> ReadAsync(Store store, CancellationToken ct)
        {
            await using var connection = await store.OpenConnectionAsync(ct);
            await using var cmd = connection.Command(Sql);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new DataVersion(reader.NullableLong(0) ?? 0, reader.NullableLong(1) ?? 0, reader.NullableLong(2) ?? 0, reader.NullableLong(3) ?? 0);
        }
    }
}

public sealed record CommunityChannel(long Id, string Name);
