using System.Text.Json;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Slack;

/// <summary>
/// Reads a file whose root is a JSON array one element at a time, keeping only the element being read
/// in memory (a users.json of an enterprise workspace runs to hundreds of megabytes), and says on
/// which line each element starts so that errors can point at it.
/// </summary>
internal sealed class JsonArrayReader(Stream stream, string display)
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _begun;
    private bool _done;
    private bool _bomChecked;
    private JsonReaderState _state = new(Options);

    /// <summary>1-based line at <see cref="_start"/>.</summary>
    private long _line = 1;

    public bool TryRead(out JsonElement element, out long line)
    {
        while (!_done)
        {
            if (!_bomChecked && (_end - _start >= 3 || _eof))
            {
                _bomChecked = true;
                if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
                {
                    _start += 3;
                }
            }
            if (_bomChecked && TryStep(out element, out line))
            {
                return true;
            }
            if (_done)
            {
                break;
            }
            if (_eof)
            {
                throw ImportException.At(display, _line, _begun ? Errors.JsonArrayNotClosed() : Errors.ExpectedJsonArrayFoundNothing());
            }
            Fill();
        }
        element = default;
        line = 0;
        return false;
    }

    /// <summary>Reads the next element if the buffer holds all of it; false when more bytes are needed or the array ended.</summary>
    private bool TryStep(out JsonElement element, out long line)
    {
        element = default;
        line = 0;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
        try
        {
            if (!_begun)
            {
                if (!reader.Read())
                {
                    return false;
                }
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw ImportException.At(display, _line + Lines(0, (int)reader.TokenStartIndex), Errors.ExpectedJsonArrayFound(Describe(reader.TokenType)));
                }
                _begun = true;
                Commit(ref reader);
                reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            }
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                _done = true;
                Commit(ref reader);
                return false;
            }
            var probe = reader;
            if (!probe.TrySkip())
            {
                return false;
            }
            line = _line + Lines(0, (int)reader.TokenStartIndex);
            element = JsonElement.ParseValue(ref reader);
            Commit(ref reader);
            return true;
        }
        catch (JsonException ex)
        {
            // The reader state carries the line count across refills: it is the file's own, 0-based.
            throw ImportException.At(display, (ex.LineNumber ?? (_line - 1)) + 1, Errors.InvalidJson(ex.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0]), ex);
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        _line += Lines(0, consumed);
        _start += consumed;
        _state = reader.CurrentState;
    }

    private long Lines(int from, int to) => _buffer.AsSpan(_start + from, to - from).Count((byte)'\n');

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }
        _end += n;
    }

    private static object Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => Errors.JsonObjectWord(),
        JsonTokenType.String => Errors.JsonStringWord(),
        JsonTokenType.Number => Errors.JsonNumberWord(),
        _ => token.ToString().ToLowerInvariant(),
    };
}
