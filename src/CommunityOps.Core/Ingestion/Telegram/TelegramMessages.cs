using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityOps.Ingestion.Common;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// Turns one element of a Telegram chat's <c>messages</c> array into activities. Each element is walked
/// once: its properties are picked up in one pass, then mapped (formats.md 1.2-1.4).
/// </summary>
internal sealed class TelegramMessages(ImportSink sink)
{
    private readonly StringBuilder _text = new();
    private readonly TimeZoneInfo _zone = sink.Options.TimeZone;
    private readonly TelegramSenders _senders = new();

    public void Map(JsonElement message, TelegramChat chat, string file, long line)
    {
        var f = default(Fields);
        var at = new Where(file, line);
        Collect(message, ref f);
        if (f.Id.ValueKind != JsonValueKind.Number || !f.Id.TryGetInt64(out var id))
        {
            throw Field(at, "id", "a message needs a numeric id");
        }
        var type = f.Type.ValueKind == JsonValueKind.String ? TelegramTime.Raw(f.Type) : default;
        if (type.SequenceEqual("unsupported"u8))
        {
            // Stubs for messages this Telegram Desktop could not export; they carry nothing else.
            sink.Warn($"{at.File}: 'unsupported' messages (not exportable by the Telegram Desktop that wrote the file) skipped");
            return;
        }
        var ms = Instant(ref f, at);
        if (type.SequenceEqual("message"u8))
        {
            Message(ref f, id, ms, chat, at);
        }
        else if (type.SequenceEqual("service"u8))
        {
            Service(ref f, id, ms, chat);
        }
        else
        {
            sink.Warn($"{at.File}: messages of unknown type '{(f.Type.ValueKind == JsonValueKind.String ? f.Type.GetString() : f.Type.ToString())}' skipped");
        }
    }

    private static void Collect(JsonElement message, ref Fields f)
    {
        foreach (var p in message.EnumerateObject())
        {
            var n = TelegramTime.Name(p);
            var v = p.Value;
            if (n.SequenceEqual("id"u8)) f.Id = v;
            else if (n.SequenceEqual("type"u8)) f.Type = v;
            else if (n.SequenceEqual("date"u8)) f.Date = v;
            else if (n.SequenceEqual("date_unixtime"u8)) f.DateUnix = v;
            else if (n.SequenceEqual("from"u8)) f.From = v;
            else if (n.SequenceEqual("from_id"u8)) f.FromId = v;
            else if (n.SequenceEqual("text"u8)) f.Text = v;
            else if (n.SequenceEqual("text_entities"u8)) f.TextEntities = v;
            else if (n.SequenceEqual("edited"u8)) f.Edited = v;
            else if (n.SequenceEqual("reply_to_message_id"u8)) f.ReplyTo = v;
            else if (n.SequenceEqual("reply_to_peer_id"u8)) f.ReplyToPeer = v;
            else if (n.SequenceEqual("media_type"u8)) f.MediaType = v;
            else if (n.SequenceEqual("photo"u8)) f.Photo = v;
            else if (n.SequenceEqual("file"u8)) f.File = v;
            else if (n.SequenceEqual("reactions"u8)) f.Reactions = v;
            else if (n.SequenceEqual("actor"u8)) f.Actor = v;
            else if (n.SequenceEqual("actor_id"u8)) f.ActorId = v;
            else if (n.SequenceEqual("action"u8)) f.Action = v;
            else if (n.SequenceEqual("members"u8)) f.Members = v;
            else if (n.SequenceEqual("inviter"u8)) f.Inviter = v;
            else if (n.SequenceEqual("poll"u8)) f.OtherMedia = "poll";
            else if (n.SequenceEqual("location_information"u8) || n.SequenceEqual("place_name"u8)) f.OtherMedia = "location";
            else if (n.SequenceEqual("contact_information"u8)) f.OtherMedia = "contact";
        }
    }

    private long Instant(ref Fields f, Where at)
    {
        if (f.DateUnix.ValueKind != JsonValueKind.Undefined)
        {
            if (!TelegramTime.TryUnixMs(f.DateUnix, out var ms))
            {
                throw Field(at, "date_unixtime", $"'{Clip(f.DateUnix)}' is not a count of seconds since 1970");
            }
            return ms;
        }
        if (f.Date.ValueKind == JsonValueKind.Undefined)
        {
            throw Field(at, "date", "required");
        }
        if (f.Date.ValueKind != JsonValueKind.String || !TelegramTime.TryLocal(f.Date, out var local))
        {
            throw Field(at, "date", $"'{Clip(f.Date)}' is not a Telegram date (2022-06-05T15:42:59)");
        }
        return TimeParsing.LocalToUnixMs(local, _zone);
    }

    private void Message(ref Fields f, long id, long ms, TelegramChat chat, Where at)
    {
        var member = _senders.MemberId(f.From, f.FromId, chat);
        var sourceId = id.ToString(CultureInfo.InvariantCulture);
        string? replyTo = null;
        if (f.ReplyTo.ValueKind == JsonValueKind.Number && f.ReplyToPeer.ValueKind == JsonValueKind.Undefined
            && f.ReplyTo.TryGetInt64(out var target) && !chat.IsTopicRoot(target))
        {
            replyTo = target.ToString(CultureInfo.InvariantCulture);
        }
        var mentions = Mentions(f.TextEntities.ValueKind == JsonValueKind.Array ? f.TextEntities : f.Text);
        sink.Message(chat.CommunityId, null, member, sourceId, ms, Text(f.Text), replyTo, Media(ref f), f.Edited.ValueKind != JsonValueKind.Undefined, mentions);
        if (f.Reactions.ValueKind == JsonValueKind.Array)
        {
            Reactions(ref f, sourceId, ms, chat, at);
        }
    }

    private string? Text(JsonElement text)
    {
        if (text.ValueKind == JsonValueKind.String)
        {
            return text.GetString() is { Length: > 0 } s ? s : null;
        }
        if (text.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        _text.Clear();
        foreach (var part in text.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                _text.Append(part.GetString());
            }
            else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text"u8, out var t) && t.ValueKind == JsonValueKind.String)
            {
                _text.Append(t.GetString());
            }
        }
        return _text.Length == 0 ? null : _text.ToString();
    }

    private static int Mentions(JsonElement parts)
    {
        if (parts.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }
        var count = 0;
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type"u8, out var t)
                && (t.ValueEquals("mention"u8) || t.ValueEquals("mention_name"u8)))
            {
                count++;
            }
        }
        return count;
    }

    private static string? Media(ref Fields f)
    {
        if (f.MediaType.ValueKind == JsonValueKind.String)
        {
            var t = TelegramTime.Raw(f.MediaType);
            return t.SequenceEqual("voice_message"u8) ? "voice"
                : t.SequenceEqual("video_file"u8) ? "video"
                : t.SequenceEqual("audio_file"u8) ? "audio"
                : t.SequenceEqual("sticker"u8) ? "sticker"
                : t.SequenceEqual("animation"u8) ? "animation"
                : t.SequenceEqual("video_message"u8) ? "video_message"
                : f.MediaType.GetString();
        }
        return f.Photo.ValueKind != JsonValueKind.Undefined ? "photo"
            : f.File.ValueKind != JsonValueKind.Undefined ? "file"
            : f.OtherMedia;
    }

    private void Reactions(ref Fields f, string messageId, long messageMs, TelegramChat chat, Where at)
    {
        // Reaction dates are local time only; the message's two clocks give the exporter's offset when it has both.
        long? offsetMs = f.DateUnix.ValueKind != JsonValueKind.Undefined && TelegramTime.TryLocal(f.Date, out var messageLocal)
            ? TelegramTime.AsUtcMs(messageLocal) - messageMs
            : null;
        foreach (var reaction in f.Reactions.EnumerateArray())
        {
            if (reaction.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var emoji = Emoji(reaction);
            var count = reaction.TryGetProperty("count"u8, out var c) && c.TryGetInt32(out var n) ? n : 1;
            var attributed = 0;
            if (reaction.TryGetProperty("recent"u8, out var recent) && recent.ValueKind == JsonValueKind.Array)
            {
                foreach (var who in recent.EnumerateArray())
                {
                    var from = who.TryGetProperty("from"u8, out var fr) ? fr : default;
                    var fromId = who.TryGetProperty("from_id"u8, out var fi) ? fi : default;
                    var (key, display) = TelegramSenders.Key(from, fromId, chat);
                    var when = messageMs;
                    if (who.TryGetProperty("date"u8, out var date))
                    {
                        if (date.ValueKind != JsonValueKind.String || !TelegramTime.TryLocal(date, out var local))
                        {
                            throw Field(at, "reactions.recent.date", $"'{Clip(date)}' is not a Telegram date (2022-06-05T15:42:59)");
                        }
                        when = offsetMs is { } offset ? TelegramTime.AsUtcMs(local) - offset : TimeParsing.LocalToUnixMs(local, _zone);
                    }
                    sink.Reaction(chat.CommunityId, null, chat.Member(key, display), $"{messageId}:{emoji}:{key}", when, messageId, emoji);
                    attributed++;
                }
            }
            for (var i = attributed; i < count; i++)
            {
                sink.Warn($"{at.File}: reactions without the reacting member skipped (Telegram lists only a few recent reactors per emoji)");
            }
        }
    }

    private static string Emoji(JsonElement reaction)
    {
        if (reaction.TryGetProperty("emoji"u8, out var e) && e.ValueKind == JsonValueKind.String)
        {
            return e.GetString()!;
        }
        if (reaction.TryGetProperty("document_id"u8, out var d))
        {
            return "custom:" + (d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText());
        }
        return reaction.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "unknown";
    }

    private void Service(ref Fields f, long id, long ms, TelegramChat chat)
    {
        if (f.Action.ValueKind != JsonValueKind.String)
        {
            return; // custom actions carry only information_text
        }
        var action = TelegramTime.Raw(f.Action);
        var sourcePrefix = id.ToString(CultureInfo.InvariantCulture) + ":";
        if (action.SequenceEqual("create_group"u8) || action.SequenceEqual("invite_members"u8) || action.SequenceEqual("remove_members"u8))
        {
            if (f.Members.ValueKind != JsonValueKind.Array)
            {
                return;
            }
            var kind = action[0] == 'r' ? ActivityKind.Leave : ActivityKind.Join;
            var (actorKey, actorName) = TelegramSenders.Key(f.Actor, f.ActorId, chat);
            var actor = TelegramChat.Side.Of(chat.Member(actorKey, actorName));
            HashSet<string>? seen = null;
            foreach (var m in f.Members.EnumerateArray())
            {
                var name = m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var written = name ?? TelegramChat.DeletedAccount;
                seen ??= new HashSet<string>(StringComparer.Ordinal);
                var sourceId = sourcePrefix + written;
                for (var k = 2; !seen.Add(sourceId); k++)
                {
                    sourceId = $"{sourcePrefix}{written}#{k}";
                }
                // Adding or removing oneself: a plain join (entering a public group) or a self-leave.
                var self = name is not null && name == actorName;
                chat.AddMembership(kind, sourceId, ms, self ? actor : TelegramChat.Side.Named(name), self ? TelegramChat.Side.None : actor, null);
            }
        }
        else if (action.SequenceEqual("join_group_by_link"u8) || action.SequenceEqual("join_group_by_request"u8))
        {
            var (actorKey, actorName) = TelegramSenders.Key(f.Actor, f.ActorId, chat);
            var byLink = action.SequenceEqual("join_group_by_link"u8);
            var inviter = byLink && f.Inviter.ValueKind is JsonValueKind.String or JsonValueKind.Null
                ? TelegramChat.Side.Named(f.Inviter.ValueKind == JsonValueKind.String ? f.Inviter.GetString() : null)
                : TelegramChat.Side.None;
            chat.AddMembership(ActivityKind.Join, sourcePrefix + actorKey, ms, TelegramChat.Side.Of(chat.Member(actorKey, actorName)), inviter, byLink ? "link" : null);
        }
        else if (action.SequenceEqual("topic_created"u8))
        {
            chat.AddTopicRoot(id);
        }
    }

    private static ImportException Field(Where at, string field, string what) => ImportException.Field(at.File, at.Line, field, what);

    private static string Clip(JsonElement value)
    {
        var s = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        return s.Length <= 40 ? s : s[..40] + "…";
    }

    /// <summary>The file and the line the message starts on, for error messages.</summary>
    private readonly record struct Where(string File, long Line);

    private struct Fields
    {
        public JsonElement Id, Type, Date, DateUnix, From, FromId, Text, TextEntities, Edited, ReplyTo, ReplyToPeer, MediaType, Photo, File, Reactions, Actor, ActorId, Action, Members, Inviter;
        public string? OtherMedia;
    }
}
