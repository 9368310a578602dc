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

    /// <summary>Condition each window on the previous window's text.</summary>
    public bool UsePreviousText { get; init; }

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

        if (Temperature < 0 || TemperatureIncrement < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), "Temperatures cannot be negative.");
        }
    }
}
