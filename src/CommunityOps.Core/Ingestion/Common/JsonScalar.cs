using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CommunityOps.Ingestion.Common;

/// <summary>
/// One JSON value as written, read in place from the bytes it came from: a string's bytes without its
/// quotes (escapes not yet resolved), a number or literal as written, or a whole object or array.
/// <see cref="JsonTokenType.None"/> stands for a property that was not there.
/// </summary>
internal readonly ref struct JsonScalar
{
    /// <summary>UTF-8 that refuses invalid bytes (DecoderFallbackException) rather than replacing them.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public JsonScalar(JsonTokenType type, ReadOnlySpan<byte> raw, bool escaped)
    {
        Type = type;
        Raw = raw;
        Escaped = escaped;
    }

    public JsonTokenType Type { get; }

    /// <summary>The bytes as written (for a string: between the quotes).</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>A string with backslash escapes in <see cref="Raw"/>.</summary>
    public bool Escaped { get; }

    public bool IsPresent => Type != JsonTokenType.None;

    public bool IsString => Type == JsonTokenType.String;

    public bool IsNull => Type == JsonTokenType.Null;

    public bool IsNumber => Type == JsonTokenType.Number;

    /// <summary>The value of a string, null for anything else.</summary>
    public string? GetString() => !IsString ? null : Escaped ? Unescape(Raw) : StrictUtf8.GetString(Raw);

    /// <summary>
    /// A string's bytes with its escapes resolved, or a number as written. Telegram Desktop escapes only
    /// quotes, backslashes and control characters, but a file re-saved by another JSON tool may spell
    /// "message" as "\u006Dessage": comparisons must see what the escapes stand for.
    /// </summary>
    public ReadOnlySpan<byte> Bytes => IsString && Escaped ? StrictUtf8.GetBytes(GetString()!) : Raw;

    /// <summary>An integer as JsonElement.TryGetInt64 reads one.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return IsNumber && System.Buffers.Text.Utf8Parser.TryParse(Raw, out value, out var consumed) && consumed == Raw.Length;
    }

    /// <summary>The value for an error message: a string's text, anything else as written.</summary>
    public string Text => IsString ? GetString()! : StrictUtf8.GetString(Raw);

    /// <summary>
    /// The property name the reader stands on as the bytes it stands for: JSON lets a writer spell any
    /// character as \uXXXX ("\u0074ime" is "time"). An escaped name longer than
    /// <paramref name="buffer"/> is returned as written; with a buffer longer than any known name, it
    /// matches none.
    /// </summary>
    public static ReadOnlySpan<byte> PropertyName(in Utf8JsonReader reader, Span<byte> buffer) =>
        !reader.ValueIsEscaped || reader.ValueSpan.Length > buffer.Length ? reader.ValueSpan : buffer[..reader.CopyString(buffer)];

    /// <summary>The same view of a value of a parsed document.</summary>
    public static JsonScalar Of(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            return default;
        }
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return element.ValueKind switch
        {
            JsonValueKind.String => new JsonScalar(JsonTokenType.String, raw[1..^1], raw.IndexOf((byte)'\\') >= 0),
            JsonValueKind.Number => new JsonScalar(JsonTokenType.Number, raw, false),
            JsonValueKind.True => new JsonScalar(JsonTokenType.True, raw, false),
            JsonValueKind.False => new JsonScalar(JsonTokenType.False, raw, false),
            JsonValueKind.Null => new JsonScalar(JsonTokenType.Null, raw, false),
            JsonValueKind.Object => new JsonScalar(JsonTokenType.StartObject, raw, false),
            _ => new JsonScalar(JsonTokenType.StartArray, raw, false),
        };
    }

    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        // Rare: a reader over the quoted token does the unescaping.
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // Invalid UTF-8, or an escape for half a surrogate pair: one kind of failure for callers.
            throw new DecoderFallbackException(ex.Message, ex);
        }
    }
}

/// <summary>
/// Where a value lies in the bytes a reader was given, kept while the reader moves on and read as a
/// <see cref="JsonScalar"/> once the whole object is in: a string between its quotes, a number or
/// literal as written, an object or array whole. <see cref="JsonTokenType.None"/>: not there.
/// </summary>
internal readonly record struct JsonValueSpan(JsonTokenType Type, int Start, int Length, bool Escaped)
{
    /// <summary>The scalar the reader stands on (not an object or array).</summary>
    public static JsonValueSpan Scalar(ref Utf8JsonReader reader)
    {
        var quoted = reader.TokenType == JsonTokenType.String ? 1 : 0;
        return new JsonValueSpan(reader.TokenType, (int)reader.TokenStartIndex + quoted, reader.ValueSpan.Length, reader.ValueIsEscaped);
    }

    public bool IsPresent => Type != JsonTokenType.None;

    public JsonScalar In(ReadOnlySpan<byte> bytes) => IsPresent ? new JsonScalar(Type, bytes.Slice(Start, Length), Escaped) : default;
}

