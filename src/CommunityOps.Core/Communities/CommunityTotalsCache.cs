using System.Collections.Concurrent;
using CommunityOps.Messages;
using CommunityOps.Storage;

namespace CommunityOps.Communities;

/// <summary>
/// Community totals for a long-lived host. Counting a community's log takes a second for a big group
/// and the communities table needs every community of the workspace, so counts are kept in memory:
/// a community is counted from the log once, up to a watermark (an activity id), and after that only
/// the activities added above the watermark are read and added. Member counts, names and channels are
/// re-read whenever the store's data version moves (cheap: they do not scan the log).
/// On PostgreSQL ids are handed out before commit, so an import that was already running when the
/// watermark was read may commit ids below it later; while such an import may exist, the counts start over.
/// </summary>
public sealed class CommunityTotalsCache(Store store)
{
    private readonly ConcurrentDictionary<long, long> _workspaces = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;
    private Task<DataVersion>? _versionRead;

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
        return value is null or DBNull ? null : _workspaces[communityId] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<CommunitySummary?> CommunityAsync(long communityId, CancellationToken ct = default) =>
        (await CommunityWithChannelsAsync(communityId, ct))?.Summary;

    public async Task<(CommunitySummary Summary, IReadOnlyList<CommunityChannel> Channels)?> CommunityWithChannelsAsync(long communityId, CancellationToken ct = default)
    {
        var snapshot = await EnsureAsync([communityId], ct);
        return snapshot.Rows.TryGetValue(communityId, out var row) ? (row.Summary, row.Channels) : null;
    }

    /// <summary>Counts every community of every workspace once, so that the first page views after a start are fast.</summary>
    public async Task WarmAsync(CancellationToken ct = default)
    {
        List<long> workspaces = [];
        await using (var connection = await store.OpenConnectionAsync(ct))
        await using (var cmd = connection.Command("SELECT id FROM workspaces ORDER BY id"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                workspaces.Add(reader.Long(0));
            }
        }
        foreach (var workspace in workspaces)
        {
            await WorkspaceAsync(workspace, ct);
        }
    }

    /// <summary>Every community of the workspace, by name.</summary>
    public async Task<List<CommunitySummary>> WorkspaceAsync(long workspaceId, CancellationToken ct = default)
    {
        List<long> ids = [];
        await using (var connection = await store.OpenConnectionAsync(ct))
        await using (var cmd = connection.Command("SELECT id FROM communities WHERE workspace_id = @w", ("@w", workspaceId)))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.Long(0));
            }
        }
        var snapshot = await EnsureAsync(ids, ct);
        return ids.Select(id => snapshot.Rows.TryGetValue(id, out var row) ? row.Summary : null).OfType<CommunitySummary>()
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
    }

    /// <summary>Brings the snapshot to the store's current version and fills the asked-for communities.</summary>
    private async Task<Snapshot> EnsureAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        var version = await ReadVersionAsync();
        var current = _snapshot;
        if (current is not null && current.Version == version && ids.All(current.Rows.ContainsKey))
        {
            return current;
        }
        // One writer at a time: fifty clients opening the same page after an import wait for one
        // computation instead of running fifty.
        await _gate.WaitAsync(ct);
        try
        {
            await using var connection = await store.OpenConnectionAsync(ct);
            var snapshot = _snapshot;
            if (snapshot is null || snapshot.Version != version)
            {
                snapshot = await AdvanceAsync(connection, snapshot, version, ct);
            }
            var missing = ids.Where(id => !snapshot.Rows.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                await FillAsync(connection, store.Provider, snapshot, missing, ct);
            }
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Requests that arrive while a version read is on its way share it: under fifty concurrent clients
    /// that is one round trip instead of fifty, and no answer is older than a read that was in flight.
    /// </summary>
    private Task<DataVersion> ReadVersionAsync()
    {
        var current = _versionRead;
        if (current is { IsCompleted: false })
        {
            return current;
        }
        var next = DataVersion.ReadAsync(store, CancellationToken.None);
        return Interlocked.CompareExchange(ref _versionRead, next, current) is { IsCompleted: false } winner && winner != next ? winner : next;
    }

    /// <summary>A new snapshot at <paramref name="version"/>: the old activity counts plus what was added above the watermark.</summary>
    private async Task<Snapshot> AdvanceAsync(System.Data.Common.DbConnection connection, Snapshot? old, DataVersion version, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        if (old is null || await LateCommitPossibleAsync(connection, old, ct))
        {
            return new Snapshot(version, version.Activities, now, new Dictionary<long, ActivityTotals>());
        }
        var activity = old.Activity.ToDictionary(kv => kv.Key, kv => kv.Value.Copy());
        if (version.Activities > old.Watermark)
        {
            await using var cmd = connection.Command(
                "SELECT community_id, kind, count(*), min(occurred_at), max(occurred_at) FROM activities WHERE id > @from AND id <= @to GROUP BY community_id, kind",
                ("@from", old.Watermark), ("@to", version.Activities));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                // Communities not counted yet are counted whole when first asked for.
                if (activity.TryGetValue(reader.Long(0), out var totals))
                {
                    totals.Add((int)reader.Long(1), reader.Long(2), reader.Long(3), reader.Long(4));
                }
            }
        }
        return new Snapshot(version, Math.Max(old.Watermark, version.Activities), now, activity);
    }

    /// <summary>
    /// An import that was running when the watermark was read and finished since may have committed
    /// ids below it (PostgreSQL allocates ids at insert, not at commit). Ids allocated after that read
    /// are all above the watermark, so only imports that had started by then matter. finished_at is
    /// written just before the commit; the minute of margin covers the gap.
    /// </summary>
    private async Task<bool> LateCommitPossibleAsync(System.Data.Common.DbConnection connection, Snapshot old, CancellationToken ct)
    {
        if (store.Provider != DatabaseProvider.Postgres)
        {
            // SQLite has one writer at a time: ids become visible in order.
            return false;
        }
        await using var cmd = connection.Command(
            "SELECT count(*) FROM import_runs WHERE started_at <= @refreshed AND (finished_at IS NULL OR finished_at >= @since)",
            ("@refreshed", old.RefreshedAtMs), ("@since", old.RefreshedAtMs - 60_000));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Above this many, reading the communities' rows one index entry at a time costs more than one scan of
    /// the whole log (PostgreSQL, 400 of 1,000 communities: 1.6 s through the member index, 0.4 s scanning).
    /// </summary>
    private const int ManyCommunities = 16;

    private static async Task FillAsync(System.Data.Common.DbConnection connection, DatabaseProvider provider, Snapshot snapshot, List<long> ids, CancellationToken ct)
    {
        var uncounted = ids.Where(id => !snapshot.Activity.ContainsKey(id)).ToList();
        if (uncounted.Count > 0)
        {
            await using var cmd = connection.CreateCommand();
            var list = cmd.InList("c", uncounted);
            // Many communities at once (a workspace's first list) are counted in one scan of the log; a few go
            // through their own rows (on PostgreSQL, through their members: SqlCommands.InCommunity).
            var where = uncounted.Count > ManyCommunities ? $"a.community_id {list}" : SqlCommands.InCommunity(provider, "a", list);
            cmd.CommandText = "SELECT a.community_id, a.kind, count(*), min(a.occurred_at), max(a.occurred_at) FROM activities a " +
                $"WHERE {where} AND a.id <= @to GROUP BY a.community_id, a.kind";
            var to = cmd.CreateParameter();
            to.ParameterName = "@to";
            to.Value = snapshot.Watermark;
            cmd.Parameters.Add(to);
            foreach (var id in uncounted)
            {
                snapshot.Activity[id] = new ActivityTotals();
            }
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                snapshot.Activity[reader.Long(0)].Add((int)reader.Long(1), reader.Long(2), reader.Long(3), reader.Long(4));
            }
        }
        var members = new Dictionary<long, (long Members, long Staff)>();
        await using (var cmd = connection.CreateCommand())
        {
            var list = cmd.InList("c", ids);
            // Staff are counted apart from members, as everywhere (see Member.IsStaff).
            cmd.CommandText = $"SELECT community_id, is_staff, count(*) FROM members WHERE community_id {list} GROUP BY community_id, is_staff";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var m = members.GetValueOrDefault(reader.Long(0));
                members[reader.Long(0)] = reader.Bool(1) ? (m.Members, m.Staff + reader.Long(2)) : (m.Members + reader.Long(2), m.Staff);
            }
        }
        var channels = ids.ToDictionary(id => id, _ => new List<CommunityChannel>());
        await using (var cmd = connection.CreateCommand())
        {
            var list = cmd.InList("c", ids);
            cmd.CommandText = $"SELECT community_id, id, name FROM channels WHERE community_id {list} ORDER BY name, id";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                channels[reader.Long(0)].Add(new CommunityChannel(reader.Long(1), reader.GetString(2)));
            }
        }
        await using (var cmd = connection.CreateCommand())
        {
            var list = cmd.InList("c", ids);
            cmd.CommandText = $"SELECT c.id, w.name, c.platform, c.source_id, c.name, c.time_zone FROM communities c JOIN workspaces w ON w.id = c.workspace_id WHERE c.id {list}";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.Long(0);
                var a = snapshot.Activity[id];
                var m = members.GetValueOrDefault(id);
                var summary = new CommunitySummary(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    m.Members, m.Staff, a.Counts[(int)ActivityKind.Message], a.Counts[(int)ActivityKind.Join], a.Counts[(int)ActivityKind.Leave], a.Counts[(int)ActivityKind.Reaction],
                    a.First == long.MaxValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(a.First),
                    a.Last == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(a.Last));
                snapshot.Rows[id] = new Row(summary, channels[id]);
            }
        }
    }

    /// <summary>
    /// What is known at one data version. <see cref="Activity"/> survives into the next version (plus
    /// the increment); <see cref="Rows"/> (with member counts, names, channels) is rebuilt per version.
    /// </summary>
    private sealed class Snapshot(DataVersion version, long watermark, long refreshedAtMs, Dictionary<long, ActivityTotals> activity)
    {
        public DataVersion Version { get; } = version;
        public long Watermark { get; } = watermark;
        public long RefreshedAtMs { get; } = refreshedAtMs;
        public Dictionary<long, ActivityTotals> Activity { get; } = activity;
        public ConcurrentDictionary<long, Row> Rows { get; } = new();
    }

    private sealed record Row(CommunitySummary Summary, IReadOnlyList<CommunityChannel> Channels);

    private sealed class ActivityTotals
    {
        public long[] Counts { get; private init; } = new long[5];
        public long First { get; private set; } = long.MaxValue;
        public long Last { get; private set; } = long.MinValue;

        public void Add(int kind, long count, long first, long last)
        {
            if (kind is > 0 and < 5)
            {
                Counts[kind] += count;
            }
            First = Math.Min(First, first);
            Last = Math.Max(Last, last);
        }

        public ActivityTotals Copy() => new() { Counts = (long[])Counts.Clone(), First = First, Last = Last };
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
