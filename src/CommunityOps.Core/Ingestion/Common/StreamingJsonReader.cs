using System.Text;
using System.Text.Json;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Common;

/// <summary>
/// Walks one JSON document of any size from a stream: token by token where the structure matters
/// (the root, a chat list) and one whole value at a time where the data is (each element of a message
/// array, parsed once into a <see cref="JsonDocument"/>). Only the current value is ever in memory, so a
/// 2 GB export costs as much as its largest message. Every error names the file and line.
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonReader"/> is a ref struct and cannot live in a field, so each call rebuilds one
/// over the unread bytes from the saved <see cref="JsonReaderState"/>; the state also carries the line
/// number the reader reports in its own errors across buffer refills.
/// </remarks>
internal sealed class StreamingJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _started;
    private JsonReaderState _state;

    // Where the current token began, with the state before it, so a value can be re-read whole.
    private int _tokenStart;
    private int _beforeToken;
    private JsonReaderState _stateBeforeToken;
    private int _valueStart;
    private int _valueLength;
    private bool _valueIsEscaped;

    // Newlines in the bytes already dropped from the front of the buffer.
    private long _linesDropped;

    private readonly DocumentParser _document = new();

    public StreamingJsonReader(Stream stream, string file, int bufferSize = 1 << 16)
    {
        _stream = stream;
        File = file;
        _buffer = new byte[Math.Max(bufferSize, 16)];
        _state = new JsonReaderState(Options);
    }

    /// <summary>The name error messages use.</summary>
    public string File { get; }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>Depth of the current token: 0 for the root's braces, 1 for its properties.</summary>
    public int Depth { get; private set; }

    // Newlines in _buffer[0.._countedTo): Line is asked for every message, and counting from the start of
    // a 64 KB buffer each time was 4% of a Telegram import's CPU; each byte is now counted once.
    private int _countedTo;
    private long _countedLines;

    /// <summary>1-based line where the current token (or the value last read whole) starts.</summary>
    public long Line
    {
        get
        {
            if (_tokenStart < _countedTo)
            {
                _countedTo = 0;
                _countedLines = 0;
            }
            _countedLines += _buffer.AsSpan(_countedTo, _tokenStart - _countedTo).Count((byte)'\n');
            _countedTo = _tokenStart;
            return _linesDropped + _countedLines + 1;
        }
    }

    /// <summary>The next token; false once the document is complete.</summary>
    public bool Read()
    {
        EnsureStarted();
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            bool ok;
            try
            {
                ok = reader.Read();
            }
            catch (JsonException ex)
            {
                throw Invalid(ex);
            }
            if (ok)
            {
                Accept(ref reader);
                return true;
            }
            if (_eof)
            {
                return false;
            }
            Refill(_start);
        }
    }

    /// <summary>Reads the next token and requires it to be <paramref name="expected"/>.</summary>
    public void Expect(JsonTokenType expected, ErrorText what)
    {
        if (!Read())
        {
            throw ImportException.At(File, Line, Errors.JsonEndsWhereExpected(what));
        }
        if (TokenType != expected)
        {
            throw ImportException.At(File, Line, Errors.Expected(what));
        }
    }

    public bool ValueTextEquals(ReadOnlySpan<byte> text) =>
        _valueIsEscaped ? GetString() == Encoding.UTF8.GetString(text) : _buffer.AsSpan(_valueStart, _valueLength).SequenceEqual(text);

    /// <summary>The current string, property name, or number/literal as written; null for null.</summary>
    public string? GetString()
    {
        if (TokenType == JsonTokenType.Null)
        {
            return null;
        }
        var raw = _buffer.AsSpan(_valueStart, _valueLength);
        if (!_valueIsEscaped)
        {
            return Encoding.UTF8.GetString(raw);
        }
        // Rare: let a fresh reader over the token do the unescaping.
        var reader = new Utf8JsonReader(_buffer.AsSpan(_tokenStart, _valueStart - _tokenStart + _valueLength + 1), true, default);
        reader.Read();
        return reader.GetString();
    }

    /// <summary>Skips the value of the current property name, or the object/array the current token opens.</summary>
    public void Skip()
    {
        if (TokenType == JsonTokenType.PropertyName)
        {
            if (!Read())
            {
                throw Truncated();
            }
        }
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }
        var depth = Depth;
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            try
            {
                while (reader.Read())
                {
                    if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        Accept(ref reader);
                        return;
                    }
                }
            }
            catch (JsonException ex)
            {
                throw Invalid(ex);
            }
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (_eof)
            {
                throw Truncated();
            }
            Refill(_start);
        }
    }

    /// <summary>
    /// The whole value the current token starts (after a property name: its value) as a document: the
    /// simple way for values that are rare or small (<see cref="ParseValue"/> explains its cost).
    /// Afterwards the reader stands on the value's last token and <see cref="Line"/> names its first line.
    /// The caller disposes the document.
    /// </summary>
    public JsonDocument ReadValue()
    {
        ParseValue(_document);
        return _document.Take();
    }

    /// <summary>
    /// Hands the whole value the current token starts (after a property name: its value) to
    /// <paramref name="parser"/> in one pass over the buffered bytes, with the reader on the value's first
    /// token; <see cref="IJsonValueParser.Parse"/> returns true with the reader on its last token, or false
    /// when the bytes ran out first, and is then called again from the start after a refill. Unlike
    /// <see cref="ReadValue"/> nothing is tokenized twice or copied: a <see cref="JsonDocument"/> first
    /// skips the value to find its end and then parses it again, which was half of a Telegram import's
    /// parsing. Returns the bytes the parser's reader was given, from just after the previous token (so
    /// any separator and white space come first) to the end of the value, valid until the next read:
    /// the reader's token positions are offsets into them.
    /// </summary>
    public ReadOnlyMemory<byte> ParseValue(IJsonValueParser parser)
    {
        if (TokenType == JsonTokenType.PropertyName && !Read())
        {
            throw Truncated();
        }
        while (true)
        {
            var from = _beforeToken;
            var reader = new Utf8JsonReader(_buffer.AsSpan(from, _end - from), _eof, _stateBeforeToken);
            try
            {
                reader.Read();
                var tokenStart = from + (int)reader.TokenStartIndex;
                if (parser.Parse(ref reader))
                {
                    _start = from + (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                    TokenType = reader.TokenType;
                    Depth = reader.CurrentDepth;
                    _tokenStart = tokenStart;
                    return _buffer.AsMemory(from, _start - from);
                }
            }
            catch (JsonException ex)
            {
                throw Invalid(ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException)
            {
                throw NotUtf8(ex);
            }
            if (_eof)
            {
                throw Truncated();
            }
            Refill(from);
            _beforeToken -= from;
        }
    }

    private void Accept(ref Utf8JsonReader reader)
    {
        _beforeToken = _start;
        _stateBeforeToken = _state;
        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        _tokenStart = _start + (int)reader.TokenStartIndex;
        _valueStart = _tokenStart + (TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 1 : 0);
        _valueLength = reader.ValueSpan.Length;
        _valueIsEscaped = reader.ValueIsEscaped;
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private void EnsureStarted()
    {
        if (_started)
        {
            return;
        }
        _started = true;
        Fill();
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }
    }

    /// <summary>Drops the bytes before <paramref name="keepFrom"/> and reads more, growing the buffer when it is full.</summary>
    private void Refill(int keepFrom)
    {
        if (keepFrom > 0)
        {
            if (keepFrom >= _countedTo)
            {
                _linesDropped += _countedLines + _buffer.AsSpan(_countedTo, keepFrom - _countedTo).Count((byte)'\n');
                _countedTo = 0;
                _countedLines = 0;
            }
            else
            {
                var dropped = _buffer.AsSpan(0, keepFrom).Count((byte)'\n');
                _linesDropped += dropped;
                _countedLines -= dropped;
                _countedTo -= keepFrom;
            }
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, _end - keepFrom);
            _end -= keepFrom;
            _start -= keepFrom;
            _tokenStart = Math.Max(0, _tokenStart - keepFrom);
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }
        Fill();
    }

    private void Fill()
    {
        while (_end < _buffer.Length)
        {
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                return;
            }
            _end += n;
        }
    }

    private ImportException Invalid(JsonException ex)
    {
        var line = ex.LineNumber is { } n ? n + 1 : Line;
        var message = ex.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd('.', ' ');
        if (_eof && (message.Contains("end of the JSON payload", StringComparison.Ordinal) || message.Contains("reached end of data", StringComparison.Ordinal)))
        {
            return ImportException.At(File, line, Errors.InvalidJson(Errors.JsonTruncated()), ex);
        }
        return ImportException.At(File, line, Errors.InvalidJson(message), ex);
    }

    /// <summary>A string that is not valid UTF-8 (Utf8JsonReader.GetString or a strict decoder refused it).</summary>
    public ImportException NotUtf8(Exception ex) => ImportException.NotUtf8(File, Line, ex);

    private ImportException Truncated() =>
        ImportException.At(File, _linesDropped + _buffer.AsSpan(0, _end).Count((byte)'\n') + 1, Errors.InvalidJson(Errors.JsonTruncated()));

    /// <summary><see cref="ReadValue"/>: the value as a document.</summary>
    private sealed class DocumentParser : IJsonValueParser
    {
        private JsonDocument? _document;

        // TryParseValue leaves the reader where it was when the value is incomplete, as Parse must.
        public bool Parse(ref Utf8JsonReader reader) => JsonDocument.TryParseValue(ref reader, out _document);

        public JsonDocument Take()
        {
            var document = _document!;
            _document = null;
            return document;
        }
    }
}

/// <summary>Reads one JSON value in a single pass; see <see cref="StreamingJsonReader.ParseValue"/>.</summary>
internal interface IJsonValueParser
{
    /// <summary>
    /// Starts over (the reader stands on the value's first token) and reads to the value's last token:
    /// true when it got there, false when <see cref="Utf8JsonReader.Read"/> or
    /// <see cref="Utf8JsonReader.TrySkip"/> ran out of bytes.
    /// </summary>
    bool Parse(ref Utf8JsonReader reader);
}
