using System.Data.Common;
using CommunityOps.Storage;

namespace CommunityOps.Analytics;

// The refresh: new communities are built, appended history is folded, late history is rebuilt.
public sealed partial class AnalyticsStore
{
    private async Task<RefreshResult> RefreshLockedAsync(CancellationToken ct)
    {
        await using var connection = await Store.OpenConnectionAsync(ct);
        // Runs first, then the largest id: a run that commits in between is unseen next time and checked then.
        var runs = await ActivityReader.ImportRunsAsync(connection, ct);
        var upTo = await ActivityReader.MaxActivityIdAsync(connection, ct);
        var communities = (await ActivityReader.CommunitiesAsync(connection, ct)).ToDictionary(c => c.Id);
        var current = Read(s => new Dictionary<long, CommunityState>(s));
        var rebuild = new HashSet<long>(communities.Keys.Where(id => !current.ContainsKey(id)));
        var unseen = runs.Where(r => !_seenRuns.Contains(r.Key)).ToList();
        if (unseen.Count > 0 && current.Count > 0)
        {
            // An import may add members without activities (inviters) or turn a known member's staff
            // flag on, which changes its whole history: that community is rebuilt.
            foreach (var (id, (members, staff)) in await ActivityReader.MemberCountsAsync(connection, ct))
            {
                if (current.TryGetValue(id, out var state) && Read(_ => (state.Members.Count, state.StaffCount())) != (members, staff)
                    && !await AddMembersAsync(connection, state, ct))
                {
                    rebuild.Add(id);
                }
            }
        }
        var folded = 0;
        var appended = new HashSet<long>();
        for (var after = Watermark; after < upTo; after += ChunkIds)
        {
            var end = Math.Min(upTo, after + ChunkIds);
            var rows = await ActivityReader.ActivitiesBetweenAsync(connection, Store.Provider, after, end, ct);
            folded += rows.Count;
            foreach (var group in rows.GroupBy(r => r.CommunityId))
            {
                if (rebuild.Contains(group.Key) || !current.TryGetValue(group.Key, out var state))
                {
                    rebuild.Add(group.Key);
                    continue;
                }
                if (await AppendAsync(connection, state, [.. group], end, ct))
                {
                    appended.Add(group.Key);
                }
                else
                {
                    rebuild.Add(group.Key);
                }
            }
        }
        if (Store.Provider == DatabaseProvider.Postgres && unseen.Any(r => r.Value <= _lastRefreshMs + LateCommitMarginMs) && current.Count > 0)
        {
            foreach (var (id, count) in await ActivityReader.ActivityCountsAsync(connection, upTo, ct))
            {
                if (current.TryGetValue(id, out var state) && !rebuild.Contains(id) && Read(_ => state.EventCount) != count)
                {
                    rebuild.Add(id);
                }
            }
        }
        var built = await BuildAllAsync(rebuild.Where(communities.ContainsKey).Select(id => communities[id]).ToList(), upTo, ct);
        Write(() =>
        {
            foreach (var state in built)
            {
                _states[state.CommunityId] = state;
            }
            foreach (var (id, row) in communities)
            {
                if (_states.TryGetValue(id, out var state))
                {
                    state.Name = row.Name;
                }
            }
            _dirty.UnionWith(appended);
            _dirty.UnionWith(built.Select(s => s.CommunityId));
        });
        var changed = Watermark != upTo || unseen.Count > 0;
        Watermark = upTo;
        _seenRuns = [.. runs.Keys];
        _lastRefreshMs = Store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _globalDirty |= changed;
        return new RefreshResult(folded, appended.Except(rebuild).Count(), built.Count, upTo);
    }

    private async Task<bool> AppendAsync(DbConnection connection, CommunityState state, List<ActivityRow> rows, long upTo, CancellationToken ct)
    {
        var builder = Read(_ => new CommunityBuilder(state));
        var unknown = rows.Any(r => !builder.Knows(r.MemberId) || (r.Related is { } related && !builder.Knows(related)));
        List<MemberRowInfo>? members = unknown ? await ActivityReader.MembersAsync(connection, state.CommunityId, ct) : null;
        var ok = false;
        Write(() =>
        {
            foreach (var m in members ?? [])
            {
                if (!builder.Knows(m.Id))
                {
                    builder.AddMember(m);
                }
            }
            ok = builder.TryAppend(rows, upTo);
        });
        return ok;
    }

    /// <summary>Adds members the state does not know; false when a known member's staff flag changed.</summary>
    private async Task<bool> AddMembersAsync(DbConnection connection, CommunityState state, CancellationToken ct)
    {
        var members = await ActivityReader.MembersAsync(connection, state.CommunityId, ct);
        var ok = true;
        Write(() =>
        {
            var builder = new CommunityBuilder(state);
            foreach (var m in members)
            {
                if (!builder.Knows(m.Id))
                {
                    builder.AddMember(m);
                    _dirty.Add(state.CommunityId);
                }
                else if (builder.IsStaff(m.Id) != m.IsStaff)
                {
                    ok = false;
                }
            }
        });
        return ok;
    }

    /// <summary>Builds communities from the log, two at a time (the machine's cores, and the store's connections).</summary>
    private async Task<List<CommunityState>> BuildAllAsync(List<CommunityRow> rows, long upTo, CancellationToken ct)
    {
        var built = new List<CommunityState>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(2, Environment.ProcessorCount), CancellationToken = ct },
            async (row, token) =>
            {
                await using var connection = await Store.OpenConnectionAsync(token);
                var state = await BuildAsync(connection, row, ZoneOf(row), upTo, token);
                lock (built)
                {
                    built.Add(state);
                }
            });
        return built;
    }
}
