namespace MeetingAssist.Transcribe.Vad;

/// <summary>
/// Turns a stream of audio into speech spans as it arrives: frames are scored by a voice-activity model,
/// and a span closes at a long enough pause, at the 30 s limit, or when the caller flushes (end of a floor turn).
/// </summary>
public sealed class SpeechSegmenter : IDisposable
{
    private readonly IVoiceActivityStream _stream;
    private readonly VoiceActivityOptions _options;
    private readonly int _frame;
    private readonly float[] _pending;
    private int _pendingCount;
    private long _frameIndex;

    private bool _inSpeech;
    private long _spanStartFrame;
    private long _lastSpeechFrame;
    private int _speechFrames;
    private double _probabilitySum;
    private int _spanFrames;
    private long _quietestFrame;
    private float _quietestProbability;

    public SpeechSegmenter(IVoiceActivityModel model, VoiceActivityOptions? options = null)
    {
        _stream = model.CreateStream();
        _options = options ?? new VoiceActivityOptions();
        _frame = model.FrameSamples;
        _pending = new float[_frame];
    }

    /// <summary>Per-frame probabilities seen so far, for reporting and tests.</summary>
    public List<float> Probabilities { get; } = [];

    private long Ms(int ms) => (long)Math.Ceiling(ms * VoiceActivityOptions.SampleRate / 1000.0 / _frame);

    /// <summary>Feeds samples; returns the spans that closed.</summary>
    public IReadOnlyList<SpeechSpan> Push(ReadOnlySpan<float> samples)
    {
        var closed = new List<SpeechSpan>();
        while (samples.Length > 0)
        {
            var take = Math.Min(_frame - _pendingCount, samples.Length);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];
            if (_pendingCount == _frame)
            {
                Step(_stream.Score(_pending), closed);
                _pendingCount = 0;
            }
        }
        return closed;
    }

    /// <summary>Whether speech is open now, and from which sample (relative to this segmenter's start).</summary>
    public bool InSpeech(out long startSample)
    {
        startSample = _spanStartFrame * _frame;
        return _inSpeech;
    }

    /// <summary>Ends the stream (or a floor turn): closes any open span.</summary>
    public IReadOnlyList<SpeechSpan> Flush()
    {
        var closed = new List<SpeechSpan>();
        if (_inSpeech) Close(_lastSpeechFrame + 1, closed);
        return closed;
    }

    private void Step(float p, List<SpeechSpan> closed)
    {
        Probabilities.Add(p);
        var index = _frameIndex++;
        if (!_inSpeech)
        {
            if (p < _options.StartThreshold) return;
            _inSpeech = true;
            _spanStartFrame = index;
            _lastSpeechFrame = index;
            _speechFrames = 0;
            _probabilitySum = 0;
            _spanFrames = 0;
            _quietestProbability = float.MaxValue;
        }

        _spanFrames++;
        _probabilitySum += p;
        if (p >= _options.EndThreshold)
        {
            _lastSpeechFrame = index;
            _speechFrames++;
        }
        // Remember the quietest frame of the recent past: the least harmful place for a forced cut.
        if (index - _spanStartFrame > Ms(_options.MaxSpanMs) / 2 && p <= _quietestProbability)
        {
            _quietestProbability = p;
            _quietestFrame = index;
        }

        if (index - _lastSpeechFrame >= Ms(_options.MinSilenceMs))
        {
            Close(_lastSpeechFrame + 1, closed);
        }
        else if (index - _spanStartFrame + 1 >= Ms(_options.MaxSpanMs))
        {
            var cutAt = _quietestProbability < _options.EndThreshold ? _quietestFrame : index;
            Close(cutAt + 1, closed);
            if (cutAt < index)
            {
                // Speech goes on after the cut: a new span starts right there.
                _inSpeech = true;
                _spanStartFrame = cutAt + 1;
                _lastSpeechFrame = index;
                _speechFrames = (int)(index - cutAt);
                _spanFrames = (int)(index - cutAt);
                _probabilitySum = _speechFrames * p;
                _quietestProbability = float.MaxValue;
            }
        }
    }

    private void Close(long endFrame, List<SpeechSpan> closed)
    {
        _inSpeech = false;
        var frames = endFrame - _spanStartFrame;
        if (frames < Ms(_options.MinSpeechMs)) return;
        var pad = _options.PadMs * (long)VoiceActivityOptions.SampleRate / 1000;
        var start = Math.Max(0, _spanStartFrame * _frame - pad);
        var end = endFrame * _frame + pad;
        closed.Add(new SpeechSpan(start, end, (float)(_probabilitySum / Math.Max(1, _spanFrames)), _speechFrames, _spanFrames));
    }

    /// <summary>Convenience for whole recordings: all spans of <paramref name="samples"/>.</summary>
    public static IReadOnlyList<SpeechSpan> Detect(IVoiceActivityModel model, ReadOnlySpan<float> samples, VoiceActivityOptions? options = null)
    {
        using var segmenter = new SpeechSegmenter(model, options);
        var spans = new List<SpeechSpan>(segmenter.Push(samples));
        spans.AddRange(segmenter.Flush());
        return spans;
    }

    public void Dispose() => _stream.Dispose();
}
