using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityOps.Ingestion.Common;
using CommunityOps.Messages;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// Turns one element of a Telegram chat's <c>messages</c> array into activities (formats.md 1.2-1.4).
/// Each element is read in one pass straight off the stream's buffer (<see cref="Parse"/>): where each
/// property's value lies, the text of a mixed text array and the mentions among the entities; then
/// <see cref="Map"/> turns what was found into activities. Only the rare nested parts, reactions and the
/// member lists of service messages, are parsed again as documents.
/// </summary>
internal sealed class TelegramMessages(ImportSink sink) : IJsonValueParser
{
    private readonly StringBuilder _text = new();
    private readonly TimeZoneInfo _zone = sink.Options.TimeZone;
    private readonly TelegramSenders _senders = new();
    private readonly JsonValueSpan[] _values = new JsonValueSpan[(int)Prop.Count];
    private Fields _f;

    /// <summary>Reads one message object; see <see cref="IJsonValueParser.Parse"/>.</summary>
    public bool Parse(ref Utf8JsonReader reader)
    {
        // The reader stands on the message's '{' (the importer has checked it is an object).
        _f = default;
        Array.Clear(_values);
        _text.Clear();
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }
            var field = Classify(ref reader);
            if (!reader.Read())
            {
                return false;
            }
            var complete = field switch
            {
                Prop.Text when reader.TokenType == JsonTokenType.StartArray => TextParts(ref reader),
                Prop.TextEntities when reader.TokenType == JsonTokenType.StartArray => Entities(ref reader),
                Prop.Other => reader.TrySkip(),
                Prop.Poll => Media(ref reader, "poll"),
                Prop.Location => Media(ref reader, "location"),
                Prop.Contact => Media(ref reader, "contact"),
                _ => Capture(ref reader, field),
            };
            if (!complete)
            {
                return false;
            }
        }
    }

    /// <summary>Maps the message <see cref="Parse"/> read last; <paramref name="bytes"/> are the bytes it read.</summary>
    public void Map(ReadOnlySpan<byte> bytes, TelegramChat chat, string file, long line)
    {
        var at = new Where(file, line);
        var id = V(bytes, Prop.Id);
        if (!id.TryGetInt64(out var messageId))
        {
            throw Field(at, "id", Errors.MessageNeedsNumericId());
        }
        var type = V(bytes, Prop.Type);
        var kind = type.IsString ? type.Bytes : default;
        if (kind.SequenceEqual("unsupported"u8))
        {
            // Stubs for messages this Telegram Desktop could not export; they carry nothing else.
            sink.Warn($"{at.File}: 'unsupported' messages (not exportable by the Telegram Desktop that wrote the file) skipped");
            return;
        }
        var ms = Instant(bytes, at);
        if (kind.SequenceEqual("message"u8))
        {
            Message(bytes, messageId, ms, chat, at);
        }
        else if (kind.SequenceEqual("service"u8))
        {
            Service(bytes, messageId, ms, chat);
        }
        else
        {
            sink.Warn($"{at.File}: messages of unknown type '{type.Text}' skipped");
        }
    }

    private static Prop Classify(ref Utf8JsonReader reader)
    {
        // Property names are never escaped by Telegram Desktop; an escaped one is compared as what it stands for.
        Span<byte> unescaped = stackalloc byte[32];
        var n = JsonScalar.PropertyName(in reader, unescaped);
        // By length first, as JsonlImporter does: a message's eight usual names went through 36 comparisons.
        return n.Length switch
        {
            2 => n.SequenceEqual("id"u8) ? Prop.Id : Prop.Other,
            4 => n.SequenceEqual("type"u8) ? Prop.Type : n.SequenceEqual("date"u8) ? Prop.Date : n.SequenceEqual("from"u8) ? Prop.From
                : n.SequenceEqual("text"u8) ? Prop.Text : n.SequenceEqual("file"u8) ? Prop.File : n.SequenceEqual("poll"u8) ? Prop.Poll : Prop.Other,
            5 => n.SequenceEqual("photo"u8) ? Prop.Photo : n.SequenceEqual("actor"u8) ? Prop.Actor : Prop.Other,
            6 => n.SequenceEqual("edited"u8) ? Prop.Edited : n.SequenceEqual("action"u8) ? Prop.Action : Prop.Other,
            7 => n.SequenceEqual("from_id"u8) ? Prop.FromId : n.SequenceEqual("members"u8) ? Prop.Members : n.SequenceEqual("inviter"u8) ? Prop.Inviter : Prop.Other,
            8 => n.SequenceEqual("actor_id"u8) ? Prop.ActorId : Prop.Other,
            9 => n.SequenceEqual("reactions"u8) ? Prop.Reactions : Prop.Other,
            10 => n.SequenceEqual("media_type"u8) ? Prop.MediaType : n.SequenceEqual("place_name"u8) ? Prop.Location : Prop.Other,
            13 => n.SequenceEqual("date_unixtime"u8) ? Prop.DateUnix : n.SequenceEqual("text_entities"u8) ? Prop.TextEntities : Prop.Other,
            16 => n.SequenceEqual("reply_to_peer_id"u8) ? Prop.ReplyToPeer : Prop.Other,
            19 => n.SequenceEqual("reply_to_message_id"u8) ? Prop.ReplyTo : n.SequenceEqual("contact_information"u8) ? Prop.Contact : Prop.Other,
            20 => n.SequenceEqual("location_information"u8) ? Prop.Location : Prop.Other,
            _ => Prop.Other,
        };
    }

    /// <summary>Notes where a value lies (a whole object or array is skipped over); false when the bytes ran out.</summary>
    private bool Capture(ref Utf8JsonReader reader, Prop field)
    {
        JsonValueSpan value;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var (type, start) = (reader.TokenType, (int)reader.TokenStartIndex);
            if (!reader.TrySkip())
            {
                return false;
            }
            value = new JsonValueSpan(type, start, (int)reader.BytesConsumed - start, false);
        }
        else
        {
            value = JsonValueSpan.Scalar(ref reader);
        }
        // A repeated property: the last one counts, as it would in a parsed document.
        _values[(int)field] = value;
        if (field == Prop.Text)
        {
            _f.TextMentions = 0;
        }
        else if (field == Prop.TextEntities)
        {
            _f.EntitiesAreParts = false;
            _f.EntityMentions = 0;
        }
        return true;
    }

    private bool Media(ref Utf8JsonReader reader, string media)
    {
        _f.OtherMedia = media;
        return reader.TrySkip();
    }

    /// <summary>
    /// A mixed text array ["plain ", {"type": "mention", "text": "@x"}, ...]: the text is its strings and
    /// its objects' "text", joined, and its mentions are counted in case there are no text_entities.
    /// </summary>
    private bool TextParts(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        _text.Clear();
        _f.TextMentions = 0;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    _values[(int)Prop.Text] = new JsonValueSpan(JsonTokenType.StartArray, start, (int)reader.BytesConsumed - start, false);
                    return true;
                case JsonTokenType.String:
                    Append(ref reader);
                    break;
                case JsonTokenType.StartObject:
                    if (!Part(ref reader, text: true, ref _f.TextMentions))
                    {
                        return false;
                    }
                    break;
                case JsonTokenType.StartArray:
                    if (!reader.TrySkip())
                    {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>text_entities: [{"type": "plain", "text": ...}, {"type": "mention", ...}]; only mentions matter.</summary>
    private bool Entities(ref Utf8JsonReader reader)
    {
        _f.EntitiesAreParts = true;
        _f.EntityMentions = 0;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }
            var complete = reader.TokenType switch
            {
                JsonTokenType.StartObject => Part(ref reader, text: false, ref _f.EntityMentions),
                JsonTokenType.StartArray => reader.TrySkip(),
                _ => true,
            };
            if (!complete)
            {
                return false;
            }
        }
    }

    /// <summary>One object of a text or entity array: counts it when its type is a mention, and appends its text when asked.</summary>
    private bool Part(ref Utf8JsonReader reader, bool text, ref int mentions)
    {
        var mention = false;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (mention)
                {
                    mentions++;
                }
                return true;
            }
            var isType = reader.ValueTextEquals("type"u8);
            var isText = text && !isType && reader.ValueTextEquals("text"u8);
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (!reader.TrySkip())
                {
                    return false;
                }
                if (isType)
                {
                    mention = false;
                }
            }
            else if (isType)
            {
                mention = reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("mention"u8) || reader.ValueTextEquals("mention_name"u8));
            }
            else if (isText && reader.TokenType == JsonTokenType.String)
            {
                Append(ref reader);
            }
        }
    }

    private void Append(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            _text.Append(reader.GetString());
            return;
        }
        var utf8 = reader.ValueSpan;
        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            var n = JsonScalar.StrictUtf8.GetChars(utf8, chars);
            _text.Append(chars[..n]);
        }
        else
        {
            _text.Append(JsonScalar.StrictUtf8.GetString(utf8));
        }
    }

    /// <summary>The value of a property of the message read last, in its bytes.</summary>
    private JsonScalar V(ReadOnlySpan<byte> bytes, Prop property) => _values[(int)property].In(bytes);

    private JsonValueSpan At(Prop property) => _values[(int)property];

    private long Instant(ReadOnlySpan<byte> bytes, Where at)
    {
        var unix = V(bytes, Prop.DateUnix);
        if (unix.IsPresent)
        {
            if (!TelegramTime.TryUnixMs(unix, out var ms))
            {
                throw Field(at, "date_unixtime", Errors.NotUnixSeconds(Clip(unix)));
            }
            return ms;
        }
        var date = V(bytes, Prop.Date);
        if (!date.IsPresent)
        {
            throw Field(at, "date", Errors.Required());
        }
        if (!TelegramTime.TryLocal(date, out var local))
        {
            throw Field(at, "date", Errors.NotTelegramDate(Clip(date)));
        }
        return TimeParsing.LocalToUnixMs(local, _zone);
    }

    private void Message(ReadOnlySpan<byte> bytes, long id, long ms, TelegramChat chat, Where at)
    {
        var member = _senders.MemberId(V(bytes, Prop.From), V(bytes, Prop.FromId), chat);
        var sourceId = id.ToString(CultureInfo.InvariantCulture);
        string? replyTo = null;
        if (V(bytes, Prop.ReplyTo).TryGetInt64(out var target) && !At(Prop.ReplyToPeer).IsPresent && !chat.IsTopicRoot(target))
        {
            replyTo = target.ToString(CultureInfo.InvariantCulture);
        }
        var mentions = _f.EntitiesAreParts ? _f.EntityMentions : _f.TextMentions;
        sink.Message(chat.CommunityId, null, member, sourceId, ms, Text(bytes), replyTo, Media(bytes), At(Prop.Edited).IsPresent, mentions);
        if (At(Prop.Reactions).Type == JsonTokenType.StartArray)
        {
            Reactions(bytes, sourceId, ms, chat, at);
        }
    }

    private string? Text(ReadOnlySpan<byte> bytes)
    {
        if (At(Prop.Text).Type == JsonTokenType.String)
        {
            return V(bytes, Prop.Text).GetString() is { Length: > 0 } s ? s : null;
        }
        return At(Prop.Text).Type != JsonTokenType.StartArray || _text.Length == 0 ? null : _text.ToString();
    }

    private string? Media(ReadOnlySpan<byte> bytes)
    {
        var mediaType = V(bytes, Prop.MediaType);
        if (mediaType.IsString)
        {
            var t = mediaType.Bytes;
            return t.SequenceEqual("voice_message"u8) ? "voice"
                : t.SequenceEqual("video_file"u8) ? "video"
                : t.SequenceEqual("audio_file"u8) ? "audio"
                : t.SequenceEqual("sticker"u8) ? "sticker"
                : t.SequenceEqual("animation"u8) ? "animation"
                : t.SequenceEqual("video_message"u8) ? "video_message"
                : mediaType.GetString();
        }
        return At(Prop.Photo).IsPresent ? "photo"
            : At(Prop.File).IsPresent ? "file"
            : _f.OtherMedia;
    }

    private void Reactions(ReadOnlySpan<byte> bytes, string messageId, long messageMs, TelegramChat chat, Where at)
    {
        // Reaction dates are local time only; the message's two clocks give the exporter's offset when it has both.
        long? offsetMs = At(Prop.DateUnix).IsPresent && TelegramTime.TryLocal(V(bytes, Prop.Date), out var messageLocal)
            ? TelegramTime.AsUtcMs(messageLocal) - messageMs
            : null;
        // About one message in a hundred has reactions: parsed as a document, as nested as they are.
        using var document = JsonDocument.Parse(V(bytes, Prop.Reactions).Raw.ToArray());
        foreach (var reaction in document.RootElement.EnumerateArray())
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
                    var (key, display) = TelegramSenders.Key(JsonScalar.Of(from), JsonScalar.Of(fromId), chat);
                    var when = messageMs;
                    if (who.TryGetProperty("date"u8, out var d))
                    {
                        var date = JsonScalar.Of(d);
                        if (!TelegramTime.TryLocal(date, out var local))
                        {
                            throw Field(at, "reactions.recent.date", Errors.NotTelegramDate(Clip(date)));
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
            return JsonScalar.Of(e).GetString()!;
        }
        if (reaction.TryGetProperty("document_id"u8, out var d))
        {
            return "custom:" + JsonScalar.Of(d).Text;
        }
        return reaction.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String ? JsonScalar.Of(t).GetString()! : "unknown";
    }

    private void Service(ReadOnlySpan<byte> bytes, long id, long ms, TelegramChat chat)
    {
        var actionValue = V(bytes, Prop.Action);
        if (!actionValue.IsString)
        {
            return; // custom actions carry only information_text
        }
        var action = actionValue.Bytes;
        var sourcePrefix = id.ToString(CultureInfo.InvariantCulture) + ":";
        if (action.SequenceEqual("create_group"u8) || action.SequenceEqual("invite_members"u8) || action.SequenceEqual("remove_members"u8))
        {
            if (At(Prop.Members).Type != JsonTokenType.StartArray)
            {
                return;
            }
            var kind = action[0] == 'r' ? ActivityKind.Leave : ActivityKind.Join;
            var (actorKey, actorName) = TelegramSenders.Key(V(bytes, Prop.Actor), V(bytes, Prop.ActorId), chat);
            var actor = TelegramChat.Side.Of(chat.Member(actorKey, actorName));
            HashSet<string>? seen = null;
            using var members = JsonDocument.Parse(V(bytes, Prop.Members).Raw.ToArray());
            foreach (var m in members.RootElement.EnumerateArray())
            {
                var name = JsonScalar.Of(m).GetString();
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
            var (actorKey, actorName) = TelegramSenders.Key(V(bytes, Prop.Actor), V(bytes, Prop.ActorId), chat);
            var byLink = action.SequenceEqual("join_group_by_link"u8);
            var inviterValue = V(bytes, Prop.Inviter);
            var inviter = byLink && (inviterValue.IsString || inviterValue.IsNull)
                ? TelegramChat.Side.Named(inviterValue.GetString())
                : TelegramChat.Side.None;
            chat.AddMembership(ActivityKind.Join, sourcePrefix + actorKey, ms, TelegramChat.Side.Of(chat.Member(actorKey, actorName)), inviter, byLink ? "link" : null);
        }
        else if (action.SequenceEqual("topic_created"u8))
        {
            chat.AddTopicRoot(id);
        }
    }

    private static ImportException Field(Where at, string field, ErrorText what) => ImportException.Field(at.File, at.Line, field, what);

    private static string Clip(JsonScalar value)
    {
        var s = value.Text;
        return s.Length <= 40 ? s : s[..40] + "…";
    }

    /// <summary>The file and the line the message starts on, for error messages.</summary>
    private readonly record struct Where(string File, long Line);

    private enum Prop
    {
        Other, Id, Type, Date, DateUnix, From, FromId, Text, TextEntities, Edited, ReplyTo, ReplyToPeer, MediaType,
        Photo, File, Reactions, Actor, ActorId, Action, Members, Inviter, Poll, Location, Contact,
        Count,
    }

    /// <summary>What a message holds besides where its properties lie.</summary>
    private struct Fields
    {
        public string? OtherMedia;

        // Mentions among text_entities when it is an array, else among the parts of a mixed text array.
        public bool EntitiesAreParts;
        public int EntityMentions, TextMentions;
    }
}
