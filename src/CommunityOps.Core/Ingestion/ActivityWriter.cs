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

    public abstract long EnsureWorkspace(string name, long nowMs);

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

    public abstract void Add(in ActivityRecord record, long importId);

    public abstract long StartImportRun(long workspaceId, long nowMs);

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
