using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace CommunityOps.Ingestion;

/// <summary>
/// Rows are buffered, then written with binary COPY into a temporary staging table and merged into the
/// log every <see cref="BatchRows"/> rows with INSERT ... SELECT ... ON CONFLICT DO NOTHING; RETURNING
/// tells added from duplicate per kind. Buffering first keeps the connection free for the member and
/// channel inserts that arrive between activities (a connection in COPY state takes no other command).
/// New members get a provisional negative id at once and are inserted in one statement per batch, just
/// before the batch's rows are copied: a round trip per new member was the largest cost after the merge.
/// </summary>
internal sealed class PostgresActivityWriter : ActivityWriter
{
    private const int BatchRows = 100_000;
    private const string Columns = "community_id, channel_id, member_id, kind, source_id, occurred_at, text, reply_to, target, emoji, related_member_id, invite_link, media_kind, is_edited, mentions, import_id";

    private readonly NpgsqlConnection _npgsql;
    private readonly List<(ActivityRecord Record, long ImportId)> _buffer = new(BatchRows);
    private readonly List<PendingMember> _pending = [];
    private readonly List<long> _realIds = [];

    private sealed record PendingMember(long CommunityId, string SourceId, string DisplayName, bool IsStaff, bool IsBot);

    public PostgresActivityWriter(DbConnection connection) : base(connection)
    {
        _npgsql = (NpgsqlConnection)connection;
        using var cmd = Command(
            "CREATE TEMP TABLE IF NOT EXISTS stage_activities (community_id bigint, channel_id bigint, member_id bigint, kind smallint, source_id text, occurred_at bigint, " +
            "text text, reply_to text, target text, emoji text, related_member_id bigint, invite_link text, media_kind text, is_edited boolean, mentions integer, import_id bigint) ON COMMIT DROP");
        cmd.ExecuteNonQuery();
    }

    public override long EnsureWorkspace(string name, long nowMs)
    {
        using var cmd = Command("INSERT INTO workspaces (name, created_at) VALUES (@n, @t) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id");
        Parameter(cmd, "@n", name);
        Parameter(cmd, "@t", nowMs);
        return (long)cmd.ExecuteScalar()!;
    }

    public override (long Id, bool Created) UpsertCommunity(long workspaceId, string platform, string sourceId, string name, string timeZone, long nowMs)
    {
        // xmax = 0 only on a freshly inserted row: one round trip, safe against a concurrent import.
        using var cmd = Command(
            "INSERT INTO communities (workspace_id, platform, source_id, name, time_zone, created_at) VALUES (@w, @p, @s, @n, @z, @t) " +
            "ON CONFLICT (workspace_id, platform, source_id) DO UPDATE SET name = excluded.name RETURNING id, (xmax = 0)");
        Parameter(cmd, "@w", workspaceId);
        Parameter(cmd, "@p", platform);
        Parameter(cmd, "@s", sourceId);
        Parameter(cmd, "@n", name);
        Parameter(cmd, "@z", timeZone);
        Parameter(cmd, "@t", nowMs);
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetBoolean(1));
    }

    public override MemberRow InsertMember(long communityId, string sourceId, string displayName, bool isStaff, bool isBot)
    {
        _pending.Add(new PendingMember(communityId, sourceId, displayName, isStaff, isBot));
        _realIds.Add(0);
        return new MemberRow(-_realIds.Count, displayName, isStaff, isBot, true);
    }

    public override void UpdateMember(long id, string displayName, bool isStaff, bool isBot)
    {
        if (id < 0)
        {
            var real = _realIds[(int)(-id - 1)];
            if (real == 0)
            {
                ReplacePending(id, displayName, isStaff, isBot);
                return;
            }
            id = real;
        }
        base.UpdateMember(id, displayName, isStaff, isBot);
    }

    private void ReplacePending(long provisional, string displayName, bool isStaff, bool isBot)
    {
        // Pending members are in provisional order after the last flush's members.
        var offset = (int)(-provisional - 1) - (_realIds.Count - _pending.Count);
        _pending[offset] = _pending[offset] with { DisplayName = displayName, IsStaff = isStaff, IsBot = isBot };
    }

    private long Real(long id) => id >= 0 ? id : _realIds[(int)(-id - 1)];

    private void FlushMembers()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        using var cmd = Command(
            "INSERT INTO members (community_id, source_id, display_name, is_staff, is_bot) " +
            "SELECT * FROM unnest(@c, @s, @n, @st, @b) " +
            "ON CONFLICT (community_id, source_id) DO UPDATE SET display_name = excluded.display_name, " +
            "is_staff = members.is_staff OR excluded.is_staff, is_bot = members.is_bot OR excluded.is_bot RETURNING id, community_id, source_id");
        Parameter(cmd, "@c", _pending.Select(p => p.CommunityId).ToArray());
        Parameter(cmd, "@s", _pending.Select(p => p.SourceId).ToArray());
        Parameter(cmd, "@n", _pending.Select(p => p.DisplayName).ToArray());
        Parameter(cmd, "@st", _pending.Select(p => p.IsStaff).ToArray());
        Parameter(cmd, "@b", _pending.Select(p => p.IsBot).ToArray());
        var ids = new Dictionary<(long, string), long>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                ids[(reader.GetInt64(1), reader.GetString(2))] = reader.GetInt64(0);
            }
        }
        var first = _realIds.Count - _pending.Count;
        for (var i = 0; i < _pending.Count; i++)
        {
            _realIds[first + i] = ids[(_pending[i].CommunityId, _pending[i].SourceId)];
        }
        _pending.Clear();
    }

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

    public override long StartImportRun(long workspaceId, long nowMs)
    {
        using var cmd = Command("INSERT INTO import_runs (workspace_id, started_at, status) VALUES (@w, @t, 'running') RETURNING id");
        Parameter(cmd, "@w", workspaceId);
        Parameter(cmd, "@t", nowMs);
        return (long)cmd.ExecuteScalar()!;
    }

    public override void Add(in ActivityRecord r, long importId)
    {
        _buffer.Add((r, importId));
        if (_buffer.Count >= BatchRows)
        {
            Flush();
        }
    }

    private void WriteRow(NpgsqlBinaryImporter c, in ActivityRecord r, long importId)
    {
        c.StartRow();
        c.Write(r.CommunityId, NpgsqlDbType.Bigint);
        WriteNullable(c, r.ChannelId);
        c.Write(Real(r.MemberId), NpgsqlDbType.Bigint);
        c.Write((short)r.Kind, NpgsqlDbType.Smallint);
        c.Write(r.SourceId, NpgsqlDbType.Text);
        c.Write(r.OccurredAtMs, NpgsqlDbType.Bigint);
        WriteNullable(c, r.Text);
        WriteNullable(c, r.ReplyTo);
        WriteNullable(c, r.Target);
        WriteNullable(c, r.Emoji);
        WriteNullable(c, r.RelatedMemberId is { } related ? Real(related) : null);
        WriteNullable(c, r.InviteLink);
        WriteNullable(c, r.MediaKind);
        c.Write(r.IsEdited, NpgsqlDbType.Boolean);
        c.Write(r.Mentions, NpgsqlDbType.Integer);
        c.Write(importId, NpgsqlDbType.Bigint);
    }

    private static void WriteNullable(NpgsqlBinaryImporter c, string? value)
    {
        if (value is null)
        {
            c.WriteNull();
        }
        else
        {
            // Text from chat exports may hold NUL, which PostgreSQL text cannot store.
            c.Write(value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value, NpgsqlDbType.Text);
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter c, long? value)
    {
        if (value is { } v)
        {
            c.Write(v, NpgsqlDbType.Bigint);
        }
        else
        {
            c.WriteNull();
        }
    }

    public override void Flush()
    {
        FlushMembers();
        if (_buffer.Count == 0)
        {
            return;
        }
        using (var copy = _npgsql.BeginBinaryImport($"COPY stage_activities ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (record, importId) in _buffer)
            {
                WriteRow(copy, record, importId);
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
            Duplicates += _buffer.Count - added;
        }
        using (var truncate = Command("TRUNCATE stage_activities"))
        {
            truncate.ExecuteNonQuery();
        }
        _buffer.Clear();
    }
}
