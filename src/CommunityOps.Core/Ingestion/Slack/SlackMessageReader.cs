using System.Text.Json;
using CommunityOps.Resources;
using static CommunityOps.Ingestion.Slack.SlackText;

namespace CommunityOps.Ingestion.Slack;

/// <summary>
/// Turns one message object of a day file into activities. Ids are "channel id:ts" (ts is unique per
/// channel); the instant comes from ts because day files are cut in the exporter's time zone, not UTC.
/// </summary>
internal sealed class SlackMessageReader(ImportSink sink, long community, SlackDirectory directory, string exportName)
{
    /// <summary>Subtypes that are something a member said; every other subtype is a notice about the channel.</summary>
    private static readonly HashSet<string> MemberMessages = new(StringComparer.Ordinal)
    {
        "file_share", "file_comment", "thread_broadcast", "me_message", "bot_message",
    };

    public void Add(JsonElement message, string channelSourceId, long channelId, string file, long line)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw ImportException.At(file, line, Errors.ExpectedMessageObject());
        }
        var type = Str(message, "type");
        if (type is not null and not "message")
        {
            return;
        }
        var ts = Str(message, "ts");
        if (ts is null)
        {
            throw ImportException.Field(file, line, "ts", Errors.RequiredOnMessage());
        }
        if (!TryParseTs(ts, out var ms))
        {
            throw ImportException.Field(file, line, "ts", Errors.NotSlackTimestamp(ts));
        }
        var subtype = Str(message, "subtype");
        var sourceId = $"{channelSourceId}:{ts}";
        switch (subtype)
        {
            case null:
            case string s when MemberMessages.Contains(s):
                AddMessage(message, subtype, sourceId, channelSourceId, channelId, ms, ts);
                break;
            case "channel_join" or "group_join":
                if (Author(message) is { } joiner)
                {
                    var inviter = NonEmpty(Str(message, "inviter")) is { } i ? sink.Member(community, i, null) : (long?)null;
                    sink.Join(community, channelId, Member(joiner, message, isBot: false), sourceId, ms, inviter);
                }
                break;
            case "channel_leave" or "group_leave":
                if (Author(message) is { } leaver)
                {
                    sink.Leave(community, channelId, Member(leaver, message, isBot: false), sourceId, ms);
                }
                break;
            default:
                break; // topic, purpose, archive, pins, bot_add, tombstone, message_changed, ...: not said by a member
        }
    }

    private void AddMessage(JsonElement message, string? subtype, string sourceId, string channelSourceId, long channelId, long ms, string ts)
    {
        var user = Author(message);
        var isBot = false;
        if (user is null && subtype == "bot_message")
        {
            user = NonEmpty(Str(message, "bot_id")) ?? NonEmpty(Str(message, "username"));
            isBot = true;
        }
        if (user is null)
        {
            sink.Warn($"{exportName}: a message without a user was skipped");
            return;
        }
        var member = Member(user, message, isBot);
        var text = Unescape(Str(message, "text"));
        var threadTs = Str(message, "thread_ts");
        var replyTo = threadTs is not null && threadTs != ts ? $"{channelSourceId}:{threadTs}" : null;
        var edited = message.TryGetProperty("edited", out var e) && e.ValueKind == JsonValueKind.Object;
        // A file_comment carries the file it comments on; only a share attaches one.
        var media = subtype == "file_comment" ? null : MediaKind(message);
        sink.Message(community, channelId, member, sourceId, ms, string.IsNullOrEmpty(text) ? null : text, replyTo, media, edited, Mentions(text));
        if (message.TryGetProperty("reactions", out var reactions) && reactions.ValueKind == JsonValueKind.Array)
        {
            foreach (var reaction in reactions.EnumerateArray())
            {
                var emoji = Str(reaction, "name");
                if (emoji is null || !reaction.TryGetProperty("users", out var users) || users.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                foreach (var reactor in users.EnumerateArray())
                {
                    if (reactor.ValueKind == JsonValueKind.String && reactor.GetString() is { Length: > 0 } who)
                    {
                        // Reactions carry no time of their own in an export; the message's is the best there is.
                        sink.Reaction(community, channelId, sink.Member(community, who, null), $"{sourceId}:{emoji}:{who}", ms, sourceId, emoji);
                    }
                }
            }
        }
    }

    /// <summary>user, or for old file_comment messages (which have none) the comment's author.</summary>
    private static string? Author(JsonElement message) =>
        NonEmpty(Str(message, "user"))
        ?? (message.TryGetProperty("comment", out var comment) ? NonEmpty(Str(comment, "user")) : null);

    private long Member(string user, JsonElement message, bool isBot)
    {
        if (directory.UserIds.Contains(user))
        {
            return sink.Member(community, user, null, isBot: isBot);
        }
        // Not in users.json (bots, users of shared channels): the message's own profile is all there is.
        var profile = message.TryGetProperty("user_profile", out var p) ? p : message.TryGetProperty("bot_profile", out var b) ? b : default;
        var name = NonEmpty(Str(profile, "display_name")) ?? NonEmpty(Str(profile, "real_name")) ?? NonEmpty(Str(profile, "name")) ?? NonEmpty(Str(message, "username"));
        return sink.Member(community, user, name, isBot: isBot);
    }
}
