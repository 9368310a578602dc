using System.Globalization;
using MeetingAssist.Transcribe.Vad;
using Xunit.Abstractions;

namespace MeetingAssist.Transcribe.Tests;

/// <summary>A hall-like recording with a known layout: which frames are speech is known exactly.</summary>
public sealed class HallMixFixture : IDisposable
{
    public const int Rate = VoiceActivityOptions.SampleRate;

    public HallMixFixture()
    {
        Folder = Directory.CreateTempSubdirectory("ma-vad-").FullName;
        string[] sentences =
        [
            "Tôi đề nghị xã sửa chữa đường liên thôn trước mùa mưa bão.",
            "Xin trả lời ý kiến của ông về việc cấp giấy chứng nhận quyền sử dụng đất.",
            "Tôi chưa đồng ý với câu trả lời, đề nghị xã kiểm tra lại thực tế.",
        ];
        var parts = new List<(string Kind, float[] Samples)>
        {
            ("silence", Silence(1.5)),
            ("speech", Speech(sentences[0], "a")),
            ("white noise", Sox("white.wav", "synth", "2", "whitenoise", "vol", "0.08")),
            ("speech", Speech(sentences[1], "b")),
            ("pink noise", Sox("pink.wav", "synth", "2", "pinknoise", "vol", "0.15")),
            ("silence", Silence(1)),
            ("claps", Claps()),
            ("music", Music()),
            ("speech", Speech(sentences[2], "c")),
            ("silence", Silence(1.5)),
        };
        var all = new List<float>();
        foreach (var (kind, samples) in parts)
        {
            Layout.Add((kind, all.Count, all.Count + samples.Length));
            all.AddRange(samples);
        }
        Samples = all.ToArray();
    }

    public string Folder { get; }

    public float[] Samples { get; }

    /// <summary>Each part of the mix and where it lies, in samples.</summary>
    public List<(string Kind, int Start, int End)> Layout { get; } = [];

    public bool IsSpeech(long sample) => Layout.Any(p => p.Kind == "speech" && sample >= p.Start && sample < p.End);

    private float[] Speech(string text, string name)
    {
        var raw = Path.Combine(Folder, name + "-raw.wav");
        SpeechSamples.Speak(text, raw);
        var trimmed = Path.Combine(Folder, name + ".wav");
        // Trim espeak's own leading and trailing silence so the truth starts and ends with the voice.
        SpeechSamples.RunTool("sox", "sox", [raw, "-r", $"{Rate}", "-c", "1", "-b", "16", trimmed,
            "silence", "1", "0.02", "1%", "reverse", "silence", "1", "0.02", "1%", "reverse"]);
        return Decode(trimmed);
    }

    private float[] Sox(string name, params string[] effect)
    {
        var path = Path.Combine(Folder, name);
        SpeechSamples.RunTool("sox", "sox", ["-n", "-r", $"{Rate}", "-c", "1", "-b", "16", path, .. effect]);
        return Decode(path);
    }

    private float[] Claps()
    {
        // Sharp decaying noise bursts five times a second, like a hall applauding.
        var clap = Sox("clap.wav", "synth", "0.05", "whitenoise", "fade", "q", "0.002", "0.05", "0.045", "vol", "0.9", "pad", "0", "0.15");
        return Enumerable.Repeat(clap, 10).SelectMany(c => c).ToArray();
    }

    private float[] Music()
    {
        string[] notes = ["C4", "E4", "G4", "C5", "G4", "E4", "D4", "F4"];
        return notes.SelectMany((n, i) => Sox($"note{i}.wav", "synth", "0.35", "pluck", n, "vol", "0.6")).ToArray();
    }

    private static float[] Silence(double seconds) => new float[(int)(seconds * Rate)];

    private static float[] Decode(string path) => AudioDecoder.DecodeFileAsync(path).GetAwaiter().GetResult();

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public sealed class VadTests(HallMixFixture mix, ITestOutputHelper output) : IClassFixture<HallMixFixture>
{
    private static SileroVadModel LoadSilero()
    {
        var path = SileroVadModel.Locate(out var reason)
            ?? throw new InvalidOperationException("The Silero model is needed for this test. " + reason);
        return SileroVadModel.Load(path);
    }

    /// <summary>Scores the model alone: each 512-sample frame whose probability reaches the start threshold.</summary>
    private (double Precision, double Recall, Dictionary<string, double> FalseRate) ScoreFrames(IReadOnlyList<float> probabilities)
    {
        var spans = probabilities.Select((p, i) => (p, i)).Where(x => x.p >= 0.5f)
            .Select(x => new SpeechSpan(x.i * 512L, (x.i + 1) * 512L, x.p, 1, 1)).ToList();
        return Score(spans);
    }

    private (double Precision, double Recall, Dictionary<string, double> FalseRate) Score(IReadOnlyList<SpeechSpan> spans)
    {
        const int frame = 512;
        long tp = 0, fp = 0, fn = 0;
        var falseByKind = new Dictionary<string, (long Hit, long Total)>();
        for (long start = 0; start + frame <= mix.Samples.Length; start += frame)
        {
            var centre = start + frame / 2;
            var truth = mix.IsSpeech(centre);
            var said = spans.Any(s => centre >= s.StartSample && centre < s.EndSample);
            if (truth && said) tp++;
            else if (!truth && said) fp++;
            else if (truth) fn++;
            if (!truth)
            {
                var kind = mix.Layout.First(p => centre >= p.Start && centre < p.End).Kind;
                var (hit, total) = falseByKind.GetValueOrDefault(kind);
                falseByKind[kind] = (hit + (said ? 1 : 0), total + 1);
            }
        }
        return (tp / (double)Math.Max(1, tp + fp), tp / (double)Math.Max(1, tp + fn),
            falseByKind.ToDictionary(k => k.Key, k => k.Value.Hit / (double)k.Value.Total));
    }

    private void Report(string name, (double Precision, double Recall, Dictionary<string, double> FalseRate) s, int spans)
    {
        var parts = string.Join(", ", s.FalseRate.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value.ToString("P0", CultureInfo.InvariantCulture)}"));
        output.WriteLine($"{name}: precision {s.Precision:F3}, recall {s.Recall:F3}, spans {spans}; non-speech marked as speech: {parts}");
    }

    [Fact]
    public void Silero_FindsSpeechFrames_AndIgnoresNoiseClapsAndMusic()
    {
        using var model = LoadSilero();
        using var segmenter = new SpeechSegmenter(model);
        var spans = segmenter.Push(mix.Samples).Concat(segmenter.Flush()).ToList();
        var frames = ScoreFrames(segmenter.Probabilities);
        var score = Score(spans);
        Report("Silero VAD v5, frames", frames, spans.Count);
        Report("Silero VAD v5, spans (with 400 ms hangover and 100 ms padding)", score, spans.Count);

        // The model itself: claps, music and silence never pass for speech.
        Assert.True(frames.Precision >= 0.9, $"frame precision {frames.Precision:F3}");
        Assert.True(frames.Recall >= 0.85, $"frame recall {frames.Recall:F3}");
        foreach (var kind in (string[])["claps", "music", "silence"])
            Assert.True(frames.FalseRate[kind] <= 0.05, $"{kind}: {frames.FalseRate[kind]:P0} of frames taken for speech");
        // Noise that follows a voice directly is taken for speech only while the model's state decays
        // (well under half a second); the rest of the noise is rejected.
        foreach (var noise in mix.Layout.Where(p => p.Kind.EndsWith("noise")))
        {
            var late = segmenter.Probabilities.Select((p, i) => (p, centre: i * 512L + 256))
                .Where(x => x.p >= 0.5f && x.centre >= noise.Start + HallMixFixture.Rate / 2 && x.centre < noise.End).ToList();
            Assert.True(late.Count == 0, $"{noise.Kind}: {late.Count} frames taken for speech more than 0.5 s after the voice stopped");
        }
        // The spans add a deliberate hangover so words are never clipped; they still cover the speech.
        Assert.True(score.Recall >= 0.95, $"span recall {score.Recall:F3}");
        Assert.True(score.Precision >= 0.85, $"span precision {score.Precision:F3}");
        Assert.Equal(3, spans.Count);
    }

    [Fact]
    public void EnergyGate_FallsForNoise_WhichIsWhySileroIsTheDefault()
    {
        using var silero = LoadSilero();
        var sileroScore = Score(SpeechSegmenter.Detect(silero, mix.Samples));
        var spans = SpeechSegmenter.Detect(new EnergyGate(), mix.Samples);
        var score = Score(spans);
        Report("Energy gate", score, spans.Count);

        Assert.True(score.Recall >= 0.8, $"the fallback still finds speech: recall {score.Recall:F3}");
        Assert.True(score.Precision < sileroScore.Precision, "the fallback is less precise than the model");
    }

    [Fact]
    public void Segmenter_CutsEachUtteranceSeparately_AndNeverExceedsTheWindow()
    {
        using var model = LoadSilero();
        var options = new VoiceActivityOptions { MaxSpanMs = 2_000 };
        var spans = SpeechSegmenter.Detect(model, mix.Samples, options);
        var padSamples = options.PadMs * HallMixFixture.Rate / 1000;
        Assert.All(spans, s => Assert.True(s.EndSample - s.StartSample <= 2_000 * HallMixFixture.Rate / 1000 + 2 * padSamples + 512,
            $"span {s.Start}–{s.End} is longer than the window"));
        foreach (var speech in mix.Layout.Where(p => p.Kind == "speech"))
            Assert.Contains(spans, s => s.StartSample < speech.End && s.EndSample > speech.Start);
    }

    [Fact]
    public void Streaming_InOddSizedChunks_GivesTheSameSpansAsOneBuffer()
    {
        using var model = LoadSilero();
        var whole = SpeechSegmenter.Detect(model, mix.Samples);
        using var segmenter = new SpeechSegmenter(model);
        var streamed = new List<SpeechSpan>();
        var random = new Random(7);
        for (var i = 0; i < mix.Samples.Length;)
        {
            var n = Math.Min(random.Next(1, 3000), mix.Samples.Length - i);
            streamed.AddRange(segmenter.Push(mix.Samples.AsSpan(i, n)));
            i += n;
        }
        streamed.AddRange(segmenter.Flush());
        Assert.Equal(whole, streamed);
    }

    [Fact]
    public void Silence_HasNoSpans_AndAShortClickIsDropped()
    {
        using var model = LoadSilero();
        Assert.Empty(SpeechSegmenter.Detect(model, new float[HallMixFixture.Rate * 3]));
        var click = new float[HallMixFixture.Rate * 2];
        for (var i = 16_000; i < 16_200; i++) click[i] = i % 2 == 0 ? 0.9f : -0.9f;
        Assert.Empty(SpeechSegmenter.Detect(new EnergyGate(), click));
    }

    [Fact]
    public void Locate_WithAMissingFile_ExplainsTheFallbackInVietnamese()
    {
        var previous = Environment.GetEnvironmentVariable("MEETINGASSIST_CACHE");
        var previousPath = Environment.GetEnvironmentVariable(SileroVadModel.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable("MEETINGASSIST_CACHE", Path.Combine(mix.Folder, "empty-cache"));
            Environment.SetEnvironmentVariable(SileroVadModel.PathVariable, null);
            Assert.Null(SileroVadModel.Locate(out var reason));
            Assert.Contains("ngưỡng năng lượng", reason);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MEETINGASSIST_CACHE", previous);
            Environment.SetEnvironmentVariable(SileroVadModel.PathVariable, previousPath);
        }
    }

    [Fact]
    public void Load_OfANonModelFile_IsAClearError()
    {
        var bogus = Path.Combine(mix.Folder, "bogus.onnx");
        File.WriteAllText(bogus, "not a model");
        var ex = Assert.Throws<InvalidDataException>(() => SileroVadModel.Load(bogus));
        Assert.Contains("không hợp lệ", ex.Message);
    }
}
