using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CommunityOps.Communities;
using CommunityOps.Ingestion.Common;
using CommunityOps.Messages;
using CommunityOps.Resources;

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
            var senders = new Senders();
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
                catch (LineShapeException ex)
                {
                    throw ImportException.At(file.DisplayPath, lines.LineNumber, Errors.InvalidJson(ex.Text), ex);
                }
                catch (JsonException ex)
                {
                    throw ImportException.At(file.DisplayPath, lines.LineNumber, Errors.InvalidJson(Short(ex)), ex);
                }
                catch (InvalidOperationException ex)
                {
                    throw ImportException.At(file.DisplayPath, lines.LineNumber, Errors.InvalidJson(ex.Message), ex);
                }
                try
                {
                    Store(line, bytes, file.DisplayPath, lines.LineNumber, sink, senders);
                }
                catch (DecoderFallbackException ex)
                {
                    throw ImportException.NotUtf8(file.DisplayPath, lines.LineNumber, ex);
                }
            }
        }
    }

    private static string Short(JsonException ex) => ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];

    /// <summary>A line that is JSON but not one object; it says so in our words, which are translated.</summary>
    private sealed class LineShapeException(ErrorText text) : JsonException(text.ToString())
    {
        public ErrorText Text { get; } = text;
    }

    private static void Parse(ReadOnlySpan<byte> bytes, LineEvent e)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LineShapeException(Errors.JsonOneObjectPerLine());
        }
        Span<byte> unescaped = stackalloc byte[MaxNameBytes];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Classify(JsonScalar.PropertyName(in reader, unescaped));
            reader.Read();
            switch (field)
            {
                case Field.Type: e.Type = Keep(ref reader); break;
                case Field.Community: e.Community = Keep(ref reader); break;
                case Field.CommunityName: e.CommunityName = Text(ref reader); break;
                case Field.Platform: e.Platform = Keep(ref reader); break;
                case Field.TimeZone: e.TimeZone = Text(ref reader); break;
                case Field.Channel: e.Channel = Text(ref reader); break;
                case Field.ChannelName: e.ChannelName = Text(ref reader); break;
                case Field.Id: e.Id = Text(ref reader); break;
                case Field.Member: e.Member = Keep(ref reader); break;
                case Field.MemberName: e.MemberName = Keep(ref reader); break;
                case Field.IsStaff: e.IsStaff = Bool(ref reader); break;
                case Field.IsBot: e.IsBot = Bool(ref reader); break;
                case Field.Time: e.TimeRaw = Keep(ref reader); e.Time = ParseTime(ref reader); break;
                case Field.Text: e.Text = Text(ref reader); break;
                case Field.ReplyTo: e.ReplyTo = Text(ref reader); break;
                case Field.Message: e.Message = Text(ref reader); break;
                case Field.Emoji: e.Emoji = Text(ref reader); break;
                case Field.Inviter: e.Inviter = Text(ref reader); break;
                case Field.InviteLink: e.InviteLink = Text(ref reader); break;
                case Field.RemovedBy: e.RemovedBy = Text(ref reader); break;
                case Field.Media: e.Media = Text(ref reader); break;
                case Field.Edited: e.Edited = Bool(ref reader); break;
                case Field.Mentions: e.Mentions = Mentions(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new LineShapeException(Errors.JsonObjectNotClosed());
        }
        if (reader.Read())
        {
            throw new LineShapeException(Errors.JsonMoreThanOneValue());
        }
    }

    private const int MaxNameBytes = 64;

    private enum Field
    {
        Unknown, Type, Community, CommunityName, Platform, TimeZone, Channel, ChannelName, Id, Member, MemberName, IsStaff, IsBot,
        Time, Text, ReplyTo, Message, Emoji, Inviter, InviteLink, RemovedBy, Media, Edited, Mentions,
    }

    /// <summary>
    /// The field a property name stands for, found by its length first: comparing each name with all 23
    /// in turn cost about 0.2 s of CPU per million lines (docs/benchmarks.md, session 5).
    /// </summary>
    // Per row: compiled optimized at the first call, for the reason PostgresCopyRows gives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Field Classify(ReadOnlySpan<byte> n) => n.Length switch
    {
        2 => n.SequenceEqual("id"u8) ? Field.Id : Field.Unknown,
        4 => n.SequenceEqual("type"u8) ? Field.Type : n.SequenceEqual("time"u8) ? Field.Time : n.SequenceEqual("text"u8) ? Field.Text : Field.Unknown,
        5 => n.SequenceEqual("emoji"u8) ? Field.Emoji : n.SequenceEqual("media"u8) ? Field.Media : Field.Unknown,
        6 => n.SequenceEqual("member"u8) ? Field.Member : n.SequenceEqual("is_bot"u8) ? Field.IsBot : n.SequenceEqual("edited"u8) ? Field.Edited : Field.Unknown,
        7 => n.SequenceEqual("channel"u8) ? Field.Channel : n.SequenceEqual("message"u8) ? Field.Message : n.SequenceEqual("inviter"u8) ? Field.Inviter : Field.Unknown,
        8 => n.SequenceEqual("platform"u8) ? Field.Platform : n.SequenceEqual("is_staff"u8) ? Field.IsStaff
            : n.SequenceEqual("reply_to"u8) ? Field.ReplyTo : n.SequenceEqual("mentions"u8) ? Field.Mentions : Field.Unknown,
        9 => n.SequenceEqual("community"u8) ? Field.Community : n.SequenceEqual("time_zone"u8) ? Field.TimeZone : Field.Unknown,
        10 => n.SequenceEqual("removed_by"u8) ? Field.RemovedBy : Field.Unknown,
        11 => n.SequenceEqual("member_name"u8) ? Field.MemberName : n.SequenceEqual("invite_link"u8) ? Field.InviteLink : Field.Unknown,
        12 => n.SequenceEqual("channel_name"u8) ? Field.ChannelName : Field.Unknown,
        14 => n.SequenceEqual("community_name"u8) ? Field.CommunityName : Field.Unknown,
        _ => Field.Unknown,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => SkipAndNull(ref reader),
    };

    /// <summary>
    /// Where a value lies in the line, read as <see cref="Text"/> would read it only when needed: most
    /// lines name a community and member seen before, and then need neither as a string (<see cref="Senders"/>).
    /// </summary>
    private static JsonValueSpan Keep(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            return new JsonValueSpan(JsonTokenType.Null, 0, 0, false);
        }
        return JsonValueSpan.Scalar(ref reader);
    }

    /// <summary>What <see cref="Text"/> would have made of a kept value: null when absent, null or a container.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? Text(ReadOnlySpan<byte> line, JsonValueSpan tok) => tok.Type switch
    {
        JsonTokenType.String or JsonTokenType.Number => tok.In(line).Text,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Store(LineEvent e, ReadOnlySpan<byte> bytes, string file, long line, ImportSink sink, Senders senders)
    {
        var kind = Kind(e.Type, bytes);
        if (kind == 0)
        {
            if (Text(bytes, e.Type) is not { Length: > 0 } type)
            {
                throw ImportException.Field(file, line, "type", Errors.RequiredActivityType());
            }
            sink.Warn($"{file}: unknown type '{type}' skipped");
            return;
        }
        if (!Present(e.Community))
        {
            throw ImportException.Field(file, line, "community", Errors.Required());
        }
        if (!Present(e.Member))
        {
            throw ImportException.Field(file, line, "member", Errors.Required());
        }
        if (e.TimeRaw.Type is JsonTokenType.None or JsonTokenType.Null)
        {
            throw ImportException.Field(file, line, "time", Errors.Required());
        }
        if (e.Time is not { } ms)
        {
            throw ImportException.Field(file, line, "time", Errors.NotRfc3339Time(Clip(Text(bytes, e.TimeRaw) ?? "null")));
        }
        if (e.TimeZone is not null)
        {
            TimeZoneOrThrow(e.TimeZone, file, line);
        }
        var memberSourceId = (string?)null;
        if (!senders.TryFind(e, bytes, out var community, out var member))
        {
            var communitySourceId = Text(bytes, e.Community)!;
            community = sink.Community(Text(bytes, e.Platform) ?? Platform.Other, communitySourceId, e.CommunityName ?? communitySourceId, e.TimeZone);
            memberSourceId = Text(bytes, e.Member)!;
            member = sink.Member(community, memberSourceId, Text(bytes, e.MemberName), e.IsStaff, e.IsBot);
            senders.Remember(e, bytes, community, member);
        }
        long? channel = string.IsNullOrEmpty(e.Channel) ? null : sink.Channel(community, e.Channel, e.ChannelName ?? e.Channel);
        switch (kind)
        {
            case ActivityKind.Message:
                if (string.IsNullOrEmpty(e.Id))
                {
                    throw ImportException.Field(file, line, "id", Errors.RequiredOnMessage());
                }
                sink.Message(community, channel, member, e.Id, ms, e.Text, e.ReplyTo, e.Media, e.Edited, e.Mentions);
                break;
            case ActivityKind.Join:
                long? inviter = string.IsNullOrEmpty(e.Inviter) ? null : sink.Member(community, e.Inviter, null);
                sink.Join(community, channel, member, e.Id ?? $"join:{memberSourceId ?? Text(bytes, e.Member)}:{ms.ToString(CultureInfo.InvariantCulture)}", ms, inviter, e.InviteLink);
                break;
            case ActivityKind.Leave:
                long? remover = string.IsNullOrEmpty(e.RemovedBy) ? null : sink.Member(community, e.RemovedBy, null);
                sink.Leave(community, channel, member, e.Id ?? $"leave:{memberSourceId ?? Text(bytes, e.Member)}:{ms.ToString(CultureInfo.InvariantCulture)}", ms, remover);
                break;
            default:
                if (string.IsNullOrEmpty(e.Message))
                {
                    throw ImportException.Field(file, line, "message", Errors.RequiredOnReaction());
                }
                if (string.IsNullOrEmpty(e.Emoji))
                {
                    throw ImportException.Field(file, line, "emoji", Errors.RequiredOnReaction());
                }
                sink.Reaction(community, channel, member, e.Id ?? $"{e.Message}:{memberSourceId ?? Text(bytes, e.Member)}:{e.Emoji}", ms, e.Message, e.Emoji);
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
            throw ImportException.Field(file, line, "time_zone", ex.Text, ex);
        }
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>A kept value that <see cref="Text"/> reads as a non-empty string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Present(JsonValueSpan tok) => tok.Type is JsonTokenType.True or JsonTokenType.False
        || (tok.Type is JsonTokenType.String or JsonTokenType.Number && tok.Length > 0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ActivityKind Kind(JsonValueSpan type, ReadOnlySpan<byte> line)
    {
        if (type.Type != JsonTokenType.String)
        {
            return 0;
        }
        var raw = type.In(line).Bytes;
        return raw.SequenceEqual("message"u8) ? ActivityKind.Message
            : raw.SequenceEqual("join"u8) ? ActivityKind.Join
            : raw.SequenceEqual("leave"u8) ? ActivityKind.Leave
            : raw.SequenceEqual("reaction"u8) ? ActivityKind.Reaction
            : 0;
    }

    /// <summary>
    /// The community and member of each (platform, community, member) seen in this file, by the bytes they
    /// were written with, with the display name and flags they last came with. A line that repeats them
    /// has nothing new for <see cref="ImportSink.Community"/> or <see cref="ImportSink.Member"/> to record,
    /// so it needs no strings and no lookups by string; those were a sixth of a JSONL import's parsing.
    /// Anything else (a new name, a flag turning on, another spelling of the same id) goes to the sink,
    /// which decides as before, and is remembered from then on.
    /// </summary>
    private sealed class Senders
    {
        // Entries are structs whose bytes (the key, then the name) lie in one array: a lookup touches the
        // dictionary's arrays and one place in _bytes, not an entry object and two arrays of its own. With
        // entry objects the lookup was 18% of the parse's CPU samples (cache misses, 8,000 senders); now 12%.
        private readonly Dictionary<int, Entry> _entries = [];
        private byte[] _bytes = new byte[1 << 16];
        private int _used;
        private byte[] _key = new byte[256];
        private int _keyLength;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool TryFind(LineEvent e, ReadOnlySpan<byte> line, out long community, out long member)
        {
            (community, member) = (0, 0);
            if (!Key(e, line) || !_entries.TryGetValue(Hash(), out var entry)
                || !_bytes.AsSpan(entry.Offset, entry.KeyLength).SequenceEqual(_key.AsSpan(0, _keyLength)))
            {
                return false;
            }
            var name = Name(e, line, out var hasName);
            if ((hasName && !(entry.NameLength >= 0 && name.SequenceEqual(_bytes.AsSpan(entry.Offset + entry.KeyLength, entry.NameLength))))
                || (e.IsStaff && !entry.IsStaff) || (e.IsBot && !entry.IsBot))
            {
                return false;
            }
            (community, member) = (entry.Community, entry.Member);
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Remember(LineEvent e, ReadOnlySpan<byte> line, long community, long member)
        {
            if (!Key(e, line))
            {
                return;
            }
            var name = Name(e, line, out var hasName);
            var needed = _keyLength + name.Length;
            if (_used + needed > _bytes.Length)
            {
                if (_bytes.Length >= 1 << 26)
                {
                    // Replaced entries leave their bytes behind; past 64 MB start over (it is only a cache).
                    _entries.Clear();
                    _used = 0;
                }
                else
                {
                    Array.Resize(ref _bytes, _bytes.Length * 2);
                }
            }
            var offset = _used;
            _key.AsSpan(0, _keyLength).CopyTo(_bytes.AsSpan(offset));
            name.CopyTo(_bytes.AsSpan(offset + _keyLength));
            _used += needed;
            _entries[Hash()] = new Entry(offset, _keyLength, hasName ? name.Length : -1, e.IsStaff, e.IsBot, community, member);
        }

        /// <summary>Platform, community and member as written, each with its length; false when one is not a plain value.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Key(LineEvent e, ReadOnlySpan<byte> line)
        {
            _keyLength = 0;
            return Add(e.Platform, line, absentAllowed: true) && Add(e.Community, line, absentAllowed: false) && Add(e.Member, line, absentAllowed: false);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Add(JsonValueSpan tok, ReadOnlySpan<byte> line, bool absentAllowed)
        {
            if (tok.Type == JsonTokenType.None && absentAllowed)
            {
                Append([0xFF]);
                return true;
            }
            if (tok.Type is not (JsonTokenType.String or JsonTokenType.Number) || tok.Length == 0 || tok.Length > 250)
            {
                return false;
            }
            Append([(byte)tok.Length, tok.Escaped ? (byte)1 : (byte)0]);
            Append(line.Slice(tok.Start, tok.Length));
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Append(ReadOnlySpan<byte> bytes)
        {
            if (_keyLength + bytes.Length > _key.Length)
            {
                Array.Resize(ref _key, (_keyLength + bytes.Length) * 2);
            }
            bytes.CopyTo(_key.AsSpan(_keyLength));
            _keyLength += bytes.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Hash()
        {
            var hash = default(HashCode);
            hash.AddBytes(_key.AsSpan(0, _keyLength));
            return hash.ToHashCode();
        }

        /// <summary>
        /// The display name as written; none when absent or null. Equal bytes are an equal name however it
        /// is escaped; a name spelled two ways is only a miss.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static ReadOnlySpan<byte> Name(LineEvent e, ReadOnlySpan<byte> line, out bool hasName)
        {
            var tok = e.MemberName;
            hasName = tok.Type is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False;
            if (!hasName)
            {
                return default;
            }
            return line.Slice(tok.Start, tok.Length);
        }

        /// <summary>Where an entry's key and name lie in _bytes (NameLength -1: came without a name), its flags and ids.</summary>
        private readonly record struct Entry(int Offset, int KeyLength, int NameLength, bool IsStaff, bool IsBot, long Community, long Member);
    }

    private sealed class LineEvent
    {
        public JsonValueSpan Type, Community, Platform, Member, MemberName, TimeRaw;
        public string? CommunityName, TimeZone, Channel, ChannelName, Id, Text, ReplyTo, Message, Emoji, Inviter, InviteLink, RemovedBy, Media;
        public bool IsStaff, IsBot, Edited;
        public long? Time;
        public int Mentions;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Clear()
        {
            Type = Community = Platform = Member = MemberName = TimeRaw = default;
            CommunityName = TimeZone = Channel = ChannelName = Id = Text = ReplyTo = Message = Emoji = Inviter = InviteLink = RemovedBy = Media = null;
            IsStaff = IsBot = Edited = false;
            Time = null;
            Mentions = 0;
        }
    }
}
