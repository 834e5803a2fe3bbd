using System.Data.Common;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion;

/// <summary>
/// The bulk write path of an import, one transaction from first row to commit so that a failure
/// anywhere leaves the store exactly as it was. SQLite uses one prepared statement per table;
/// PostgreSQL stages rows with binary COPY and merges them with ON CONFLICT DO NOTHING.
/// </summary>
internal abstract class ActivityWriter(DbConnection connection) : IDisposable
{
    protected DbConnection Connection { get; } = connection;
    protected DbTransaction Transaction { get; } = connection.BeginTransaction();

    /// <summary>Added rows by <see cref="ActivityKind"/> (index = kind).</summary>
    public long[] Added { get; } = new long[5];

    public long Duplicates { get; protected set; }

    public long EnsureWorkspace(string name, long nowMs)
    {
        using var cmd = Command("INSERT INTO workspaces (name, created_at) VALUES (@n, @t) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id");
        Parameter(cmd, "@n", name);
        Parameter(cmd, "@t", nowMs);
        return (long)cmd.ExecuteScalar()!;
    }

    public abstract (long Id, bool Created) UpsertCommunity(long workspaceId, string platform, string sourceId, string name, string timeZone, long nowMs);

    public Dictionary<string, MemberRow> LoadMembers(long communityId)
    {
        var result = new Dictionary<string, MemberRow>(StringComparer.Ordinal);
        using var cmd = Command("SELECT id, source_id, display_name, is_staff, is_bot FROM members WHERE community_id = @c");
        Parameter(cmd, "@c", communityId);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetString(1)] = new MemberRow(reader.GetInt64(0), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4), false);
        }
        return result;
    }

    public Dictionary<string, long> LoadChannels(long communityId)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var cmd = Command("SELECT id, source_id FROM channels WHERE community_id = @c");
        Parameter(cmd, "@c", communityId);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetString(1)] = reader.GetInt64(0);
        }
        return result;
    }

    public abstract MemberRow InsertMember(long communityId, string sourceId, string displayName, bool isStaff, bool isBot);

    public virtual void UpdateMember(long id, string displayName, bool isStaff, bool isBot)
    {
        using var cmd = Command("UPDATE members SET display_name = @n, is_staff = @s, is_bot = @b WHERE id = @id");
        Parameter(cmd, "@n", displayName);
        Parameter(cmd, "@s", isStaff);
        Parameter(cmd, "@b", isBot);
        Parameter(cmd, "@id", id);
        cmd.ExecuteNonQuery();
    }

    public abstract long InsertChannel(long communityId, string sourceId, string name);

    public long? FindCommunity(long workspaceId, string platform, string sourceId)
    {
        using var cmd = Command("SELECT id FROM communities WHERE workspace_id = @w AND platform = @p AND source_id = @s");
        Parameter(cmd, "@w", workspaceId);
        Parameter(cmd, "@p", platform);
        Parameter(cmd, "@s", sourceId);
        return cmd.ExecuteScalar() is { } id and not DBNull ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Source ids of the communities of a platform that bear this name in the workspace.</summary>
    public List<string> CommunitySourceIdsNamed(long workspaceId, string platform, string name)
    {
        using var cmd = Command("SELECT source_id FROM communities WHERE workspace_id = @w AND platform = @p AND name = @n ORDER BY id");
        Parameter(cmd, "@w", workspaceId);
        Parameter(cmd, "@p", platform);
        Parameter(cmd, "@n", name);
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    public void ChangeCommunitySourceId(long communityId, string sourceId)
    {
        using var cmd = Command("UPDATE communities SET source_id = @s WHERE id = @id");
        Parameter(cmd, "@s", sourceId);
        Parameter(cmd, "@id", communityId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Gives a stored member its real id in place of the name it was known by, with the records whose
    /// source id ends in ":&lt;old id&gt;" (the member's part of the key, as in Telegram's "{msg}:{member}"),
    /// so that importing the same events again under the real id finds them. Rows still buffered are
    /// written first, so that they are re-keyed too.
    /// </summary>
    public void ChangeMemberSourceId(long communityId, long memberId, string oldSourceId, string newSourceId)
    {
        Flush();
        var suffix = ":" + oldSourceId;
        // Both databases count characters (code points) in length() and substr().
        var chars = suffix.EnumerateRunes().Count();
        using (var records = Command(
            "UPDATE activities SET source_id = substr(source_id, 1, length(source_id) - @n) || @new " +
            "WHERE community_id = @c AND member_id = @m AND length(source_id) > @n AND substr(source_id, length(source_id) - @n + 1) = @suffix " +
            "AND NOT EXISTS (SELECT 1 FROM activities o WHERE o.community_id = activities.community_id AND o.kind = activities.kind " +
            "AND o.source_id = substr(activities.source_id, 1, length(activities.source_id) - @n) || @new)"))
        {
            Parameter(records, "@n", chars);
            Parameter(records, "@new", ":" + newSourceId);
            Parameter(records, "@c", communityId);
            Parameter(records, "@m", memberId);
            Parameter(records, "@suffix", suffix);
            records.ExecuteNonQuery();
        }
        using var member = Command("UPDATE members SET source_id = @s WHERE id = @id");
        Parameter(member, "@s", newSourceId);
        Parameter(member, "@id", memberId);
        member.ExecuteNonQuery();
    }

    public abstract void Add(in ActivityRecord record, long importId);

    public long StartImportRun(long workspaceId, long nowMs)
    {
        using var cmd = Command("INSERT INTO import_runs (workspace_id, started_at, status) VALUES (@w, @t, 'running') RETURNING id");
        Parameter(cmd, "@w", workspaceId);
        Parameter(cmd, "@t", nowMs);
        return (long)cmd.ExecuteScalar()!;
    }

    public void FinishImportRun(long id, long nowMs, string format, string summaryJson)
    {
        Flush();
        using var cmd = Command("UPDATE import_runs SET finished_at = @f, status = 'completed', format = @fmt, summary = @s WHERE id = @id");
        Parameter(cmd, "@f", nowMs);
        Parameter(cmd, "@fmt", format);
        Parameter(cmd, "@s", summaryJson);
        Parameter(cmd, "@id", id);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Writes buffered rows so that <see cref="Added"/> and <see cref="Duplicates"/> are final.</summary>
    public abstract void Flush();

    /// <summary>Called once after the last row, before the summary is read.</summary>
    public virtual void FinishRows() => Flush();

    public void Commit()
    {
        Flush();
        Transaction.Commit();
    }

    protected DbCommand Command(string sql)
    {
        BeforeCommand();
        var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>A writer that streams rows over the connection ends the stream here, before any other command.</summary>
    protected virtual void BeforeCommand()
    {
    }

    protected static DbParameter Parameter(DbCommand cmd, string name, object? value) => AddParameter(cmd, name, value);

    /// <summary>Whether the log holds no row at all: a bulk load into it may drop its indexes first.</summary>
    internal static bool LogIsEmpty(Func<string, DbCommand> command)
    {
        using var cmd = command("SELECT NOT EXISTS (SELECT 1 FROM activities)");
        // PostgreSQL answers a boolean, SQLite an integer 0 or 1.
        return Convert.ToBoolean(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Drops the indexes a query lists as (name, definition) rows and returns their definitions, which
    /// build them again: a bulk load into an empty log builds its indexes once, after the last row.
    /// </summary>
    internal static List<string> DropIndexes(Func<string, DbCommand> command, string listNamesAndDefinitions)
    {
        var indexes = new List<(string Name, string Definition)>();
        using (var list = command(listNamesAndDefinitions))
        {
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            using var drop = command($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            drop.ExecuteNonQuery();
        }
        return [.. indexes.Select(i => i.Definition)];
    }

    internal static DbParameter AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }

    public virtual void Dispose()
    {
        Transaction.Dispose();
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
