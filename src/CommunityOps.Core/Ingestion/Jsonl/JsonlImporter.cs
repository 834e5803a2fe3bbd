using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityOps.Communities;
using CommunityOps.Ingestion.Common;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.Jsonl;

/// <summary>
/// CommunityOps JSONL (docs/formats.md): one event object per line, for everything without an
/// exporter of its own and for live feeds. Parsed straight from UTF-8 without building a document.
/// </summary>
public sealed class JsonlImporter : ChatImporter
{
    public override ImportFormat Format => ImportFormat.Jsonl;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head)
    {
        var whole = head.Length == entry.Length;
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        head = head.TrimStart(" \t\r\n"u8);
        if (head.Length == 0 || head[0] != '{')
        {
            return false;
        }
        var nl = head.IndexOf((byte)'\n');
        var first = nl >= 0 ? head[..nl] : head;
        // Read as JSON rather than searched for bytes: a writer may spell "type" as "\u0074ype".
        var names = JsonHead.Read(first, complete: nl >= 0 || whole);
        return names is not null && names.Has("type") && names.Has("community");
    }

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        foreach (var file in files)
        {
            using var stream = sink.Open(file);
            var lines = new Utf8LineReader(stream);
            var line = new LineEvent();
            while (lines.TryReadLine(out var bytes))
            {
                if (bytes.Trim(" \t"u8).Length == 0)
                {
                    continue;
                }
                if ((lines.LineNumber & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                line.Clear();
                try
                {
                    Parse(bytes, line);
                }
                catch (JsonException ex)
                {
                    throw ImportException.At(file.DisplayPath, lines.LineNumber, $"invalid JSON ({Short(ex)})", ex);
                }
                catch (InvalidOperationException ex)
                {
                    throw ImportException.At(file.DisplayPath, lines.LineNumber, $"invalid JSON ({ex.Message})", ex);
                }
                Store(line, file.DisplayPath, lines.LineNumber, sink);
            }
        }
    }

    private static string Short(JsonException ex) => ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];

    private static void Parse(ReadOnlySpan<byte> bytes, LineEvent e)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected one JSON object per line");
        }
        Span<byte> unescaped = stackalloc byte[MaxNameBytes];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(in reader, unescaped);
            reader.Read();
            switch (name)
            {
                case var n when n.SequenceEqual("type"u8): e.Type = Text(ref reader); break;
                case var n when n.SequenceEqual("community"u8): e.Community = Text(ref reader); break;
                case var n when n.SequenceEqual("community_name"u8): e.CommunityName = Text(ref reader); break;
                case var n when n.SequenceEqual("platform"u8): e.Platform = Text(ref reader); break;
                case var n when n.SequenceEqual("time_zone"u8): e.TimeZone = Text(ref reader); break;
                case var n when n.SequenceEqual("channel"u8): e.Channel = Text(ref reader); break;
                case var n when n.SequenceEqual("channel_name"u8): e.ChannelName = Text(ref reader); break;
                case var n when n.SequenceEqual("id"u8): e.Id = Text(ref reader); break;
                case var n when n.SequenceEqual("member"u8): e.Member = Text(ref reader); break;
                case var n when n.SequenceEqual("member_name"u8): e.MemberName = Text(ref reader); break;
                case var n when n.SequenceEqual("is_staff"u8): e.IsStaff = Bool(ref reader); break;
                case var n when n.SequenceEqual("is_bot"u8): e.IsBot = Bool(ref reader); break;
                case var n when n.SequenceEqual("time"u8): e.TimeRaw = Text(ref reader); e.Time = ParseTime(ref reader); break;
                case var n when n.SequenceEqual("text"u8): e.Text = Text(ref reader); break;
                case var n when n.SequenceEqual("reply_to"u8): e.ReplyTo = Text(ref reader); break;
                case var n when n.SequenceEqual("message"u8): e.Message = Text(ref reader); break;
                case var n when n.SequenceEqual("emoji"u8): e.Emoji = Text(ref reader); break;
                case var n when n.SequenceEqual("inviter"u8): e.Inviter = Text(ref reader); break;
                case var n when n.SequenceEqual("invite_link"u8): e.InviteLink = Text(ref reader); break;
                case var n when n.SequenceEqual("removed_by"u8): e.RemovedBy = Text(ref reader); break;
                case var n when n.SequenceEqual("media"u8): e.Media = Text(ref reader); break;
                case var n when n.SequenceEqual("edited"u8): e.Edited = Bool(ref reader); break;
                case var n when n.SequenceEqual("mentions"u8): e.Mentions = Mentions(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("the object is not closed");
        }
        if (reader.Read())
        {
            throw new JsonException("more than one value on the line");
        }
    }

    private const int MaxNameBytes = 64;

    /// <summary>
    /// The property name as the bytes it stands for: JSON lets a writer spell any character as \uXXXX
    /// ("\u0074ime" is "time"). A name longer than any we know is returned as written and matches nothing.
    /// </summary>
    private static ReadOnlySpan<byte> Name(in Utf8JsonReader reader, Span<byte> buffer)
    {
        if (!reader.ValueIsEscaped || reader.ValueSpan.Length > buffer.Length)
        {
            return reader.ValueSpan;
        }
        return buffer[..reader.CopyString(buffer)];
    }

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => SkipAndNull(ref reader),
    };

    private static string? SkipAndNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static bool Bool(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.True;

    private static int Mentions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt32(out var n) ? n : 0;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }
        return count;
    }

    /// <summary>RFC 3339 with a required offset; null when the value is not one (reported by the caller).</summary>
    private static long? ParseTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }
        if (!reader.ValueIsEscaped)
        {
            return ParseTime(reader.ValueSpan, in reader);
        }
        // "2026-01-05T20:31:00\u002B08:00" is the same time as "...+08:00": judge what the escapes stand
        // for. The unescaped bytes are quoted again for a reader of their own, which then parses exactly as
        // an unescaped value would; a time never holds a quote, backslash or control character.
        if (reader.ValueSpan.Length > MaxTimeBytes)
        {
            return null;
        }
        Span<byte> quoted = stackalloc byte[MaxTimeBytes + 2];
        var n = reader.CopyString(quoted[1..]);
        var value = quoted.Slice(1, n);
        foreach (var b in value)
        {
            if (b is (byte)'"' or (byte)'\\' or < 0x20)
            {
                return null;
            }
        }
        quoted[0] = quoted[n + 1] = (byte)'"';
        var plain = new Utf8JsonReader(quoted[..(n + 2)]);
        plain.Read();
        return ParseTime(value, in plain);
    }

    private const int MaxTimeBytes = 64;

    private static long? ParseTime(ReadOnlySpan<byte> raw, in Utf8JsonReader reader)
    {
        if (raw.Length < 20 || raw[10] is not ((byte)'T' or (byte)'t' or (byte)' '))
        {
            return null;
        }
        var tail = raw[19..];
        var hasOffset = tail.IndexOfAny("Zz+-"u8) >= 0;
        if (!hasOffset)
        {
            return null;
        }
        return reader.TryGetDateTimeOffset(out var dto) ? dto.ToUnixTimeMilliseconds() : null;
    }

    private static void Store(LineEvent e, string file, long line, ImportSink sink)
    {
        if (string.IsNullOrEmpty(e.Type))
        {
            throw ImportException.Field(file, line, "type", "required (message, join, leave or reaction)");
        }
        var kind = e.Type switch
        {
            "message" => ActivityKind.Message,
            "join" => ActivityKind.Join,
            "leave" => ActivityKind.Leave,
            "reaction" => ActivityKind.Reaction,
            _ => (ActivityKind)0,
        };
        if (kind == 0)
        {
            sink.Warn($"{file}: unknown type '{e.Type}' skipped");
            return;
        }
        if (string.IsNullOrEmpty(e.Community))
        {
            throw ImportException.Field(file, line, "community", "required");
        }
        if (string.IsNullOrEmpty(e.Member))
        {
            throw ImportException.Field(file, line, "member", "required");
        }
        if (e.TimeRaw is null)
        {
            throw ImportException.Field(file, line, "time", "required");
        }
        if (e.Time is not { } ms)
        {
            throw ImportException.Field(file, line, "time", $"'{Clip(e.TimeRaw)}' is not an RFC 3339 time with an offset (2026-01-05T20:31:00+08:00)");
        }
        if (e.TimeZone is not null)
        {
            TimeZoneOrThrow(e.TimeZone, file, line);
        }
        var community = sink.Community(e.Platform ?? Platform.Other, e.Community, e.CommunityName ?? e.Community, e.TimeZone);
        long? channel = string.IsNullOrEmpty(e.Channel) ? null : sink.Channel(community, e.Channel, e.ChannelName ?? e.Channel);
        var member = sink.Member(community, e.Member, e.MemberName, e.IsStaff, e.IsBot);
        switch (kind)
        {
            case ActivityKind.Message:
                if (string.IsNullOrEmpty(e.Id))
                {
                    throw ImportException.Field(file, line, "id", "required on a message");
                }
                sink.Message(community, channel, member, e.Id, ms, e.Text, e.ReplyTo, e.Media, e.Edited, e.Mentions);
                break;
            case ActivityKind.Join:
                long? inviter = string.IsNullOrEmpty(e.Inviter) ? null : sink.Member(community, e.Inviter, null);
                sink.Join(community, channel, member, e.Id ?? $"join:{e.Member}:{ms.ToString(CultureInfo.InvariantCulture)}", ms, inviter, e.InviteLink);
                break;
            case ActivityKind.Leave:
                long? remover = string.IsNullOrEmpty(e.RemovedBy) ? null : sink.Member(community, e.RemovedBy, null);
                sink.Leave(community, channel, member, e.Id ?? $"leave:{e.Member}:{ms.ToString(CultureInfo.InvariantCulture)}", ms, remover);
                break;
            default:
                if (string.IsNullOrEmpty(e.Message))
                {
                    throw ImportException.Field(file, line, "message", "required on a reaction");
                }
                if (string.IsNullOrEmpty(e.Emoji))
                {
                    throw ImportException.Field(file, line, "emoji", "required on a reaction");
                }
                sink.Reaction(community, channel, member, e.Id ?? $"{e.Message}:{e.Member}:{e.Emoji}", ms, e.Message, e.Emoji);
                break;
        }
    }

    private static void TimeZoneOrThrow(string id, string file, long line)
    {
        try
        {
            TimeParsing.FindZone(id);
        }
        catch (CommunityOpsException ex)
        {
            throw ImportException.Field(file, line, "time_zone", ex.Message, ex);
        }
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private sealed class LineEvent
    {
        public string? Type, Community, CommunityName, Platform, TimeZone, Channel, ChannelName, Id, Member, MemberName, TimeRaw, Text, ReplyTo, Message, Emoji, Inviter, InviteLink, RemovedBy, Media;
        public bool IsStaff, IsBot, Edited;
        public long? Time;
        public int Mentions;

        public void Clear()
        {
            Type = Community = CommunityName = Platform = TimeZone = Channel = ChannelName = Id = Member = MemberName = TimeRaw = Text = ReplyTo = Message = Emoji = Inviter = InviteLink = RemovedBy = Media = null;
            IsStaff = IsBot = Edited = false;
            Time = null;
            Mentions = 0;
        }
    }
}
