using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>One operator reply and the member message it answered.</summary>
public sealed record Conversation(long CommunityId, long OperatorId, long ReplyActivityId, long QuestionActivityId, DateTimeOffset RepliedAt);

/// <summary>
/// Finds conversations, the unit a spot check samples: a staff member's message that answers a
/// non-staff member's message of the same community. It answers the message its reply link names
/// when the export has reply links; without one, it answers the latest message of a non-staff,
/// non-bot member in the same community and channel during the <see cref="AnswerWindow"/> before it.
/// A member message is answered once that way (an operator's follow-up lines are one reply). A reply
/// link to a staff message, or a staff message with nothing to answer (an announcement), is not a
/// conversation.
/// </summary>
public static class Conversations
{
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromMinutes(30);

    /// <summary>Conversations of <paramref name="communityId"/> whose reply is in [from, to), in time order.</summary>
    public static async Task<List<Conversation>> FindAsync(Store store, long communityId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // Source ids compare byte-wise on PostgreSQL (COLLATE "C"); the reply link takes the same
        // collation so that the unique key (all three of its columns given) serves the lookup.
        var collate = store.Provider == DatabaseProvider.Postgres ? " COLLATE \"C\"" : "";
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT a.id, a.member_id, a.channel_id, a.occurred_at, m.is_staff, m.is_bot, a.reply_to, q.id, qm.is_staff " +
            "FROM activities a JOIN members m ON m.id = a.member_id " +
            $"LEFT JOIN activities q ON q.community_id = a.community_id AND q.kind = 1 AND q.source_id = (a.reply_to{collate}) " +
            "LEFT JOIN members qm ON qm.id = q.member_id " +
            $"WHERE {SqlCommands.InCommunity(store.Provider, "a", "= @c")} AND a.kind = 1 AND a.occurred_at >= @from AND a.occurred_at < @to " +
            "ORDER BY a.occurred_at, a.id";
        StoredEvents.AddParameter(cmd, "@c", communityId);
        StoredEvents.AddParameter(cmd, "@from", (from - AnswerWindow).ToUnixTimeMilliseconds());
        StoredEvents.AddParameter(cmd, "@to", to.ToUnixTimeMilliseconds());
        var fromMs = from.ToUnixTimeMilliseconds();
        var windowMs = (long)AnswerWindow.TotalMilliseconds;
        var latestQuestion = new Dictionary<long, (long Id, long At)>();
        var result = new List<Conversation>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            var channel = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
            var at = reader.GetInt64(3);
            if (!reader.GetBoolean(4))
            {
                if (!reader.GetBoolean(5))
                {
                    latestQuestion[channel] = (id, at);
                }
                continue;
            }
            if (at < fromMs)
            {
                continue;
            }
            long? question = null;
            if (!reader.IsDBNull(7))
            {
                question = reader.GetBoolean(8) ? null : reader.GetInt64(7);
            }
            else if (latestQuestion.TryGetValue(channel, out var latest) && at - latest.At <= windowMs)
            {
                // Answered once: an operator's follow-up lines are the same reply, not more conversations.
                question = latest.Id;
                latestQuestion.Remove(channel);
            }
            if (question is { } q)
            {
                result.Add(new Conversation(communityId, reader.GetInt64(1), id, q, DateTimeOffset.FromUnixTimeMilliseconds(at)));
            }
        }
        return result;
    }
}
