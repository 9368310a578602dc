using MeetingAssist.Transcribe.Audio;
using MeetingAssist.Transcribe.Live;
using MeetingAssist.Transcribe.Vad;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// One capture of a meeting's hall audio: places each incoming block on the timeline by its sample index
/// (so a client resending after a network cut never duplicates or shifts audio), records it, and cuts it
/// into speech jobs for recognition.
/// </summary>
public sealed class LiveSession : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChunkedRecorder _recorder;
    private readonly LiveSegmentation _segmentation;
    private readonly int _maxGapSamples;
    private readonly TimeProvider _time;

    public LiveSession(int meetingId, string source, long captureStartMs, string recordingFolder, IVoiceActivityModel vad,
        Func<IReadOnlyList<FloorWindow>> turns, LiveOptions options, TimeProvider time)
    {
        _time = time;
        LastAudio = time.GetUtcNow();
        MeetingId = meetingId;
        Source = source;
        CaptureStartMs = captureStartMs;
        _recorder = new ChunkedRecorder(recordingFolder, TimeSpan.FromMinutes(options.RecordingChunkMinutes));
        _segmentation = new LiveSegmentation(vad, turns, captureStartMs);
        _maxGapSamples = options.MaxGapSeconds * ChunkedRecorder.SampleRate;
    }

    public int MeetingId { get; }
    public string Source { get; }
    public long CaptureStartMs { get; }

    /// <summary>The next sample index expected; everything before it is stored.</summary>
    public long NextSample { get; private set; }

    /// <summary>When audio last arrived (the start, before any): a capture silent for a while has lost its source.</summary>
    public DateTimeOffset LastAudio { get; private set; }
    public double UnattributedSeconds => _segmentation.UnattributedSeconds;
    public long GapSamplesFilled { get; private set; }

    /// <summary>Adds audio that starts at <paramref name="sampleIndex"/>; overlaps are ignored, short gaps become silence.</summary>
    public async Task<IReadOnlyList<SpeechJob>> PushAsync(long sampleIndex, float[] samples, long nowMs, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            LastAudio = _time.GetUtcNow();
            var jobs = new List<SpeechJob>();
            var end = sampleIndex + samples.Length;
            if (end <= NextSample) return jobs;
            if (sampleIndex > NextSample)
            {
                var gap = sampleIndex - NextSample;
                if (gap > _maxGapSamples)
                    throw new InvalidDataException($"Khoảng mất tín hiệu {gap / ChunkedRecorder.SampleRate} giây quá dài; hãy bắt đầu thu lại.");
                var silence = new float[gap];
                jobs.AddRange(await AppendAsync(silence, nowMs, ct));
                GapSamplesFilled += gap;
            }
            var skip = (int)(NextSample - sampleIndex);
            jobs.AddRange(await AppendAsync(skip == 0 ? samples : samples[skip..], nowMs, ct));
            return jobs;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<SpeechJob>> AppendAsync(float[] samples, long nowMs, CancellationToken ct)
    {
        await _recorder.WriteAsync(samples, _segmentation.MsAt(NextSample), ct);
        var jobs = _segmentation.Push(samples, nowMs);
        NextSample += samples.Length;
        return jobs;
    }

    /// <summary>Closes open speech (a turn ended and the hall fell quiet, or the capture stopped).</summary>
    public async Task<IReadOnlyList<SpeechJob>> FlushAsync(long nowMs, bool finishRecording = false)
    {
        await _gate.WaitAsync();
        try
        {
            // When the source goes away, the recorded file is completed so every received sample is on disk.
            if (finishRecording) await _recorder.FinishChunkAsync();
            return _segmentation.Flush(nowMs);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SpeechJob?> OpenSpeechAsync(long nowMs)
    {
        await _gate.WaitAsync();
        try
        {
            return _segmentation.OpenSpeech(nowMs);
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<RecordingChunk> Chunks => _recorder.Chunks;

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await _recorder.DisposeAsync();
            _segmentation.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
