using System.Data.Common;
using System.Globalization;

namespace CommunityOps.Storage;

/// <summary>
/// Small helpers for the hot read paths that use plain SQL instead of EF queries (per request, EF's
/// own work was ten times the database's on these). Values always go through parameters.
/// </summary>
public static class SqlCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>"IN (@p0, @p1, ...)" with one parameter per id: the same text on both providers.</summary>
    public static string InList(this DbCommand cmd, string prefix, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return "IN (NULL)";
        }
        var names = new string[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = names[i] = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}");
            p.Value = ids[i];
            cmd.Parameters.Add(p);
        }
        return $"IN ({string.Join(", ", names)})";
    }

    /// <summary>
    /// "The activity <paramref name="alias"/> belongs to the community that <paramref name="test"/> picks out
    /// ("= @c", or an <see cref="InList"/>). On PostgreSQL no index of the log leads with community_id (migration 0007), so
    /// the rows are found through the community's members and the (member_id, occurred_at, kind) index; an
    /// activity's member always belongs to the activity's community. The members are gathered into an
    /// array in the same statement (same snapshot): written as a join or IN (subquery), the planner chose a
    /// parallel scan of the whole log for a community with 1% of it (200 ms where the index takes 20 ms).
    /// SQLite has the key's (community_id, kind) prefix.
    /// </summary>
    public static string InCommunity(DatabaseProvider provider, string alias, string test) =>
        provider == DatabaseProvider.Postgres
            ? $"{alias}.member_id = ANY(ARRAY(SELECT id FROM members WHERE community_id {test}))"
            : $"{alias}.community_id {test}";

    /// <summary>
    /// "<paramref name="column"/> contains <paramref name="parameter"/>", ignoring case: give the parameter in
    /// lower case. instr()/strpos(), not LIKE: '%' and '_' typed by a user are plain characters.
    /// </summary>
    public static string Contains(DatabaseProvider provider, string column, string parameter) =>
        provider == DatabaseProvider.Postgres ? $"strpos(lower({column}), {parameter}) > 0" : $"instr(lower({column}), {parameter}) > 0";

    public static long Long(this DbDataReader reader, int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static long? NullableLong(this DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.Long(i);

    public static bool Bool(this DbDataReader reader, int i) => Convert.ToBoolean(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static DateTimeOffset? Instant(this DbDataReader reader, int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.Long(i));
}
