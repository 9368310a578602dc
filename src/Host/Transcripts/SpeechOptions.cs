using MeetingAssist.Host.Common;
using System.ComponentModel.DataAnnotations;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

/// <summary>Settings under <c>MeetingAssist:Speech</c>.</summary>
public sealed class SpeechOptions
{
    /// <summary>Folder holding whisper ggml <c>.bin</c> files; empty means <c>&lt;data folder&gt;/models</c>.</summary>
    public string ModelsFolder { get; set; } = "";

    /// <summary>CPU threads per transcription; 0 means one per processor.</summary>
    [Range(0, 256, ErrorMessage = OptionsText.Range)]
    public int Threads { get; set; }

    /// <summary>Cap on tokens per 30 s window; 0 means no cap. Real speech needs about 200.</summary>
    [Range(0, 448, ErrorMessage = OptionsText.Range)]
    public int MaxTokensPerWindow { get; set; }

    /// <summary>1 decodes greedily (fastest); larger values use beam search.</summary>
    [Range(1, 8, ErrorMessage = OptionsText.Range)]
    public int BeamSize { get; set; } = 1;

    /// <summary>Names and terms that prime the decoder (place names, officials' titles).</summary>
    public string InitialPrompt { get; set; } = "";

    /// <summary>Largest recording accepted by the upload, in bytes.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = OptionsText.Range)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public string ResolveModelsFolder(string dataFolder) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(ModelsFolder) ? Path.Combine(dataFolder, "models") : ModelsFolder);

    public WhisperOptions ToWhisperOptions() => new()
    {
        Language = "vi",
        Threads = Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount),
        MaxTokens = MaxTokensPerWindow,
        BeamSize = BeamSize,
        InitialPrompt = string.IsNullOrWhiteSpace(InitialPrompt) ? null : InitialPrompt.Normalize(System.Text.NormalizationForm.FormC),
    };

    /// <summary>How the segments were produced, stored with each one so a draft can be judged later.</summary>
    public static string Describe(WhisperOptions o) =>
        $"lang={o.Language}; {(o.BeamSize > 1 ? $"beam={o.BeamSize}" : "greedy")}; threads={o.Threads}; max_tokens={o.MaxTokens}"
        + (o.TemperatureIncrement > 0 ? "" : "; no_fallback") + (o.TextOnly ? "; text_only" : "")
        + (o.AudioContext > 0 ? $"; audio_ctx={o.AudioContext}" : "");
}
