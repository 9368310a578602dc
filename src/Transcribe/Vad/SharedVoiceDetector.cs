namespace MeetingAssist.Transcribe.Vad;

/// <summary>
/// The process's voice detector, loaded once and kept: it holds no per-source state (each audio source gets its
/// own stream), and a native session created and destroyed per use is wasted work. Silero when its model is
/// installed; otherwise the energy gate, with the reason, which every caller must show or log loudly.
/// </summary>
public static class SharedVoiceDetector
{
    private static readonly Lazy<(IVoiceActivityModel Model, string? FallbackReason)> Shared = new(() =>
    {
        var path = SileroVadModel.Locate(out var reason);
        if (path is not null)
        {
            try
            {
                return (SileroVadModel.Load(path), null);
            }
            catch (InvalidDataException ex)
            {
                reason = ex.Message;
            }
        }

        return (new EnergyGate(), reason);
    });

    /// <summary>The detector, and why the energy gate stands in for Silero (null when Silero runs).</summary>
    public static (IVoiceActivityModel Model, string? FallbackReason) Get() => Shared.Value;
}
