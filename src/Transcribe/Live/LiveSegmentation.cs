using MeetingAssist.Transcribe.Vad;

namespace MeetingAssist.Transcribe.Live;

/// <summary>A stretch of one speaker's speech ready for recognition, with its place on the server clock.</summary>
public sealed record SpeechJob(int TurnId, long StartMs, long EndMs, float[] Samples, double VadSpeechRatio);

/// <summary>
/// Live audio of one hall, cut for recognition: the voice detector finds speech, floor events (the chair
/// giving or ending the floor) close whatever is open, and each piece goes to the turn it lies in. Speech
/// outside every turn goes nowhere. Positions are samples since the capture started at <see cref="CaptureStartMs"/>.
/// </summary>
public sealed class LiveSegmentation : IDisposable
{
    private const int Rate = VoiceActivityOptions.SampleRate;
    private readonly IVoiceActivityModel _vad;
    private readonly VoiceActivityOptions _options;
    private readonly Func<IReadOnlyList<FloorWindow>> _turns;
    private SpeechSegmenter _segmenter;
    private long _segmenterBase;
    private long _processed;
    private float[] _buffer = new float[Rate * 64];
    private long _bufferStart;
    private int _bufferCount;

    /// <param name="turns">The meeting's floor turns as they stand now (voided ones left out).</param>
    public LiveSegmentation(IVoiceActivityModel vad, Func<IReadOnlyList<FloorWindow>> turns, long captureStartMs, VoiceActivityOptions? options = null)
    {
        _vad = vad;
        _options = options ?? new VoiceActivityOptions();
        _turns = turns;
        CaptureStartMs = captureStartMs;
        _segmenter = new SpeechSegmenter(vad, _options);
    }

    public long CaptureStartMs { get; }

    /// <summary>Seconds of speech that fell outside every turn and was therefore not transcribed.</summary>
    public double UnattributedSeconds { get; private set; }

    public long MsAt(long sample) => CaptureStartMs + sample * 1000 / Rate;

    private long SampleAt(long ms) => (ms - CaptureStartMs) * Rate / 1000;

    /// <summary>Feeds the next samples; returns the speech pieces that are complete.</summary>
    public IReadOnlyList<SpeechJob> Push(ReadOnlySpan<float> samples, long nowMs)
    {
        var jobs = new List<SpeechJob>();
        Append(samples);
        var turns = _turns();
        while (samples.Length > 0)
        {
            // A floor event inside this chunk closes the open speech exactly there.
            var boundary = NextBoundary(turns, _processed, _processed + samples.Length);
            var take = boundary is { } b ? (int)(b - _processed) : samples.Length;
            if (take > 0)
            {
                foreach (var span in _segmenter.Push(samples[..take])) jobs.AddRange(Attribute(span, turns, nowMs));
                _processed += take;
                samples = samples[take..];
            }
            if (boundary is not null)
            {
                jobs.AddRange(Restart(turns, nowMs));
            }
        }
        Trim();
        return jobs;
    }

    /// <summary>Closes open speech, e.g. when a turn has ended and no more audio is coming for it.</summary>
    public IReadOnlyList<SpeechJob> Flush(long nowMs) => Restart(_turns(), nowMs);

    /// <summary>The open, not yet complete speech of the current turn, for live captions.</summary>
    public SpeechJob? OpenSpeech(long nowMs, int minimumMs = 1000)
    {
        if (!_segmenter.InSpeech(out var startRelative)) return null;
        var start = _segmenterBase + startRelative;
        var turn = _turns().FirstOrDefault(t => t.EndMs is null && MsAt(start) >= t.StartMs - 500);
        if (turn is null) return null;
        var from = Math.Max(start, SampleAt(turn.StartMs));
        if ((_processed - from) * 1000 / Rate < minimumMs) return null;
        return new SpeechJob(turn.TurnId, MsAt(from), MsAt(_processed), Slice(from, _processed), 1);
    }

    private IReadOnlyList<SpeechJob> Restart(IReadOnlyList<FloorWindow> turns, long nowMs)
    {
        var jobs = new List<SpeechJob>();
        foreach (var span in _segmenter.Flush()) jobs.AddRange(Attribute(span, turns, nowMs));
        _segmenter.Dispose();
        _segmenter = new SpeechSegmenter(_vad, _options);
        _segmenterBase = _processed;
        return jobs;
    }

    private long? NextBoundary(IReadOnlyList<FloorWindow> turns, long from, long to)
    {
        long? best = null;
        foreach (var t in turns)
        {
            foreach (var ms in t.EndMs is { } end ? [t.StartMs, end] : new[] { t.StartMs })
            {
                var s = SampleAt(ms);
                if (s > from && s <= to && (best is null || s < best)) best = s;
            }
        }
        return best;
    }

    private IEnumerable<SpeechJob> Attribute(SpeechSpan span, IReadOnlyList<FloorWindow> turns, long nowMs)
    {
        var start = Math.Max(_bufferStart, _segmenterBase + span.StartSample);
        var end = Math.Min(_processed, _segmenterBase + span.EndSample);
        if (end <= start) yield break;
        var pieces = FloorAttribution.Split(MsAt(start), MsAt(end), turns, Math.Max(nowMs, MsAt(end)));
        var attributedMs = pieces.Sum(p => p.EndMs - p.StartMs);
        UnattributedSeconds += Math.Max(0, MsAt(end) - MsAt(start) - attributedMs) / 1000.0;
        foreach (var piece in pieces)
        {
            var from = Math.Max(start, SampleAt(piece.StartMs));
            var to = Math.Min(end, SampleAt(piece.EndMs));
            if (to > from) yield return new SpeechJob(piece.TurnId, MsAt(from), MsAt(to), Slice(from, to), span.SpeechRatio);
        }
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        if (_bufferCount + samples.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _bufferCount + samples.Length));
        samples.CopyTo(_buffer.AsSpan(_bufferCount));
        _bufferCount += samples.Length;
    }

    private float[] Slice(long from, long to) =>
        _buffer.AsSpan((int)(from - _bufferStart), (int)(to - from)).ToArray();

    /// <summary>Keeps only audio an open span may still need (plus padding); a turn rarely speaks 60 s without a pause.</summary>
    private void Trim()
    {
        var keepFrom = _segmenter.InSpeech(out var openStart)
            ? _segmenterBase + openStart - Rate
            : _processed - Rate;
        keepFrom = Math.Max(keepFrom, _processed - 60L * Rate);
        var drop = (int)Math.Clamp(keepFrom - _bufferStart, 0, _bufferCount);
        if (drop < Rate * 10) return;
        Array.Copy(_buffer, drop, _buffer, 0, _bufferCount - drop);
        _bufferCount -= drop;
        _bufferStart += drop;
    }

    public void Dispose() => _segmenter.Dispose();
}

/// <summary>
/// Joining pieces of speech that wait in the queue: every recognition pays for a whole 30 s encoder window, so
/// when recognition has fallen behind, consecutive pieces of one turn are recognised together in one window.
/// </summary>
public static class SpeechJobMerge
{
    /// <summary>Longest pause kept inside a joined window; a longer one separates the pieces.</summary>
    public const long MaxPauseMs = 2_000;

    /// <summary>Joined windows stay under whisper's 30 s, with room for the decoder's last timestamp.</summary>
    public const long MaxSpanMs = 28_000;

    /// <summary>Whether <paramref name="next"/> may join a window that currently spans <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static bool CanJoin(SpeechJob first, SpeechJob last, SpeechJob next) =>
        next.TurnId == first.TurnId
        && next.StartMs >= last.EndMs
        && next.StartMs - last.EndMs <= MaxPauseMs
        && next.EndMs - first.StartMs <= MaxSpanMs;

    /// <summary>One job over consecutive pieces, with each pause between them kept as silence so times stay exact.</summary>
    public static SpeechJob Join(IReadOnlyList<SpeechJob> pieces)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pieces.Count);
        if (pieces.Count == 1) return pieces[0];
        const int samplesPerMs = VoiceActivityOptions.SampleRate / 1000;
        var first = pieces[0];
        var last = pieces[^1];
        var samples = new List<float>((int)((last.EndMs - first.StartMs) * samplesPerMs));
        double speechSamples = 0;
        long pieceSamples = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0) samples.AddRange(new float[(int)((pieces[i].StartMs - pieces[i - 1].EndMs) * samplesPerMs)]);
            samples.AddRange(pieces[i].Samples);
            speechSamples += pieces[i].VadSpeechRatio * pieces[i].Samples.Length;
            pieceSamples += pieces[i].Samples.Length;
        }
        // The pauses between pieces are known silence, not evidence against the speech: the ratio is the pieces'.
        return new SpeechJob(first.TurnId, first.StartMs, last.EndMs, samples.ToArray(), speechSamples / Math.Max(1, pieceSamples));
    }
}
