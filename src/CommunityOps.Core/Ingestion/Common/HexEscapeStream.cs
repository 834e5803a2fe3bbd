namespace CommunityOps.Ingestion.Common;

/// <summary>
/// Rewrites the <c>\xNN</c> escapes Telegram Desktop writes for control characters (not valid JSON) to
/// <c>\u00NN</c> while the bytes stream past, so a strict reader accepts the file. Every other escape,
/// including an escaped backslash followed by an "x", passes through unchanged. Adds no newlines, so
/// line numbers in error messages stay those of the original file.
/// </summary>
internal sealed class HexEscapeStream(Stream inner) : Stream
{
    private readonly byte[] _input = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.Length < 6)
        {
            // Room for one rewritten escape is the smallest useful step; callers use large buffers.
            throw new ArgumentException("read at least 6 bytes at a time", nameof(destination));
        }
        var written = 0;
        while (written == 0)
        {
            if (_end - _start < 4 && !_eof)
            {
                FillInput();
            }
            if (_start == _end)
            {
                return 0;
            }
            written = Transform(destination);
        }
        return written;
    }

    private int Transform(Span<byte> destination)
    {
        var written = 0;
        while (_start < _end)
        {
            var input = _input.AsSpan(_start, _end - _start);
            var backslash = input.IndexOf((byte)'\\');
            var plain = backslash < 0 ? input.Length : backslash;
            var room = destination.Length - written;
            if (plain > 0)
            {
                var n = Math.Min(plain, room);
                input[..n].CopyTo(destination[written..]);
                written += n;
                _start += n;
                if (n < plain)
                {
                    return written;
                }
                continue;
            }
            // An escape: it needs its next byte (and two hex digits for \x) before it can be judged.
            if (input.Length < 2 || (input[1] == 'x' && input.Length < 4))
            {
                if (!_eof)
                {
                    return written; // the caller refills and calls again
                }
                input.CopyTo(destination[written..]);
                written += input.Length;
                _start = _end;
                return written;
            }
            if (input[1] == 'x' && IsHex(input[2]) && IsHex(input[3]))
            {
                if (room < 6)
                {
                    return written;
                }
                destination[written++] = (byte)'\\';
                destination[written++] = (byte)'u';
                destination[written++] = (byte)'0';
                destination[written++] = (byte)'0';
                destination[written++] = input[2];
                destination[written++] = input[3];
                _start += 4;
            }
            else
            {
                if (room < 2)
                {
                    return written;
                }
                destination[written++] = input[0];
                destination[written++] = input[1];
                _start += 2;
            }
        }
        return written;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private void FillInput()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_input, _start, _input, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        while (_end < _input.Length)
        {
            var n = inner.Read(_input, _end, _input.Length - _end);
            if (n == 0)
            {
                _eof = true;
                return;
            }
            _end += n;
            if (_end >= 4)
            {
                return;
            }
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
