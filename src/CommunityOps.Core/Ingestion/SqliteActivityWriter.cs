using System.Data.Common;
using CommunityOps.Messages;
using Microsoft.Data.Sqlite;

namespace CommunityOps.Ingestion;

/// <summary>
/// One prepared INSERT ... ON CONFLICT DO NOTHING per activity inside one transaction; the changed-row
/// count tells added from duplicate. Parameters are bound by position and reused for every row.
/// </summary>
internal sealed class SqliteActivityWriter : ActivityWriter
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _p;

    public SqliteActivityWriter(DbConnection connection) : base(connection)
    {
        _insert = (SqliteCommand)Command(
            "INSERT INTO activities (community_id, channel_id, member_id, kind, source_id, occurred_at, text, reply_to, target, emoji, related_member_id, invite_link, media_kind, is_edited, mentions, import_id) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (community_id, kind, source_id) DO NOTHING");
        _p = new SqliteParameter[16];
        for (var i = 0; i < _p.Length; i++)
        {
            _p[i] = _insert.Parameters.Add("$" + (i + 1), i is 4 or 6 or 7 or 8 or 9 or 11 or 12 ? SqliteType.Text : SqliteType.Integer);
        }
        _insert.Prepare();
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
        using var cmd = Command("INSERT INTO members (community_id, source_id, display_name, is_staff, is_bot) VALUES (@c, @s, @n, @st, @b) RETURNING id");
        Parameter(cmd, "@c", communityId);
        Parameter(cmd, "@s", sourceId);
        Parameter(cmd, "@n", displayName);
        Parameter(cmd, "@st", isStaff);
        Parameter(cmd, "@b", isBot);
        return new MemberRow((long)cmd.ExecuteScalar()!, displayName, isStaff, isBot, true);
    }

    public override long InsertChannel(long communityId, string sourceId, string name)
    {
        using var cmd = Command("INSERT INTO channels (community_id, source_id, name) VALUES (@c, @s, @n) RETURNING id");
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
        _p[0].Value = r.CommunityId;
        _p[1].Value = r.ChannelId is { } ch ? ch : DBNull.Value;
        _p[2].Value = r.MemberId;
        _p[3].Value = (long)r.Kind;
        _p[4].Value = r.SourceId;
        _p[5].Value = r.OccurredAtMs;
        _p[6].Value = (object?)r.Text ?? DBNull.Value;
        _p[7].Value = (object?)r.ReplyTo ?? DBNull.Value;
        _p[8].Value = (object?)r.Target ?? DBNull.Value;
        _p[9].Value = (object?)r.Emoji ?? DBNull.Value;
        _p[10].Value = r.RelatedMemberId is { } rel ? rel : DBNull.Value;
        _p[11].Value = (object?)r.InviteLink ?? DBNull.Value;
        _p[12].Value = (object?)r.MediaKind ?? DBNull.Value;
        _p[13].Value = r.IsEdited ? 1L : 0L;
        _p[14].Value = (long)r.Mentions;
        _p[15].Value = importId;
        if (_insert.ExecuteNonQuery() == 1)
        {
            Added[(int)r.Kind]++;
        }
        else
        {
            Duplicates++;
        }
    }

    public override void Flush() { }

    public override void Dispose()
    {
        _insert.Dispose();
        base.Dispose();
    }
}
