using System.IO.Compression;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>
/// Checks an .xlsx container before any part of it is inflated: declared sizes, their total and the compression
/// ratio; then every part is read through a counter, because a crafted zip can declare small sizes and inflate to more.
/// </summary>
internal sealed class ZipGuard(ImportLimits limits)
{
    private const string TooBig = "Tệp Excel giải nén ra quá lớn (có thể là tệp độc hại “zip bomb”). Hệ thống không mở tệp này.";
    private long _inflated;

    public static void CheckSignature(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
            throw new ImportRejectedException("Đây là tệp Excel 97–2003 (.xls), chưa được hỗ trợ. Hãy mở bằng Excel và lưu lại dạng .xlsx.");
        if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4)
            throw new ImportRejectedException("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy chọn đúng tệp .xlsx hoặc .csv.");
    }

    public void CheckDeclaredSizes(ZipArchive zip)
    {
        if (zip.Entries.Count > limits.MaxZipEntries) throw new ImportRejectedException(TooBig);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            var ratio = entry.CompressedLength == 0 ? (entry.Length == 0 ? 0 : double.PositiveInfinity) : (double)entry.Length / entry.CompressedLength;
            if (total > limits.MaxUncompressedBytes || (entry.Length > 1024 * 1024 && ratio > limits.MaxCompressionRatio))
                throw new ImportRejectedException(TooBig);
        }
    }

    /// <summary>A part's content, stopped as soon as it inflates past what it declared or past the total allowance.</summary>
    public Stream Open(ZipArchiveEntry entry) => new CountingStream(entry.Open(), this, entry.Length);

    private void Count(int bytes, long readFromEntry, long declared)
    {
        _inflated += bytes;
        if (readFromEntry > declared || _inflated > limits.MaxUncompressedBytes) throw new ImportRejectedException(TooBig);
    }

    private sealed class CountingStream(Stream inner, ZipGuard guard, long declared) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        private int Counted(int read)
        {
            _read += read;
            guard.Count(read, _read, declared);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
