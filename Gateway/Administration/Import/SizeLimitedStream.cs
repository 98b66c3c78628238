namespace Gateway.Administration.Import;

/// <summary>
/// Reads at most a given number of bytes of a stream, then throws the exception it was given; for pipes and devices,
/// whose size is not known before reading (<c>&lt;(zcat users.json.gz)</c>, <c>/dev/stdin</c>).
/// </summary>
/// <remarks>
/// Each read fills the buffer unless the stream ends: <see cref="StreamReader.Peek"/> takes a short read for the end,
/// and a pipe gives short reads whenever the program writing to it is slower than the import.
/// </remarks>
internal sealed class SizeLimitedStream(Stream inner, long maxBytes, Func<Exception> tooLarge) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = inner.Read(buffer[filled..]);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        _read += filled;
        return _read > maxBytes ? throw tooLarge() : filled;
    }

    public override void Flush()
    {
    }

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
