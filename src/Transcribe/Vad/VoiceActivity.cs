namespace MeetingAssist.Transcribe.Vad;

/// <summary>A source of per-frame speech probabilities for 16 kHz mono audio.</summary>
public interface IVoiceActivityModel
{
    /// <summary>Samples per frame the model scores (512 at 16 kHz, i.e. 32 ms).</summary>
    int FrameSamples { get; }

    /// <summary>Short name shown on the status page, e.g. "Silero VAD v5" or "ngưỡng năng lượng".</summary>
    string Name { get; }

    /// <summary>A stream with its own recurrent state; one per audio source.</summary>
    IVoiceActivityStream CreateStream();
}

/// <summary>Scores consecutive frames of one audio source.</summary>
public interface IVoiceActivityStream : IDisposable
{
    /// <summary>Speech probability in [0, 1] for the next frame of exactly <see cref="IVoiceActivityModel.FrameSamples"/> samples.</summary>
    float Score(ReadOnlySpan<float> frame);
}

/// <summary>A stretch of audio judged to be speech, in samples from the start of the stream.</summary>
public sealed record SpeechSpan(long StartSample, long EndSample, float MeanProbability, int SpeechFrames, int Frames)
{
    public TimeSpan Start => TimeSpan.FromSeconds(StartSample / (double)VoiceActivityOptions.SampleRate);
    public TimeSpan End => TimeSpan.FromSeconds(EndSample / (double)VoiceActivityOptions.SampleRate);

    /// <summary>Share of the span's frames above the speech threshold; reported per floor turn.</summary>
    public double SpeechRatio => Frames == 0 ? 0 : SpeechFrames / (double)Frames;
}

/// <summary>How probabilities become speech spans; defaults follow the reference Silero segmenter.</summary>
public sealed record VoiceActivityOptions
{
    public const int SampleRate = 16_000;

    /// <summary>A frame at or above this starts speech.</summary>
    public float StartThreshold { get; init; } = 0.5f;

    /// <summary>Speech continues while frames stay at or above this (hysteresis avoids flapping).</summary>
    public float EndThreshold { get; init; } = 0.35f;

    /// <summary>Shorter bursts (a cough, a clap) are dropped.</summary>
    public int MinSpeechMs { get; init; } = 250;

    /// <summary>A pause at least this long ends a span: the natural place to cut inside a turn.</summary>
    public int MinSilenceMs { get; init; } = 400;

    /// <summary>Added before and after each span so word edges are not clipped.</summary>
    public int PadMs { get; init; } = 100;

    /// <summary>Whisper reads at most 30 s at once; longer speech is cut at the quietest recent frame.</summary>
    public int MaxSpanMs { get; init; } = 29_000;
}
