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
    private readonly byte[] _carry = new byte[6];
    private int _start;
    private int _end;
    private bool _eof;
    private int _carryStart;
    private int _carryEnd;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }
        var written = 0;
        while (written == 0)
        {
            if (_carryStart < _carryEnd)
            {
                written = DrainCarry(destination);
                continue;
            }
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

    private int DrainCarry(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _carryEnd - _carryStart);
        _carry.AsSpan(_carryStart, n).CopyTo(destination);
        _carryStart += n;
        return n;
    }

    private int Transform(Span<byte> destination)
    {
        var written = 0;
        while (_start < _end && written < destination.Length)
        {
            var input = _input.AsSpan(_start, _end - _start);
            var backslash = input.IndexOf((byte)'\\');
            var plain = backslash < 0 ? input.Length : backslash;
            if (plain > 0)
            {
                var n = Math.Min(plain, destination.Length - written);
                input[..n].CopyTo(destination[written..]);
                written += n;
                _start += n;
                continue;
            }
            // An escape: it needs its next byte (and two hex digits for \x) before it can be judged.
            if (input.Length < 2 || (input[1] == 'x' && input.Length < 4))
            {
                if (!_eof)
                {
                    return written; // the caller refills and calls again
                }
                input.CopyTo(_carry);
                (_carryStart, _carryEnd) = (0, input.Length);
                _start = _end;
            }
            else if (input[1] == 'x' && IsHex(input[2]) && IsHex(input[3]))
            {
                "\\u00"u8.CopyTo(_carry);
                _carry[4] = input[2];
                _carry[5] = input[3];
                (_carryStart, _carryEnd) = (0, 6);
                _start += 4;
            }
            else
            {
                _carry[0] = input[0];
                _carry[1] = input[1];
                (_carryStart, _carryEnd) = (0, 2);
                _start += 2;
            }
            written += DrainCarry(destination[written..]);
            if (_carryStart < _carryEnd)
            {
                return written;
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
