using System.Data.Common;
using CommunityOps.Storage;

namespace CommunityOps.Analytics;

/// <summary>
/// Texts and platform ids are not part of the analytical state (they would triple its size); the few
/// a report shows are read from the store by primary key.
/// </summary>
internal static class TopMessageTexts
{
    private const int TextChars = 140;
    private const int Batch = 500;

    public static async Task FillAsync(Store store, IReadOnlyList<CommunityReport> reports, CancellationToken ct)
    {
        var byId = reports.SelectMany(r => r.Interaction.TopMessages ?? []).GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.ToList());
        if (byId.Count == 0)
        {
            return;
        }
        await using var connection = await store.OpenConnectionAsync(ct);
        foreach (var chunk in byId.Keys.Chunk(Batch))
        {
            await using var cmd = Select(connection, "SELECT id, source_id, text FROM activities WHERE id IN ", chunk);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var text = reader.IsDBNull(2) ? null : reader.GetString(2);
                foreach (var message in byId[reader.GetInt64(0)])
                {
                    message.SourceId = reader.GetString(1);
                    message.Text = text is { Length: > TextChars } ? text[..TextChars] + "…" : text;
                }
            }
        }
    }

    public static async Task FillSourceIdsAsync(Store store, long communityId, List<LayerMember> members, CancellationToken ct)
    {
        if (members.Count == 0)
        {
            return;
        }
        var sources = new Dictionary<long, string>();
        await using var connection = await store.OpenConnectionAsync(ct);
        await using (var cmd = ActivityReader.Command(connection, "SELECT id, source_id FROM members WHERE community_id = @c"))
        {
            ActivityReader.Parameter(cmd, "@c", communityId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                sources[reader.GetInt64(0)] = reader.GetString(1);
            }
        }
        foreach (var m in members)
        {
            m.SourceId = sources.GetValueOrDefault(m.MemberId);
        }
    }

    private static DbCommand Select(DbConnection connection, string sql, long[] ids)
    {
        // Ids are longs formatted by us, never user text, so they can be inlined into the IN list.
        var list = string.Join(",", ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return ActivityReader.Command(connection, sql + "(" + list + ")");
    }
}
