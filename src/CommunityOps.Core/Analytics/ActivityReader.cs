using System.Data.Common;
using System.Globalization;
using CommunityOps.Messages;
using CommunityOps.Storage;

namespace CommunityOps.Analytics;

/// <summary>A community row as the analytics need it.</summary>
internal sealed record CommunityRow(long Id, string Name, string TimeZone, long WorkspaceId, string Workspace);

internal sealed record MemberRowInfo(long Id, string Name, bool IsStaff);

/// <summary>An activity with its reply or reaction target looked up in SQL (by source id, within the community).</summary>
internal sealed class ActivityRow
{
    public long Id;
    public long CommunityId;
    public ActivityKind Kind;
    public long MemberId;
    public long? ChannelId;
    public long Ms;
    public required string SourceId;
    public bool IsReply;
    public long? TargetId;
    public long TargetMs;
    /// <summary>The source id a reply or reaction points to.</summary>
    public string? TargetSourceId;
    public long? Related;
    public string? Link;
    public int Mentions;

    public static int Compare(ActivityRow a, ActivityRow b)
    {
        var c = a.Ms.CompareTo(b.Ms);
        if (c != 0)
        {
            return c;
        }
        c = FoldEvent.Rank(a.Kind).CompareTo(FoldEvent.Rank(b.Kind));
        return c != 0 ? c : string.CompareOrdinal(a.SourceId, b.SourceId);
    }
}

/// <summary>The SQL the analytics run: the same statements on SQLite and PostgreSQL except for collation.</summary>
internal static class ActivityReader
{
    public static async Task<List<CommunityRow>> CommunitiesAsync(DbConnection connection, CancellationToken ct)
    {
        var list = new List<CommunityRow>();
        await using var cmd = Command(connection,
            "SELECT c.id, c.name, c.time_zone, c.workspace_id, w.name FROM communities c JOIN workspaces w ON w.id = c.workspace_id ORDER BY c.id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new CommunityRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
        }
        return list;
    }

    public static async Task<List<MemberRowInfo>> MembersAsync(DbConnection connection, long communityId, CancellationToken ct)
    {
        var list = new List<MemberRowInfo>();
        await using var cmd = Command(connection, "SELECT id, display_name, is_staff FROM members WHERE community_id = @c ORDER BY id");
        Parameter(cmd, "@c", communityId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new MemberRowInfo(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2)));
        }
        return list;
    }

    public static async Task<List<long>> ChannelsAsync(DbConnection connection, long communityId, CancellationToken ct)
    {
        var list = new List<long>();
        await using var cmd = Command(connection, "SELECT id FROM channels WHERE community_id = @c ORDER BY id");
        Parameter(cmd, "@c", communityId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(reader.GetInt64(0));
        }
        return list;
    }

    /// <summary>One community's activities with id at most <paramref name="upTo"/>, unsorted.</summary>
    public static Task<List<ActivityRow>> CommunityActivitiesAsync(DbConnection connection, DatabaseProvider provider, long communityId, long upTo, CancellationToken ct) =>
        ActivitiesAsync(connection, provider, $"{SqlCommands.InCommunity(provider, "a", "= @c")} AND a.id <= @w", [("@c", communityId), ("@w", upTo)], ct);

    /// <summary>Every activity with id in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public static Task<List<ActivityRow>> ActivitiesBetweenAsync(DbConnection connection, DatabaseProvider provider, long after, long upTo, CancellationToken ct) =>
        ActivitiesAsync(connection, provider, "a.id > @a AND a.id <= @w", [("@a", after), ("@w", upTo)], ct);

    private static async Task<List<ActivityRow>> ActivitiesAsync(DbConnection connection, DatabaseProvider provider, string where,
        (string Name, long Value)[] parameters, CancellationToken ct)
    {
        // Source ids compare byte-wise on PostgreSQL (the column is COLLATE "C"); the target expression
        // takes the same collation so that the unique key (all three of its columns given) serves the join.
        var collate = provider == DatabaseProvider.Postgres ? " COLLATE \"C\"" : "";
        var sql =
            "SELECT a.id, a.community_id, a.kind, a.member_id, a.channel_id, a.occurred_at, a.source_id, " +
            "CASE WHEN a.reply_to IS NULL THEN 0 ELSE 1 END, t.id, t.occurred_at, " +
            "COALESCE(a.reply_to, a.target), a.related_member_id, a.invite_link, a.mentions " +
            "FROM activities a LEFT JOIN activities t ON t.community_id = a.community_id AND t.kind = 1 " +
            $"AND t.source_id = (COALESCE(a.reply_to, a.target){collate}) WHERE {where}";
        var list = new List<ActivityRow>();
        await using var cmd = Command(connection, sql);
        foreach (var (name, value) in parameters)
        {
            Parameter(cmd, name, value);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new ActivityRow
            {
                Id = reader.GetInt64(0),
                CommunityId = reader.GetInt64(1),
                Kind = (ActivityKind)Convert.ToInt16(reader.GetValue(2), CultureInfo.InvariantCulture),
                MemberId = reader.GetInt64(3),
                ChannelId = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                Ms = reader.GetInt64(5),
                SourceId = reader.GetString(6),
                IsReply = Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture) == 1,
                TargetId = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                TargetMs = reader.IsDBNull(9) ? 0 : reader.GetInt64(9),
                TargetSourceId = reader.IsDBNull(10) ? null : reader.GetString(10),
                Related = reader.IsDBNull(11) ? null : reader.GetInt64(11),
                Link = reader.IsDBNull(12) ? null : reader.GetString(12),
                Mentions = reader.GetInt32(13),
            });
        }
        return list;
    }

    public static async Task<long> MaxActivityIdAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = Command(connection, "SELECT COALESCE(max(id), 0) FROM activities");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public static async Task<Dictionary<long, long>> ImportRunsAsync(DbConnection connection, CancellationToken ct)
    {
        var runs = new Dictionary<long, long>();
        await using var cmd = Command(connection, "SELECT id, started_at FROM import_runs");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            runs[reader.GetInt64(0)] = reader.GetInt64(1);
        }
        return runs;
    }

    /// <summary>(members, staff) per community: a change means new members or a staff flag turned on.</summary>
    public static async Task<Dictionary<long, (int Members, int Staff)>> MemberCountsAsync(DbConnection connection, CancellationToken ct)
    {
        var result = new Dictionary<long, (int, int)>();
        await using var cmd = Command(connection,
            "SELECT community_id, count(*), sum(CASE WHEN is_staff THEN 1 ELSE 0 END) FROM members GROUP BY community_id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0)] = (Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
        }
        return result;
    }

    public static async Task<Dictionary<long, long>> ActivityCountsAsync(DbConnection connection, long upTo, CancellationToken ct)
    {
        var result = new Dictionary<long, long>();
        await using var cmd = Command(connection, "SELECT community_id, count(*) FROM activities WHERE id <= @w GROUP BY community_id");
        Parameter(cmd, "@w", upTo);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0)] = reader.GetInt64(1);
        }
        return result;
    }

    internal static DbCommand Command(DbConnection connection, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    internal static void Parameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
