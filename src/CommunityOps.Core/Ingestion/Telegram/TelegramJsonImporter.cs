using System.Text.Json;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// Telegram Desktop's JSON export (<c>result.json</c>, formats.md 1): a single chat, or a whole account
/// whose <c>chats.list</c> and <c>left_chats.list</c> hold many. The file is streamed: the root and the
/// chat lists token by token, each message read in one pass on its own, so memory stays flat at any size.
/// </summary>
/// <remarks>
/// A chat is a community when people gather in it: groups, supergroups and channels. Personal chats,
/// bot chats, saved messages and the like are one person's conversations, not communities; they are
/// skipped with a counted warning (a full-account export is mostly those).
/// </remarks>
public sealed class TelegramJsonImporter : ChatImporter
{
    private static readonly HashSet<string> CommunityTypes = new(StringComparer.Ordinal)
    {
        "private_group", "private_supergroup", "public_supergroup", "private_channel", "public_channel",
    };

    private static readonly HashSet<string> ChatTypes = new(CommunityTypes, StringComparer.Ordinal)
    {
        "saved_messages", "replies", "verification_codes", "personal_chat", "bot_chat",
    };

    private static readonly HashSet<string> ChatKeys = new(StringComparer.Ordinal) { "name", "type", "id", "messages" };

    public override ImportFormat Format => ImportFormat.Telegram;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head)
    {
        var root = JsonHead.Read(head, head.Length == entry.Length);
        if (root is null || root.Properties.Count == 0)
        {
            return false;
        }
        // Full account: "about" first, then personal_information ... chats, left_chats.
        if (root.Properties[0].Name == "about" && (root.Has("personal_information") || root.Has("chats") || root.Has("left_chats")))
        {
            return true;
        }
        // Single chat: name, type, id, messages; a numeric id with a Telegram chat type, or nothing but those keys.
        if (!long.TryParse(root.Value("id"), out _) || root.Has("guild") || root.Has("community"))
        {
            return false;
        }
        if (root.Value("type") is { } type && ChatTypes.Contains(type))
        {
            return true;
        }
        foreach (var (name, _) in root.Properties)
        {
            if (!ChatKeys.Contains(name))
            {
                return false;
            }
        }
        return root.Has("messages");
    }

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        var messages = new TelegramMessages(sink);
        foreach (var file in files)
        {
            using var stream = new HexEscapeStream(sink.Open(file));
            var json = new StreamingJsonReader(stream, file.DisplayPath);
            json.Expect(JsonTokenType.StartObject, Errors.ExpectedTelegramRoot());
            var chats = ReadChat(json, sink, messages, ct, isRoot: true);
            if (chats == 0)
            {
                throw ImportException.At(file.DisplayPath, 0, Errors.NotTelegramExport());
            }
        }
    }

    /// <summary>
    /// Reads one chat object (the root of a single-chat export, or an element of a chat list) whose
    /// properties are name, type, id, messages; at the root of a full export, descends into the lists.
    /// Returns how many chats (or chat lists) it found.
    /// </summary>
    private static int ReadChat(StreamingJsonReader json, ImportSink sink, TelegramMessages messages, CancellationToken ct, bool isRoot)
    {
        string? name = null, type = null, id = null;
        var found = 0;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (json.ValueTextEquals("messages"u8))
            {
                json.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());
                ReadMessages(json, sink, messages, name, type, id, ct);
                found++;
            }
            else if (isRoot && (json.ValueTextEquals("chats"u8) || json.ValueTextEquals("left_chats"u8)))
            {
                ReadChatList(json, sink, messages, ct);
                found++;
            }
            else if (json.ValueTextEquals("name"u8))
            {
                name = Scalar(json);
            }
            else if (json.ValueTextEquals("type"u8))
            {
                type = Scalar(json);
            }
            else if (json.ValueTextEquals("id"u8))
            {
                id = Scalar(json);
            }
            else
            {
                json.Skip();
            }
        }
        return found;
    }

    private static string? Scalar(StreamingJsonReader json)
    {
        if (!json.Read())
        {
            throw ImportException.At(json.File, json.Line, Errors.InvalidJson(Errors.JsonEndsAfterPropertyName()));
        }
        if (json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            json.Skip();
            return null;
        }
        return json.GetString();
    }

    private static void ReadChatList(StreamingJsonReader json, ImportSink sink, TelegramMessages messages, CancellationToken ct)
    {
        json.Expect(JsonTokenType.StartObject, Errors.ExpectedChatListObject());
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (!json.ValueTextEquals("list"u8))
            {
                json.Skip();
                continue;
            }
            json.Expect(JsonTokenType.StartArray, Errors.ExpectedChatListArray());
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (json.TokenType != JsonTokenType.StartObject)
                {
                    throw ImportException.At(json.File, json.Line, Errors.ExpectedChatObject());
                }
                ReadChat(json, sink, messages, ct, isRoot: false);
            }
        }
    }

    private static void ReadMessages(StreamingJsonReader json, ImportSink sink, TelegramMessages messages, string? name, string? type, string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw ImportException.Field(json.File, json.Line, "id", Errors.ChatIdBeforeMessages());
        }
        if (type is null || !CommunityTypes.Contains(type))
        {
            sink.Warn($"{json.File}: skipped {type ?? "untyped"} chats: only groups, supergroups and channels are communities");
            json.Skip();
            return;
        }
        var chat = new TelegramChat(sink, id, name);
        var count = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.StartObject)
            {
                throw ImportException.At(json.File, json.Line, Errors.ExpectedMessageInMessages());
            }
            var message = json.ParseValue(messages);
            try
            {
                messages.Map(message.Span, chat, json.File, json.Line);
            }
            catch (System.Text.DecoderFallbackException ex)
            {
                throw json.NotUtf8(ex);
            }
            if ((++count & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
        chat.Finish();
    }
}
