namespace MeetingAssist.Transcribe;

/// <summary>Decoding options for one processor; defaults follow whisper.cpp, with Vietnamese as the language.</summary>
public sealed record WhisperOptions
{
    /// <summary>Spoken language code. Never auto-detected: a misdetected window would be transcribed as another language.</summary>
    public string Language { get; init; } = "vi";

    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>1 decodes greedily; above 1 uses beam search of that width.</summary>
    public int BeamSize { get; init; } = 1;

    /// <summary>Candidates sampled when greedy decoding falls back to a higher temperature.</summary>
    public int BestOf { get; init; } = 5;

    /// <summary>Text that primes the decoder with names and terms likely to be spoken.</summary>
    public string? InitialPrompt { get; init; }

    /// <summary>Maximum tokens per segment; 0 means unlimited.</summary>
    public int MaxTokens { get; init; }

    public float NoSpeechThreshold { get; init; } = 0.6f;

    public float LogProbThreshold { get; init; } = -1.0f;

    public float EntropyThreshold { get; init; } = 2.4f;

    public bool SuppressBlank { get; init; } = true;

    /// <summary>Suppress non-speech tokens such as music notes and bracketed sound descriptions.</summary>
    public bool SuppressNonSpeechTokens { get; init; }

    public float Temperature { get; init; }

    /// <summary>Step by which the temperature rises when a window fails the thresholds; 0 disables fallback.</summary>
    public float TemperatureIncrement { get; init; } = 0.2f;

    public bool TokenTimestamps { get; init; }

    /// <summary>
    /// Decode text without timestamp tokens: each 30 s window yields one segment spanning it. Suits audio
    /// already cut at pauses (live speech pieces), where the piece's own bounds are the segment's times.
    /// </summary>
    public bool TextOnly { get; init; }

    /// <summary>Full encoder window length in positions (30 s of audio, 50 per second).</summary>
    public const int FullAudioContext = 1500;

    /// <summary>
    /// Encoder positions to compute, 0 for the whole 30 s window. A short stretch of audio encoded over a
    /// shorter context costs proportionally less, at some loss of accuracy: fit for live captions that the
    /// final pass replaces, not for the minutes.
    /// </summary>
    public int AudioContext { get; init; }

    /// <summary>
    /// An encoder context that covers <paramref name="samples"/> at 16 kHz (50 positions a second) with 128
    /// positions (2.56 s) more: the models were trained on padded 30-second windows, and a context cut right at
    /// the last word tends to lose it or repeat itself, which a margin of trailing silence avoids.
    /// </summary>
    public static int AudioContextFor(int samples)
    {
        var positions = (int)Math.Ceiling(samples / 16_000.0 * 50) + 128;
        return Math.Min(positions, FullAudioContext);
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Language) || Language.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A language must be named; automatic detection is not used.", nameof(Language));
        }

        if (Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "At least one thread is needed.");
        }

        if (BeamSize is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(BeamSize), BeamSize, "Beam size must be between 1 and 8.");
        }

        if (BestOf is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(BestOf), BestOf, "BestOf must be between 1 and 8.");
        }

        if (MaxTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens cannot be negative.");
        }

        if (AudioContext is < 0 or > FullAudioContext)
        {
            throw new ArgumentOutOfRangeException(nameof(AudioContext), AudioContext, "The encoder context is 0 (full) to 1500 positions.");
        }

        if (Temperature < 0 || TemperatureIncrement < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), "Temperatures cannot be negative.");
        }
    }
}
