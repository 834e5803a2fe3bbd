using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using CommunityOps.Messages;
using CommunityOps.Storage;

namespace CommunityOps.Inspection.Runs;

/// <summary>A stored message or join with what the inspector needs of its member and channel.</summary>
internal readonly record struct StoredEvent(
    long Id, long CommunityId, ActivityKind Kind, long OccurredAtMs, string? Text, int Mentions, long MemberId,
    string MemberSourceId, bool IsStaff, string? ChannelSourceId);

/// <summary>Where a pass resumes: after this message of this community, in (community, time, id) order.</summary>
internal readonly record struct PassCheckpoint(long CommunityId, long OccurredAtMs, long ActivityId);

/// <summary>
/// Streams messages and joins from the store in (community, time, id) order, the order each
/// community's inspection session needs, with member and channel joined in SQL.
/// </summary>
internal static class StoredEvents
{
    private const string Select =
        "SELECT a.id, a.community_id, a.kind, a.occurred_at, a.text, a.mentions, a.member_id, m.source_id, m.is_staff, ch.source_id " +
        "FROM activities a JOIN members m ON m.id = a.member_id LEFT JOIN channels ch ON ch.id = a.channel_id " +
        "WHERE a.kind + 0 IN (1, 2) AND ";

    private const string Order = " ORDER BY a.community_id, a.occurred_at, a.id";

    /// <summary>The workspace's activities with id in (<paramref name="after"/>, <paramref name="upTo"/>], after the checkpoint if any.</summary>
    public static IAsyncEnumerable<StoredEvent> RangeAsync(Store store, long workspaceId, long after, long upTo, PassCheckpoint? from, CancellationToken ct)
    {
        // On SQLite the unary plus keeps the planner off the (community_id, kind) index, which would read
        // every activity of the workspace to find a small new range; the id range is the selective term.
        var plus = store.Provider == DatabaseProvider.Sqlite ? "+" : "";
        var where = $"a.id > @after AND a.id <= @upto AND {plus}a.community_id IN (SELECT id FROM communities WHERE workspace_id = @w)";
        var parameters = new List<(string, object)> { ("@after", after), ("@upto", upTo), ("@w", workspaceId) };
        if (from is { } c)
        {
            where += " AND (a.community_id > @cc OR (a.community_id = @cc AND (a.occurred_at > @ct OR (a.occurred_at = @ct AND a.id > @ci))))";
            parameters.AddRange([("@cc", c.CommunityId), ("@ct", c.OccurredAtMs), ("@ci", c.ActivityId)]);
        }
        return ReadAsync(store, where, parameters, ct);
    }

    /// <summary>Every message and join of one community.</summary>
    public static IAsyncEnumerable<StoredEvent> CommunityAsync(Store store, long communityId, CancellationToken ct) =>
        ReadAsync(store, SqlCommands.InCommunity(store.Provider, "a", "= @c"), [("@c", communityId)], ct);

    private static async IAsyncEnumerable<StoredEvent> ReadAsync(Store store, string where, List<(string Name, object Value)> parameters,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Select + where + Order;
        foreach (var (name, value) in parameters)
        {
            AddParameter(cmd, name, value);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new StoredEvent(
                reader.GetInt64(0),
                reader.GetInt64(1),
                (ActivityKind)Convert.ToInt16(reader.GetValue(2), CultureInfo.InvariantCulture),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                reader.GetInt64(6),
                reader.GetString(7),
                reader.GetBoolean(8),
                reader.IsDBNull(9) ? null : reader.GetString(9));
        }
    }

    internal static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
