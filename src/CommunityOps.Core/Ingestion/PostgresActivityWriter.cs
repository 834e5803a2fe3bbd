using System.Data.Common;
using System.Runtime.CompilerServices;
using CommunityOps.Storage;
using Npgsql;

namespace CommunityOps.Ingestion;

/// <summary>
/// Rows of communities with no stored activities are streamed with binary COPY straight into the log
/// while the importer is still parsing, so the server inserts on one core while the client parses on
/// the other. Rows of communities that already hold activities may repeat stored ones; they are kept
/// in memory, copied into a temporary staging table and merged with ON CONFLICT DO NOTHING at the end
/// of each segment of <see cref="ImportOptions.PostgresSegmentRows"/> rows.
/// Each streamed segment runs under a savepoint: an export that repeats itself (or a concurrent import
/// of the same chat) raises a unique violation, and that segment is rolled back and merged instead, so
/// the unique key stays the only judge of what is a duplicate. Any other command (a new channel, a new
/// community) ends the segment first, because a connection in COPY state takes no other command.
/// Into an empty log, <see cref="PostgresBulkLoad"/> first drops the secondary indexes: then every
/// community is new, nothing can conflict, and segments need neither savepoints nor kept rows, nor end
/// after a number of rows.
/// </summary>
internal sealed class PostgresActivityWriter : ActivityWriter
{
    private const string Columns = "community_id, channel_id, member_id, kind, source_id, occurred_at, text, reply_to, target, emoji, related_member_id, invite_link, media_kind, is_edited, mentions, import_id";
    private const string Savepoint = "import_segment";

    private readonly NpgsqlConnection _npgsql;
    private readonly int _segmentRows;
    private readonly PostgresMembers _members;
    private readonly Dictionary<long, bool> _fresh = [];
    private readonly List<ActivityRecord> _streamed = [];
    private readonly List<ActivityRecord> _staged = [];
    private readonly long[] _streamedByKind = new long[5];
    private PostgresBulkLoad? _bulk;
    private PostgresCopyRows? _copy;
    private long _importId;
    private int _segmentCount;
    private readonly bool _guarded;
    private bool _stageCreated;

    public PostgresActivityWriter(DbConnection connection, int segmentRows) : base(connection)
    {
        _npgsql = (NpgsqlConnection)connection;
        _segmentRows = segmentRows;
        _bulk = PostgresBulkLoad.TryStart(Command, (NpgsqlTransaction)Transaction);
        // A bulk load is a whole history: reserving member ids in the largest blocks from the start stops
        // its COPY once per 16,384 new members rather than five times for the first few thousand.
        _members = new PostgresMembers(Command, largeBlocks: _bulk is not null);
        // Without a unique key during a bulk load nothing can conflict, so nothing needs a savepoint.
        _guarded = _bulk is null;
    }

    public override (long Id, bool Created) UpsertCommunity(long workspaceId, string platform, string sourceId, string name, string timeZone, long nowMs)
    {
        // xmax = 0 only on a freshly inserted row: one round trip, safe against a concurrent import.
        long id;
        bool created;
        using (var cmd = Command(
            "INSERT INTO communities (workspace_id, platform, source_id, name, time_zone, created_at) VALUES (@w, @p, @s, @n, @z, @t) " +
            "ON CONFLICT (workspace_id, platform, source_id) DO UPDATE SET name = excluded.name RETURNING id, (xmax = 0)"))
        {
            Parameter(cmd, "@w", workspaceId);
            Parameter(cmd, "@p", platform);
            Parameter(cmd, "@s", sourceId);
            Parameter(cmd, "@n", name);
            Parameter(cmd, "@z", timeZone);
            Parameter(cmd, "@t", nowMs);
            using var reader = cmd.ExecuteReader();
            reader.Read();
            (id, created) = (reader.GetInt64(0), reader.GetBoolean(1));
        }
        if (!_fresh.ContainsKey(id))
        {
            _fresh[id] = _bulk is not null || created || !HasActivities(id);
        }
        return (id, created);
    }

    private bool HasActivities(long communityId)
    {
        using var cmd = Command($"SELECT EXISTS (SELECT 1 FROM activities a WHERE {SqlCommands.InCommunity(DatabaseProvider.Postgres, "a", "= @c")})");
        Parameter(cmd, "@c", communityId);
        return (bool)cmd.ExecuteScalar()!;
    }

    public override MemberRow InsertMember(long communityId, string sourceId, string displayName, bool isStaff, bool isBot)
    {
        if (!_members.HasReservedId)
        {
            _members.Reserve();
        }
        return new MemberRow(_members.Add(communityId, sourceId, displayName, isStaff, isBot), displayName, isStaff, isBot, true);
    }

    public override void UpdateMember(long id, string displayName, bool isStaff, bool isBot) => _members.Update(id, displayName, isStaff, isBot);

    public override long InsertChannel(long communityId, string sourceId, string name)
    {
        using var cmd = Command(
            "INSERT INTO channels (community_id, source_id, name) VALUES (@c, @s, @n) " +
            "ON CONFLICT (community_id, source_id) DO UPDATE SET name = excluded.name RETURNING id");
        Parameter(cmd, "@c", communityId);
        Parameter(cmd, "@s", sourceId);
        Parameter(cmd, "@n", name);
        return (long)cmd.ExecuteScalar()!;
    }

    // Per row: compiled optimized at the first call, for the reason PostgresCopyRows gives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Add(in ActivityRecord r, long importId)
    {
        _importId = importId;
        if (_fresh.GetValueOrDefault(r.CommunityId))
        {
            if (_copy is null)
            {
                if (_guarded)
                {
                    ((NpgsqlTransaction)Transaction).Save(Savepoint);
                }
                var id = _bulk is null ? "" : "id, ";
                var freeze = _bulk is { Freeze: true } ? ", FREEZE" : "";
                _copy = new PostgresCopyRows(_npgsql, $"COPY activities ({id}{Columns}) FROM STDIN (FORMAT BINARY{freeze})");
            }
            WriteRow(_copy, r, _bulk?.NextId());
            _streamedByKind[(int)r.Kind]++;
            if (_guarded)
            {
                // Kept until the segment is safely in: a unique violation sends them through the merge.
                _streamed.Add(r);
            }
        }
        else
        {
            _staged.Add(r);
        }
        // A bulk load has no savepoints to keep small: its one COPY runs until some other command needs the
        // connection. Each stop costs a round trip and the wait while the server catches up on the rows.
        if (++_segmentCount >= _segmentRows && _bulk is null)
        {
            Flush();
        }
    }

    protected override void BeforeCommand()
    {
        if (_copy is not null)
        {
            Flush();
        }
    }

    /// <summary>Ends the segment: the streamed rows are committed to the savepoint, the staged ones merged, then members written.</summary>
    public override void Flush()
    {
        _segmentCount = 0;
        if (_copy is { } copy)
        {
            _copy = null;
            FinishStream(copy);
        }
        if (_staged.Count > 0)
        {
            Merge(_staged);
            _staged.Clear();
        }
        _members.Flush();
    }

    private void FinishStream(PostgresCopyRows copy)
    {
        var tx = (NpgsqlTransaction)Transaction;
        var repeated = false;
        try
        {
            copy.Complete();
        }
        catch (PostgresException ex) when (_guarded && ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            repeated = true;
        }
        finally
        {
            copy.Dispose();
        }
        if (repeated)
        {
            tx.Rollback(Savepoint);
            // This chat repeats itself or is being imported concurrently: from now on its rows are merged.
            foreach (var record in _streamed)
            {
                _fresh[record.CommunityId] = false;
            }
            Merge(_streamed);
            Reset();
            return;
        }
        if (_guarded)
        {
            tx.Release(Savepoint);
        }
        for (var kind = 0; kind < _streamedByKind.Length; kind++)
        {
            Added[kind] += _streamedByKind[kind];
        }
        Reset();

        void Reset()
        {
            _streamed.Clear();
            Array.Clear(_streamedByKind);
        }
    }

    /// <summary>After the last row: a bulk load builds the log's indexes again (and drops repeats).</summary>
    public override void FinishRows()
    {
        Flush();
        if (_bulk is { } bulk)
        {
            _bulk = null;
            bulk.Finish(Added, n => Duplicates += n);
        }
    }

    private void Merge(List<ActivityRecord> records)
    {
        // A bulk load numbers its rows itself; a row drawing an id from the sequence could take one of them.
        if (_bulk is not null)
        {
            throw new InvalidOperationException("a bulk load into an empty log never merges");
        }
        if (!_stageCreated)
        {
            using var create = Command($"CREATE TEMP TABLE stage_activities ON COMMIT DROP AS SELECT {Columns} FROM activities WITH NO DATA");
            create.ExecuteNonQuery();
            _stageCreated = true;
        }
        using (var copy = new PostgresCopyRows(_npgsql, $"COPY stage_activities ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var record in records)
            {
                WriteRow(copy, record, null);
            }
            copy.Complete();
        }
        using (var merge = Command(
            $"WITH ins AS (INSERT INTO activities ({Columns}) SELECT {Columns} FROM stage_activities " +
            "ON CONFLICT (community_id, kind, source_id) DO NOTHING RETURNING kind) SELECT kind, count(*) FROM ins GROUP BY kind"))
        {
            long added = 0;
            using var reader = merge.ExecuteReader();
            while (reader.Read())
            {
                var n = reader.GetInt64(1);
                Added[reader.GetInt16(0)] += n;
                added += n;
            }
            Duplicates += records.Count - added;
        }
        using var truncate = Command("TRUNCATE stage_activities");
        truncate.ExecuteNonQuery();
    }

    /// <summary>One row: its <paramref name="id"/> first when a bulk load numbers the rows, then the <see cref="Columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteRow(PostgresCopyRows c, in ActivityRecord r, long? id)
    {
        if (id is { } given)
        {
            c.StartRow(17);
            c.Write(given);
        }
        else
        {
            c.StartRow(16);
        }
        c.Write(r.CommunityId);
        c.Write(r.ChannelId);
        c.Write(_members.Real(r.MemberId));
        c.Write((short)r.Kind);
        c.Write(r.SourceId);
        c.Write(r.OccurredAtMs);
        c.Write(r.Text);
        c.Write(r.ReplyTo);
        c.Write(r.Target);
        c.Write(r.Emoji);
        c.Write(r.RelatedMemberId is { } related ? _members.Real(related) : null);
        c.Write(r.InviteLink);
        c.Write(r.MediaKind);
        c.Write(r.IsEdited);
        c.Write(r.Mentions);
        c.Write(_importId);
    }

    public override void Dispose()
    {
        // An import that failed mid-stream cancels the COPY; the rollback then undoes everything.
        var copy = _copy;
        _copy = null;
        copy?.Dispose();
        base.Dispose();
    }
}
