using System.Data.Common;
using System.Text.Json.Serialization;
using CommunityOps.Storage;

namespace CommunityOps.Communities;

/// <summary>Each community with its totals: what `communities` prints and the dashboard's table starts from.</summary>
public sealed record CommunitySummary(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("workspace")] string Workspace,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("source_id")] string SourceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("members")] long Members,
    [property: JsonPropertyName("staff")] long Staff,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("joins")] long Joins,
    [property: JsonPropertyName("leaves")] long Leaves,
    [property: JsonPropertyName("reactions")] long Reactions,
    [property: JsonPropertyName("first_activity")] DateTimeOffset? FirstActivity,
    [property: JsonPropertyName("last_activity")] DateTimeOffset? LastActivity);

public sealed class CommunityDirectory(Store store)
{
    public async Task<IReadOnlyList<CommunitySummary>> ListAsync(string? workspace = null, CancellationToken ct = default)
    {
        await using var connection = await store.OpenConnectionAsync(ct);
        var totals = new Dictionary<long, long[]>();
        await using (var cmd = connection.CreateCommand())
        {
            // One grouped scan of the log (on SQLite the unique key's (community_id, kind) prefix serves the grouping).
            cmd.CommandText = "SELECT community_id, kind, count(*), min(occurred_at), max(occurred_at) FROM activities GROUP BY community_id, kind";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (!totals.TryGetValue(id, out var t))
                {
                    totals[id] = t = [0, 0, 0, 0, 0, long.MaxValue, long.MinValue];
                }
                var kind = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                t[kind] = reader.GetInt64(2);
                t[5] = Math.Min(t[5], reader.GetInt64(3));
                t[6] = Math.Max(t[6], reader.GetInt64(4));
            }
        }
        var result = new List<CommunitySummary>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText =
                "SELECT c.id, w.name, c.platform, c.source_id, c.name, c.time_zone, " +
                "(SELECT count(*) FROM members m WHERE m.community_id = c.id AND NOT m.is_staff), " +
                "(SELECT count(*) FROM members m WHERE m.community_id = c.id AND m.is_staff) " +
                "FROM communities c JOIN workspaces w ON w.id = c.workspace_id " +
                (workspace is null ? "" : "WHERE w.name = @w ") +
                "ORDER BY w.name, c.name, c.id";
            if (workspace is not null)
            {
                AddParameter(cmd, "@w", workspace);
            }
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                var t = totals.GetValueOrDefault(id) ?? [0, 0, 0, 0, 0, long.MaxValue, long.MinValue];
                result.Add(new CommunitySummary(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetInt64(6), reader.GetInt64(7), t[1], t[2], t[3], t[4],
                    t[5] == long.MaxValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(t[5]),
                    t[6] == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(t[6])));
            }
        }
        return result;
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
