using System.Text;
using System.Text.Json;
using CommunityOps.Ingestion.Common;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>Who wrote a Telegram message: the member key from <c>from_id</c>/<c>from</c>, and its member id.</summary>
internal sealed class TelegramSenders
{
    private readonly Dictionary<long, (long MemberId, bool NullName, byte[] Name)> _senders = [];
    private TelegramChat? _sendersOf;

    /// <summary>
    /// The sender's member id, remembered per chat by the raw bytes of from_id and from: most messages
    /// come from someone seen before under the same name, and then cost no strings and no lookups.
    /// </summary>
    public long MemberId(JsonScalar from, JsonScalar fromId, TelegramChat chat)
    {
        if (!ReferenceEquals(_sendersOf, chat))
        {
            _senders.Clear();
            _sendersOf = chat;
        }
        if (!fromId.IsString || !(from.IsString || from.IsNull) || !PackedId(fromId.Bytes, out var packed))
        {
            var (k, d) = Key(from, fromId, chat);
            return chat.Member(k, d);
        }
        // The name as written, escapes unresolved: the same bytes are the same name.
        var name = from.Raw;
        if (_senders.TryGetValue(packed, out var known) && known.NullName == from.IsNull && name.SequenceEqual(known.Name))
        {
            return known.MemberId;
        }
        var (key, display) = Key(from, fromId, chat);
        var id = chat.Member(key, display);
        _senders[packed] = (id, from.IsNull, name.ToArray());
        return id;
    }

    /// <summary>"user123", "channel123", "chat123" as one number: the id times four plus the kind.</summary>
    private static bool PackedId(ReadOnlySpan<byte> id, out long packed)
    {
        packed = 0;
        var kind = id.StartsWith("user"u8) ? 0 : id.StartsWith("channel"u8) ? 1 : id.StartsWith("chat"u8) ? 2 : -1;
        if (kind < 0)
        {
            return false;
        }
        id = id[(kind == 1 ? 7 : 4)..];
        if (!System.Buffers.Text.Utf8Parser.TryParse(id, out long n, out var consumed) || consumed != id.Length || n is < 0 or > (long.MaxValue >> 2))
        {
            return false;
        }
        packed = (n << 2) | (long)kind;
        return true;
    }

    /// <summary>Member key and display name: "user123" from from_id (a number in exports before 2021); a deleted account keeps its id.</summary>
    public static (string Key, string? Display) Key(JsonScalar from, JsonScalar fromId, TelegramChat chat)
    {
        var name = from.IsNull ? TelegramChat.DeletedAccount : from.GetString();
        var key = fromId.Type switch
        {
            JsonTokenType.String => fromId.GetString(),
            JsonTokenType.Number => "user" + Encoding.UTF8.GetString(fromId.Raw),
            _ => null,
        };
        if (string.IsNullOrEmpty(key))
        {
            // Exports before ids existed name the sender only; posts without any sender are the chat's own.
            return name is null ? ("chat" + chat.ChatId, chat.Name) : (TelegramChat.NameKey(name), name);
        }
        return (key, name);
    }
}
