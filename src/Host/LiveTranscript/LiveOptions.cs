using MeetingAssist.Host.Common;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
namespace MeetingAssist.Host.LiveTranscript;

/// <summary>Settings under <c>MeetingAssist:Live</c>.</summary>
public sealed class LiveOptions
{
    /// <summary>At most how often live captions of the current speaker are refreshed; final text always goes first.</summary>
    [Range(200, 60000, ErrorMessage = OptionsText.Range)]
    public int CaptionIntervalMs { get; set; } = 1500;

    /// <summary>
    /// Live captions recognise only this many seconds at the end of the open speech, over a shortened encoder
    /// context: a caption is a glimpse that the final text replaces, and must never hold the final text back.
    /// </summary>
    [Range(1, 30, ErrorMessage = OptionsText.Range)]
    public int CaptionSeconds { get; set; } = 10;

    /// <summary>
    /// The final pass decodes greedily, without temperature fallback: a fallback can cost several passes and
    /// would hold every later turn back. Instead, a passage whose text looks like a decoding failure (a loop,
    /// nothing over speech, low confidence) gets a second look with fallback when the worker is free, and a
    /// better text replaces the draft in place.
    /// </summary>
    public bool SecondLook { get; set; } = true;

    /// <summary>
    /// The final pass runs the encoder over a context fitted to each piece (its length and about 2.5 s more)
    /// instead of Whisper's full 30-second window: a 3 s piece of hall speech takes under a third of the time
    /// (docs/PERFORMANCE.md), and a turn's text appears within two seconds of its end. With
    /// <see cref="SecondLook"/> on, every such passage is recognised again over the full window when the hall
    /// falls quiet and the result replaces the draft in place, so the minutes get full-context text. Off: the
    /// final pass uses the full window.
    /// </summary>
    public bool FastFinalPass { get; set; } = true;

    /// <summary>A gap in the incoming audio up to this long is filled with silence to keep the timeline exact.</summary>
    [Range(0, 3600, ErrorMessage = OptionsText.Range)]
    public int MaxGapSeconds { get; set; } = 120;

    /// <summary>Length of each recorded Ogg/Opus file.</summary>
    [Range(1, 240, ErrorMessage = OptionsText.Range)]
    public int RecordingChunkMinutes { get; set; } = 10;

    /// <summary>Hallucination guard thresholds; see <see cref="MeetingAssist.Transcribe.Live.HallucinationGuard"/>.</summary>
    [ValidateObjectMembers]
    public GuardSettings Guard { get; set; } = new();

    [ValidateObjectMembers]
    public ServerCaptureSettings ServerCapture { get; set; } = new();

    public sealed class GuardSettings
    {
        [Range(0.0, 1.0, ErrorMessage = OptionsText.Range)]
        public double MinVadSpeechRatio { get; set; } = 0.3;
        /// <summary>Above 1: never drop a passage for its no-speech probability.</summary>
        [Range(0.0, 2.0, ErrorMessage = OptionsText.Range)]
        public float NoSpeechThreshold { get; set; } = 0.6f;
        [Range(0.0, 1.0, ErrorMessage = OptionsText.Range)]
        public float LowConfidence { get; set; } = 0.4f;

        /// <summary>How far past the end of its audio a segment's timestamp may point before the segment is dropped.</summary>
        [Range(0, 600000, ErrorMessage = OptionsText.Range)]
        public int TimestampToleranceMs { get; set; } = 500;
    }

    /// <summary>The hall microphone read by ffmpeg on the server itself.</summary>
    public sealed class ServerCaptureSettings
    {
        /// <summary>ffmpeg input format of the configured device: alsa or pulse on Linux, dshow on Windows.</summary>
        public string Format { get; set; } = OperatingSystem.IsWindows() ? "dshow" : "alsa";

        /// <summary>ffmpeg input device, e.g. "default", "hw:1,0", "audio=Microphone (USB Audio)".</summary>
        public string Device { get; set; } = "default";

        /// <summary>Read the input at its own pace (needed for files and test sources, which are otherwise read at once).</summary>
        public bool Realtime { get; set; }

        /// <summary>Offer a 440 Hz test tone among the devices (for tests and set-up checks; server configuration only).</summary>
        public bool TestTone { get; set; }

        /// <summary>Capture starts allowed per meeting per hour: each start after a long pause begins a new recording file.</summary>
        [Range(1, 1000, ErrorMessage = OptionsText.Range)]
        public int MaxStartsPerHour { get; set; } = 30;
    }
}
