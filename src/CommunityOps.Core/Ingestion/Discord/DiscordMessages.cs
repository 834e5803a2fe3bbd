using System.Text.Json;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;
using static CommunityOps.Ingestion.Discord.DiscordJsonImporter;

namespace CommunityOps.Ingestion.Discord;

/// <summary>
/// One element of a DiscordChatExporter <c>messages</c> array to activities. <c>type</c> is the
/// exporter's MessageKind name, or a number string for kinds it has no name for ("24"); older files lack
/// <c>reference</c>, <c>stickers</c>, <c>mentions</c> and reaction <c>users</c>, which are optional here.
/// </summary>
internal sealed class DiscordMessages(ImportSink sink)
{
    private readonly TimeZoneInfo _zone = sink.Options.TimeZone;

    public void Map(JsonElement m, long community, long channel, string file, long line)
    {
        var at = new Where(file, line);
        var id = Text(m, "id") ?? throw Field(at, "id", Errors.Required());
        var type = Text(m, "type") ?? "Default";
        var ms = Timestamp(m, at);
        var author = m.TryGetProperty("author"u8, out var a) ? a : default;
        var authorId = Text(author, "id") ?? throw Field(at, "author.id", Errors.Required());
        switch (type)
        {
            // Reply exists as a name since 2.31; before that a reply was Default + reference, or its number.
            // 20 and 23 are answers to slash commands and context-menu commands: a bot talking.
            case "Default" or "Reply" or "0" or "19" or "20" or "23":
                Message(m, id, ms, community, channel, Member(community, author, authorId), at);
                break;
            case "GuildMemberJoin" or "7":
                sink.Join(community, channel, Member(community, author, authorId), id, ms);
                break;
            case "RecipientAdd" or "1":
                // Group DMs: the author added the mentioned user.
                var adder = Member(community, author, authorId);
                var added = FirstMention(m, community) ?? adder;
                sink.Join(community, channel, added, id, ms, added == adder ? null : adder);
                break;
            case "RecipientRemove" or "2":
                var remover = Member(community, author, authorId);
                var removed = FirstMention(m, community) ?? remover;
                sink.Leave(community, channel, removed, id, ms, removed == remover ? null : remover);
                break;
            default:
                sink.Warn($"{at.File}: Discord '{type}' messages skipped (system notices, not member activity)");
                break;
        }
    }

    private void Message(JsonElement m, string id, long ms, long community, long channel, long member, Where at)
    {
        string? replyTo = null;
        if (m.TryGetProperty("reference"u8, out var reference) && reference.ValueKind == JsonValueKind.Object
            && (Text(reference, "type") ?? "Default") == "Default")
        {
            replyTo = Text(reference, "messageId");
        }
        var edited = m.TryGetProperty("timestampEdited"u8, out var e) && e.ValueKind == JsonValueKind.String;
        var mentions = m.TryGetProperty("mentions"u8, out var mentioned) && mentioned.ValueKind == JsonValueKind.Array ? mentioned.GetArrayLength() : 0;
        sink.Message(community, channel, member, id, ms, Text(m, "content"), replyTo, Media(m), edited, mentions);
        if (m.TryGetProperty("reactions"u8, out var reactions) && reactions.ValueKind == JsonValueKind.Array)
        {
            Reactions(reactions, id, ms, community, channel, at);
        }
    }

    /// <summary>Discord keeps no time for a reaction; the message's time stands in.</summary>
    private void Reactions(JsonElement reactions, string messageId, long ms, long community, long channel, Where at)
    {
        foreach (var reaction in reactions.EnumerateArray())
        {
            var emoji = reaction.TryGetProperty("emoji"u8, out var em) ? em : default;
            var emojiId = Text(emoji, "id");
            var name = Text(emoji, "name") ?? emojiId ?? "?";
            var shown = emojiId is null ? name : $":{name}:";
            var count = reaction.TryGetProperty("count"u8, out var c) && c.TryGetInt32(out var n) ? n : 1;
            var attributed = 0;
            if (reaction.TryGetProperty("users"u8, out var users) && users.ValueKind == JsonValueKind.Array)
            {
                foreach (var user in users.EnumerateArray())
                {
                    var userId = Text(user, "id") ?? throw Field(at, "reactions.users.id", Errors.Required());
                    var who = Member(community, user, userId);
                    sink.Reaction(community, channel, who, $"{messageId}:{emojiId ?? name}:{userId}", ms, messageId, shown);
                    attributed++;
                }
            }
            for (var i = attributed; i < count; i++)
            {
                sink.Warn($"{at.File}: reactions without the reacting member skipped (exports before DiscordChatExporter 2.40.4 list no users)");
            }
        }
    }

    private long Member(long community, JsonElement user, string userId)
    {
        var isBot = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("isBot"u8, out var b) && b.ValueKind == JsonValueKind.True;
        return sink.Member(community, userId, Text(user, "nickname") ?? Text(user, "name"), isBot: isBot);
    }

    private long? FirstMention(JsonElement m, long community)
    {
        if (m.TryGetProperty("mentions"u8, out var mentions) && mentions.ValueKind == JsonValueKind.Array && mentions.GetArrayLength() > 0
            && Text(mentions[0], "id") is { } id)
        {
            return Member(community, mentions[0], id);
        }
        return null;
    }

    private static string? Media(JsonElement m)
    {
        if (m.TryGetProperty("stickers"u8, out var stickers) && stickers.ValueKind == JsonValueKind.Array && stickers.GetArrayLength() > 0)
        {
            return "sticker";
        }
        if (m.TryGetProperty("attachments"u8, out var attachments) && attachments.ValueKind == JsonValueKind.Array && attachments.GetArrayLength() > 0)
        {
            return DiscordAttachments.Kind(Text(attachments[0], "fileName") ?? Text(attachments[0], "url"));
        }
        return null;
    }

    /// <summary>ISO 8601 with the exporter's offset (DateTimeOffset written by Utf8JsonWriter); a value without one is read in the import's zone.</summary>
    private long Timestamp(JsonElement m, Where at)
    {
        if (!m.TryGetProperty("timestamp"u8, out var t))
        {
            throw Field(at, "timestamp", Errors.Required());
        }
        if (t.ValueKind == JsonValueKind.String)
        {
            var raw = t.GetString()!;
            var hasOffset = raw.Length > 19 && (raw.EndsWith('Z') || raw.EndsWith('z') || raw.IndexOfAny(['+', '-'], 19) >= 0);
            if (hasOffset && t.TryGetDateTimeOffset(out var dto))
            {
                return dto.ToUnixTimeMilliseconds();
            }
            if (!hasOffset && t.TryGetDateTime(out var local))
            {
                return TimeParsing.LocalToUnixMs(local, _zone);
            }
        }
        throw Field(at, "timestamp", Errors.NotIsoTime(t.ToString()));
    }

    /// <summary>The file and the line the message starts on, for error messages.</summary>
    private readonly record struct Where(string File, long Line);

    private static ImportException Field(Where at, string field, ErrorText what) => ImportException.Field(at.File, at.Line, field, what);
}
