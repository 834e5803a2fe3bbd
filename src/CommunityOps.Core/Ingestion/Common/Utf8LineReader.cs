using System.Runtime.CompilerServices;
namespace CommunityOps.Ingestion.Common;

/// <summary>
/// Reads a UTF-8 stream line by line without decoding it, reusing one buffer: the line is valid until
/// the next call. Strips a leading BOM and a trailing CR. Memory stays at the longest line.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int bufferSize = 1 << 16)
{
    private byte[] _buffer = new byte[bufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = Trim(span[..nl]);
                _start += nl + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_end > _start)
                {
                    line = Trim(span);
                    _start = _end;
                    LineNumber++;
                    return true;
                }
                line = default;
                return false;
            }
            Fill();
        }
    }

    // Per row: compiled optimized at the first call, for the reason PostgresCopyRows gives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        if (_first)
        {
            _first = false;
            if (line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
        }
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

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
}
