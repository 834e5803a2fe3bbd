using System.Data.Common;

namespace CommunityOps.Analytics;

// Saving and loading the state: one binary snapshot per community in analytics_snapshots, split into
// parts (both SQLite blobs and PostgreSQL bytea stop at 1 GB), and community 0 for the watermark.
public sealed partial class AnalyticsStore
{
    private const int PartBytes = 64 << 20;
    private const long GlobalRow = 0;

    private bool _globalDirty;

    /// <summary>Communities changed since the last save.</summary>
    public int Unsaved => Read(_ => _dirty.Count);

    /// <summary>Writes the snapshots of communities changed since the last save, and the watermark, in one transaction.</summary>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct);
        try
        {
            var dirty = Read(states => _dirty.Where(states.ContainsKey).Select(id => states[id]).ToList());
            if (dirty.Count == 0 && !_globalDirty)
            {
                return;
            }
            await using var connection = await Store.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var state in dirty)
            {
                using var buffer = new MemoryStream();
                Read(_ =>
                {
                    StateSnapshot.Write(buffer, state);
                    return 0;
                });
                await WriteRowAsync(connection, tx, state.CommunityId, buffer, ct);
            }
            using (var global = new MemoryStream())
            {
                WriteGlobal(global);
                await WriteRowAsync(connection, tx, GlobalRow, global, ct);
            }
            await tx.CommitAsync(ct);
            Write(() => _dirty.ExceptWith(dirty.Select(s => s.CommunityId)));
            _globalDirty = false;
        }
        finally
        {
            _writer.Release();
        }
    }

    private static async Task WriteRowAsync(DbConnection connection, DbTransaction tx, long communityId, MemoryStream data, CancellationToken ct)
    {
        await using (var delete = ActivityReader.Command(connection, "DELETE FROM analytics_snapshots WHERE community_id = @c"))
        {
            delete.Transaction = tx;
            ActivityReader.Parameter(delete, "@c", communityId);
            await delete.ExecuteNonQueryAsync(ct);
        }
        var bytes = data.GetBuffer();
        var length = (int)data.Length;
        for (int part = 0, offset = 0; offset < length || part == 0; part++, offset += PartBytes)
        {
            await using var insert = ActivityReader.Command(connection, "INSERT INTO analytics_snapshots (community_id, part, format, data) VALUES (@c, @p, @f, @d)");
            insert.Transaction = tx;
            ActivityReader.Parameter(insert, "@c", communityId);
            ActivityReader.Parameter(insert, "@p", part);
            ActivityReader.Parameter(insert, "@f", StateSnapshot.Format);
            ActivityReader.Parameter(insert, "@d", bytes.AsSpan(offset, Math.Min(PartBytes, length - offset)).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private void WriteGlobal(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Watermark);
        w.Write(_lastRefreshMs);
        w.Write(_seenRuns.Count);
        foreach (var run in _seenRuns)
        {
            w.Write(run);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var connection = await Store.OpenConnectionAsync(ct);
        var parts = new Dictionary<long, MemoryStream>();
        var formatOk = true;
        await using (var cmd = ActivityReader.Command(connection, "SELECT community_id, format, data FROM analytics_snapshots ORDER BY community_id, part"))
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                formatOk &= reader.GetInt32(1) == StateSnapshot.Format;
                var id = reader.GetInt64(0);
                if (!parts.TryGetValue(id, out var stream))
                {
                    parts[id] = stream = new MemoryStream();
                }
                var bytes = (byte[])reader.GetValue(2);
                stream.Write(bytes);
            }
        }
        if (!formatOk || !parts.TryGetValue(GlobalRow, out var global))
        {
            // No state yet, or one of another format: the refresh builds everything from the log.
            return;
        }
        global.Position = 0;
        using (var r = new BinaryReader(global))
        {
            Watermark = r.ReadInt64();
            _lastRefreshMs = r.ReadInt64();
            var n = r.ReadInt32();
            for (var i = 0; i < n; i++)
            {
                _seenRuns.Add(r.ReadInt64());
            }
        }
        var states = new Dictionary<long, CommunityState>();
        foreach (var (id, stream) in parts.Where(p => p.Key != GlobalRow))
        {
            stream.Position = 0;
            if (StateSnapshot.Read(stream) is { } state)
            {
                states[id] = state;
            }
            stream.Dispose();
        }
        Write(() => _states = states);
    }
}
