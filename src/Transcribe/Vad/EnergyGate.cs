namespace MeetingAssist.Transcribe.Vad;

/// <summary>
/// The fallback when the Silero model file is missing: loudness above an adaptive noise floor. It cannot tell
/// speech from applause or music, which is why the status page says when it is in use.
/// </summary>
public sealed class EnergyGate : IVoiceActivityModel
{
    public int FrameSamples => 512;

    public string Name => "ngưỡng năng lượng (dự phòng)";

    public IVoiceActivityStream CreateStream() => new Stream();

    private sealed class Stream : IVoiceActivityStream
    {
        private double _noiseFloorDb = -60;

        public float Score(ReadOnlySpan<float> frame)
        {
            double sum = 0;
            foreach (var s in frame) sum += s * s;
            var db = 10 * Math.Log10(sum / Math.Max(1, frame.Length) + 1e-12);
            // The floor follows quiet frames quickly and loud ones over about a minute, so a long speech does not raise it.
            _noiseFloorDb += (db < _noiseFloorDb ? 0.2 : 0.0005) * (db - _noiseFloorDb);
            _noiseFloorDb = Math.Max(_noiseFloorDb, -80);
            var margin = db - Math.Max(_noiseFloorDb, -55) - 12;
            return (float)(1 / (1 + Math.Exp(-margin / 2)));
        }

        public void Dispose() { }
    }
}
