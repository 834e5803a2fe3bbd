using System.Data.Common;
using System.Text;
using CommunityOps.Messages;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CommunityOps.Ingestion;

/// <summary>
/// One prepared INSERT ... ON CONFLICT DO NOTHING per activity inside one transaction; the changed-row
/// count tells added from duplicate. The activity statement is driven through SQLite's own API, binding
/// by index: the ADO.NET layer looks every parameter up by name on every execution, which cost as much
/// as SQLite's insert itself and kept a bulk import well under 150,000 rows a second.
/// </summary>
/// <remarks>
/// Activities and new members are written on a second thread (<see cref="BatchPipeline{T}"/>): parsing
/// an export and SQLite's B-tree work each take about half of an import's CPU, so on two cores the
/// import takes about as long as the slower of the two instead of their sum. New members get their ids
/// here (one past the largest stored id; the transaction holds SQLite's write lock from its first
/// statement, so no other writer can take one) so that the parser never waits for the writer to learn
/// an id. Every other command first drains the pipeline, because it may read or change rows still in it.
/// </remarks>
internal sealed class SqliteActivityWriter : ActivityWriter
{
    private const int Done = 101; // SQLITE_DONE
    private const int BatchSize = 4096;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _insertMember;
    private readonly nint _rawDb;
    private readonly Statement _activity;
    private readonly Statement _member;
    private readonly BatchPipeline<PendingRow> _pipeline;
    private List<string>? _droppedIndexes;
    private long _lastMemberId = -1;
    private bool _disposed;

    public SqliteActivityWriter(DbConnection connection) : base(connection)
    {
        _db = ((SqliteConnection)connection).Handle!;
        var rc = raw.sqlite3_prepare_v2(_db,
            "INSERT INTO activities (community_id, channel_id, member_id, kind, source_id, occurred_at, text, reply_to, target, emoji, related_member_id, invite_link, media_kind, is_edited, mentions, import_id) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) ON CONFLICT (community_id, kind, source_id) DO NOTHING",
            out _insert);
        SqliteException.ThrowExceptionForRC(rc, _db);
        rc = raw.sqlite3_prepare_v2(_db,
            "INSERT INTO members (id, community_id, source_id, display_name, is_staff, is_bot) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            out _insertMember);
        SqliteException.ThrowExceptionForRC(rc, _db);
        _rawDb = SqliteNative.Hold(_db);
        _activity = new Statement(SqliteNative.Hold(_insert), 16);
        _member = new Statement(SqliteNative.Hold(_insertMember), 6);
        _pipeline = new BatchPipeline<PendingRow>(Write, BatchSize, "sqlite import writer");
        _droppedIndexes = DropSecondaryIndexesOfEmptyLog();
    }

    /// <summary>
    /// Into an empty log, the non-unique indexes are dropped and built again after the last row: keeping
    /// the member index current row by row sends every insert to a random leaf, and building it once by
    /// sorting is far cheaper (1M rows through the sqlite3 shell: 4.2-4.3 s with both indexes live,
    /// 2.9-3.0 s with only the unique key live and the member index built after). The unique key stays:
    /// it is what tells a repeated event from a new one. DDL is transactional in SQLite, so a failed
    /// import gets its indexes back with the rollback; other connections never see the log without them.
    /// </summary>
    private List<string>? DropSecondaryIndexesOfEmptyLog()
    {
        if (!LogIsEmpty(Command))
        {
            return null;
        }
        return DropIndexes(Command,
            "SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list('activities') i ON i.name = m.name " +
            "WHERE m.type = 'index' AND m.sql IS NOT NULL AND i.\"unique\" = 0 ORDER BY m.name");
    }

    /// <summary>After the last row: the indexes a bulk load dropped are built again, before commit.</summary>
    public override void FinishRows()
    {
        Flush();
        if (_droppedIndexes is { } indexes)
        {
            _droppedIndexes = null;
            foreach (var sql in indexes)
            {
                using var create = Command(sql);
                create.ExecuteNonQuery();
            }
        }
    }

    /// <summary>
    /// A prepared statement's raw handle and, per parameter, a pinned UTF-8 buffer SQLite reads in place
    /// and whether NULL is bound now: bindings outlive a reset, so a NULL is not bound again row after row
    /// (a message leaves about half of the 16 columns NULL).
    /// </summary>
    private sealed class Statement(nint handle, int parameters)
    {
        public readonly nint Handle = handle;
        public readonly byte[][] Utf8 = Enumerable.Range(0, parameters + 1).Select(_ => SqliteNative.Pinned(256)).ToArray();
        public readonly bool[] Null = Enumerable.Repeat(true, parameters + 1).ToArray();
    }

    /// <summary>
    /// An activity, or a new member: then <see cref="ActivityRecord.MemberId"/> is its new id,
    /// <see cref="ActivityRecord.CommunityId"/> its community, <see cref="ActivityRecord.SourceId"/> its
    /// platform id and <see cref="ActivityRecord.Text"/> its display name.
    /// </summary>
    private struct PendingRow
    {
        public ActivityRecord Record;
        public long ImportId;
        public bool IsMember;
        public bool IsStaff;
        public bool IsBot;
    }

    public override (long Id, bool Created) UpsertCommunity(long workspaceId, string platform, string sourceId, string name, string timeZone, long nowMs)
    {
        using (var find = Command("SELECT id, name FROM communities WHERE workspace_id = @w AND platform = @p AND source_id = @s"))
        {
            Parameter(find, "@w", workspaceId);
            Parameter(find, "@p", platform);
            Parameter(find, "@s", sourceId);
            using var reader = find.ExecuteReader();
            if (reader.Read())
            {
                var id = reader.GetInt64(0);
                var oldName = reader.GetString(1);
                reader.Close();
                if (oldName != name)
                {
                    using var rename = Command("UPDATE communities SET name = @n WHERE id = @id");
                    Parameter(rename, "@n", name);
                    Parameter(rename, "@id", id);
                    rename.ExecuteNonQuery();
                }
                return (id, false);
            }
        }
        using var insert = Command("INSERT INTO communities (workspace_id, platform, source_id, name, time_zone, created_at) VALUES (@w, @p, @s, @n, @z, @t) RETURNING id");
        Parameter(insert, "@w", workspaceId);
        Parameter(insert, "@p", platform);
        Parameter(insert, "@s", sourceId);
        Parameter(insert, "@n", name);
        Parameter(insert, "@z", timeZone);
        Parameter(insert, "@t", nowMs);
        return ((long)insert.ExecuteScalar()!, true);
    }

    public override MemberRow InsertMember(long communityId, string sourceId, string displayName, bool isStaff, bool isBot)
    {
        if (_lastMemberId < 0)
        {
            using var max = Command("SELECT COALESCE(MAX(id), 0) FROM members");
            _lastMemberId = Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var id = ++_lastMemberId;
        _pipeline.Add(new PendingRow
        {
            Record = new ActivityRecord { CommunityId = communityId, MemberId = id, SourceId = sourceId, Text = displayName },
            IsMember = true, IsStaff = isStaff, IsBot = isBot,
        });
        return new MemberRow(id, displayName, isStaff, isBot, true);
    }

    public override long InsertChannel(long communityId, string sourceId, string name)
    {
        using var cmd = Command("INSERT INTO channels (community_id, source_id, name) VALUES (@c, @s, @n) RETURNING id");
        Parameter(cmd, "@c", communityId);
        Parameter(cmd, "@s", sourceId);
        Parameter(cmd, "@n", name);
        return (long)cmd.ExecuteScalar()!;
    }

    public override void Add(in ActivityRecord r, long importId) => _pipeline.Add(new PendingRow { Record = r, ImportId = importId });

    /// <summary>Runs on the pipeline's thread, which owns the connection while it writes.</summary>
    private void Write(PendingRow[] rows, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ref readonly var row = ref rows[i];
            if (row.IsMember)
            {
                WriteMember(row);
            }
            else
            {
                WriteActivity(row.Record, row.ImportId);
            }
        }
    }

    private void WriteMember(in PendingRow row)
    {
        var s = _member;
        Bind(s, 1, row.Record.MemberId);
        Bind(s, 2, row.Record.CommunityId);
        Bind(s, 3, row.Record.SourceId);
        Bind(s, 4, row.Record.Text);
        Bind(s, 5, row.IsStaff ? 1 : 0);
        Bind(s, 6, row.IsBot ? 1 : 0);
        Step(s);
    }

    private void WriteActivity(in ActivityRecord r, long importId)
    {
        var s = _activity;
        Bind(s, 1, r.CommunityId);
        Bind(s, 2, r.ChannelId);
        Bind(s, 3, r.MemberId);
        Bind(s, 4, (long)r.Kind);
        Bind(s, 5, r.SourceId);
        Bind(s, 6, r.OccurredAtMs);
        Bind(s, 7, r.Text);
        Bind(s, 8, r.ReplyTo);
        Bind(s, 9, r.Target);
        Bind(s, 10, r.Emoji);
        Bind(s, 11, r.RelatedMemberId);
        Bind(s, 12, r.InviteLink);
        Bind(s, 13, r.MediaKind);
        Bind(s, 14, r.IsEdited ? 1 : 0);
        Bind(s, 15, r.Mentions);
        Bind(s, 16, importId);
        if (Step(s) == 1)
        {
            Added[(int)r.Kind]++;
        }
        else
        {
            Duplicates++;
        }
    }

    /// <summary>Runs a bound insert once and readies it for the next row; returns the rows it changed.</summary>
    private int Step(Statement s)
    {
        var rc = SqliteNative.Step(s.Handle);
        var changed = SqliteNative.Changes(_rawDb);
        SqliteNative.Reset(s.Handle);
        if (rc != Done)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        return changed;
    }

    /// <summary>
    /// Text goes in as UTF-8 encoded here, with .NET's vectorized encoder, into the parameter's pinned
    /// buffer; SQLite reads it from there when the row is stepped, without a copy of its own.
    /// </summary>
    private static unsafe void Bind(Statement s, int index, string? value)
    {
        if (value is null)
        {
            BindNull(s, index);
            return;
        }
        ref var buffer = ref s.Utf8[index];
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (buffer.Length < max)
        {
            buffer = SqliteNative.Pinned(Math.Max(max, buffer.Length * 2));
        }
        var n = Encoding.UTF8.GetBytes(value, buffer);
        Check(SqliteNative.BindText(s.Handle, index, SqliteNative.Address(buffer), n, SqliteNative.Static));
        s.Null[index] = false;
    }

    private static void Bind(Statement s, int index, long? value)
    {
        if (value is { } v)
        {
            Bind(s, index, v);
        }
        else
        {
            BindNull(s, index);
        }
    }

    private static void Bind(Statement s, int index, long value)
    {
        Check(SqliteNative.BindInt64(s.Handle, index, value));
        s.Null[index] = false;
    }

    private static void BindNull(Statement s, int index)
    {
        if (!s.Null[index])
        {
            Check(SqliteNative.BindNull(s.Handle, index));
            s.Null[index] = true;
        }
    }

    /// <summary>A bind fails only on a misuse (a wrong index, a finalized statement): a fault of ours.</summary>
    private static void Check(int rc)
    {
        if (rc != 0)
        {
            throw new InvalidOperationException($"SQLite refused a bind (error {rc})");
        }
    }

    public override void Flush() => _pipeline.Drain();

    protected override void BeforeCommand() => _pipeline.Drain();

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        // Each raw handle's reference is given back exactly once, or SQLitePCLRaw would close it early.
        _disposed = true;
        // The writing thread must be gone before the transaction rolls back and the statements close.
        _pipeline.Dispose();
        SqliteNative.Release(_insert);
        SqliteNative.Release(_insertMember);
        SqliteNative.Release(_db);
        _insert.Dispose();
        _insertMember.Dispose();
        base.Dispose();
    }
}
