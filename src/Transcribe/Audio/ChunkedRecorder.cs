using System.Diagnostics;

namespace MeetingAssist.Transcribe.Audio;

/// <summary>One recorded file and the stream position it starts at.</summary>
public sealed record RecordingChunk(string Path, long StartSample, long StartUnixMs);

/// <summary>
/// Records a meeting's whole audio as Ogg/Opus files (about 11 MB an hour at 24 kbit/s), one file per chunk.
/// An ffmpeg process encodes from our PCM; every second the current file is flushed to disk (fsync), so a
/// crash or power cut loses at most the last second. Not thread-safe: one writer per audio source.
/// </summary>
public sealed class ChunkedRecorder : IAsyncDisposable
{
    public const int SampleRate = 16_000;

    private readonly string _folder;
    private readonly long _chunkSamples;
    private readonly Timer _flushTimer;
    private readonly Lock _gate = new();
    private readonly List<RecordingChunk> _chunks = [];
    private Process? _ffmpeg;
    private Stream? _stdin;
    private long _samplesWritten;
    private long _chunkWritten;
    private byte[] _buffer = [];

    /// <param name="folder">Where the chunk files go; created if needed.</param>
    /// <param name="chunkDuration">Length of each file; shorter files lose less to a damaged disk, longer ones are fewer.</param>
    public ChunkedRecorder(string folder, TimeSpan? chunkDuration = null)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        _chunkSamples = (long)((chunkDuration ?? TimeSpan.FromMinutes(10)).TotalSeconds * SampleRate);
        _flushTimer = new Timer(_ => FlushToDisk(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The files written so far, oldest first.</summary>
    public IReadOnlyList<RecordingChunk> Chunks
    {
        get { lock (_gate) return _chunks.ToList(); }
    }

    public long SamplesWritten => _samplesWritten;

    /// <summary>Appends 16 kHz mono samples; <paramref name="startUnixMs"/> is the server time of the first sample of a new chunk.</summary>
    public async Task WriteAsync(ReadOnlyMemory<float> samples, long startUnixMs, CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (offset < samples.Length)
        {
            if (_stdin is null || _chunkWritten >= _chunkSamples)
            {
                await CloseChunkAsync();
                StartChunk(startUnixMs + offset * 1000L / SampleRate);
            }
            var take = (int)Math.Min(samples.Length - offset, _chunkSamples - _chunkWritten);
            var bytes = take * 2;
            if (_buffer.Length < bytes) _buffer = new byte[bytes];
            var span = samples.Span.Slice(offset, take);
            for (var i = 0; i < take; i++)
            {
                var v = (short)Math.Clamp((int)MathF.Round(span[i] * 32767f), short.MinValue, short.MaxValue);
                _buffer[2 * i] = (byte)v;
                _buffer[2 * i + 1] = (byte)(v >> 8);
            }
            await _stdin!.WriteAsync(_buffer.AsMemory(0, bytes), cancellationToken);
            await _stdin.FlushAsync(cancellationToken);
            offset += take;
            _chunkWritten += take;
            _samplesWritten += take;
        }
    }

    private void StartChunk(long startUnixMs)
    {
        var path = Path.Combine(_folder, $"audio-{startUnixMs}.ogg");
        _ffmpeg = Ffmpeg.Start(FfmpegProgram.Ffmpeg,
            ["-hide_banner", "-loglevel", "error", "-f", "s16le", "-ar", Ffmpeg.Number(SampleRate), "-ac", "1",
                "-i", "pipe:0", "-c:a", "libopus", "-b:a", "24k", "-application", "voip",
                // Small Ogg pages, written as soon as they are full: at most half a second sits in ffmpeg.
                "-page_duration", "500000", "-flush_packets", "1", "-y", path],
            readOutput: false, writeInput: true, whenMissing: "Không ghi âm được vì máy chủ thiếu ffmpeg.");
        _ffmpeg.ErrorDataReceived += (_, _) => { };
        _ffmpeg.BeginErrorReadLine();
        _stdin = _ffmpeg.StandardInput.BaseStream;
        _chunkWritten = 0;
        lock (_gate) _chunks.Add(new RecordingChunk(path, _samplesWritten, startUnixMs));
    }

    /// <summary>Finishes the current file (the capture paused or its link dropped); the next write starts a new one.</summary>
    public Task FinishChunkAsync() => CloseChunkAsync();

    private async Task CloseChunkAsync()
    {
        if (_ffmpeg is null) return;
        _stdin?.Close();
        await _ffmpeg.WaitForExitAsync();
        _ffmpeg.Dispose();
        _ffmpeg = null;
        _stdin = null;
        FlushToDisk();
    }

    /// <summary>fsync on our own handle flushes every dirty page of the file, whoever wrote it.</summary>
    private void FlushToDisk()
    {
        RecordingChunk? current;
        lock (_gate) current = _chunks.Count > 0 ? _chunks[^1] : null;
        if (current is null || !File.Exists(current.Path)) return;
        try
        {
            using var handle = new FileStream(current.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            handle.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // The file is being replaced or the disk is gone; the next tick tries again.
        }
    }

    /// <summary>Kills the encoder without letting it finish the file, as a crash would.</summary>
    internal void AbortEncoder()
    {
        _ffmpeg?.Kill();
        _ffmpeg?.WaitForExit();
        _ffmpeg = null;
        _stdin = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync();
        await CloseChunkAsync();
    }
}
