using CommunityOps.Resources;

namespace CommunityOps.Ingestion;

/// <summary>
/// Reads an archive entry but never more than its declared size: a zip can lie about its sizes, and
/// this is what keeps a bomb from filling memory or disk.
/// </summary>
internal sealed class BoundedStream(Stream inner, long limit, string display) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => limit;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw ImportException.At(display, 0, Errors.ZipEntryCorrupt(ex.Message), ex);
        }
        _read += n;
        if (_read > limit)
        {
            throw ImportException.At(display, 0, Errors.ZipEntryBeyondDeclaredSize(limit));
        }
        return n;
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
