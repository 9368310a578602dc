using MeetingAssist.Transcribe.Live;
using MeetingAssist.Transcribe.Vad;

namespace MeetingAssist.Transcribe.Tests;

public class LiveSegmentationTests
{
    private const int Rate = 16_000;
    private const long T0 = 1_767_225_600_000;

    /// <summary>Loud bursts where <paramref name="loud"/> says, silence elsewhere: speech whose timing is known exactly.</summary>
    private static float[] Audio(double seconds, params (double From, double To)[] loud)
    {
        var samples = new float[(int)(seconds * Rate)];
        foreach (var (from, to) in loud)
            for (var i = (int)(from * Rate); i < (int)(to * Rate); i++)
                samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 300 * i / Rate) * (1 + 0.3f * MathF.Sin(2 * MathF.PI * 4 * i / Rate));
        return samples;
    }

    /// <summary>The turns as the chair creates them: a turn exists once its start has passed, and ends when its end has.</summary>
    private static Func<IReadOnlyList<FloorWindow>> Chair(Func<long> now, params (int Id, double Start, double End)[] turns) => () =>
        turns.Where(t => T0 + (long)(t.Start * 1000) <= now())
             .Select(t => new FloorWindow(t.Id, T0 + (long)(t.Start * 1000), T0 + (long)(t.End * 1000) <= now() ? T0 + (long)(t.End * 1000) : null))
             .ToList();

    private static List<(SpeechJob Job, long EmittedAtMs)> Run(float[] audio, Func<IReadOnlyList<FloorWindow>> turns, Action<long> setNow, int chunkMs = 100)
    {
        using var live = new LiveSegmentation(new EnergyGate(), turns, T0);
        var jobs = new List<(SpeechJob, long)>();
        var chunk = Rate * chunkMs / 1000;
        for (var i = 0; i < audio.Length; i += chunk)
        {
            var n = Math.Min(chunk, audio.Length - i);
            var now = T0 + (i + n) * 1000L / Rate;
            setNow(now);
            jobs.AddRange(live.Push(audio.AsSpan(i, n), now).Select(j => (j, now)));
        }
        jobs.AddRange(live.Flush(T0 + audio.Length * 1000L / Rate).Select(j => (j, T0 + audio.Length * 1000L / Rate)));
        return jobs;
    }

    [Fact]
    public void SpeechBeforeTheFloorIsGiven_AndBetweenTurns_GoesToNobody()
    {
        long now = T0;
        var audio = Audio(12, (1, 3), (4, 6.5), (8, 8.9), (9.5, 11));
        var turns = Chair(() => now, (1, 3.5, 7), (2, 9.2, 12));
        var jobs = Run(audio, turns, n => now = n).Select(j => j.Job).ToList();

        Assert.DoesNotContain(jobs, j => j.StartMs < T0 + 3500);
        Assert.DoesNotContain(jobs, j => j.StartMs < T0 + 9200 && j.EndMs > T0 + 7000);
        Assert.Contains(jobs, j => j.TurnId == 1 && j.StartMs <= T0 + 4000 && j.EndMs >= T0 + 6500);
        Assert.Contains(jobs, j => j.TurnId == 2 && j.StartMs <= T0 + 9600 && j.EndMs >= T0 + 11000);
    }

    [Fact]
    public void SpeechAcrossAFloorEvent_IsCutThere_AndTheFirstPartIsReadyAtOnce()
    {
        long now = T0;
        // One continuous voice from 4 s to 9 s; the chair ends turn 1 at 6.5 s and gives the floor to turn 2 at 6.6 s.
        var audio = Audio(11, (4, 9));
        var turns = Chair(() => now, (1, 3, 6.5), (2, 6.6, 11));
        var jobs = Run(audio, turns, n => now = n);

        var first = Assert.Single(jobs, j => j.Job.TurnId == 1);
        Assert.Equal(T0 + 6500, first.Job.EndMs);
        // The citizen's last words do not wait for a pause: they are out as soon as the audio passes the event.
        Assert.True(first.EmittedAtMs <= T0 + 6700, $"emitted {first.EmittedAtMs - T0} ms after capture start");
        var second = Assert.Single(jobs, j => j.Job.TurnId == 2);
        Assert.Equal(T0 + 6600, second.Job.StartMs);
        Assert.InRange(second.Job.EndMs, T0 + 9000, T0 + 9200);
        Assert.Equal((int)((first.Job.EndMs - first.Job.StartMs) * Rate / 1000), first.Job.Samples.Length);
    }

    [Fact]
    public void SilenceOnly_ProducesNoJobs()
    {
        long now = T0;
        Assert.Empty(Run(Audio(5), Chair(() => now, (1, 0.5, 4.5)), n => now = n));
    }

    [Fact]
    public void LongSpeech_IsCutIntoWindowsWhisperCanRead()
    {
        long now = T0;
        var audio = Audio(70, (1, 69));
        var jobs = Run(audio, Chair(() => now, (1, 0.5, 70)), n => now = n).Select(j => j.Job).ToList();
        Assert.True(jobs.Count >= 3);
        Assert.All(jobs, j => Assert.True(j.EndMs - j.StartMs <= 30_000, $"{j.EndMs - j.StartMs} ms"));
        Assert.Equal(68_000, jobs.Sum(j => j.EndMs - j.StartMs), 400d);
    }

    [Fact]
    public void OpenSpeech_GivesTheCurrentTurnsWordsSoFar_ForCaptions()
    {
        long now = T0;
        var audio = Audio(5, (1, 5));
        var turns = Chair(() => now, (1, 0.5, 10));
        using var live = new LiveSegmentation(new EnergyGate(), turns, T0);
        now = T0 + 3000;
        live.Push(audio.AsSpan(0, 3 * Rate), now);
        var open = live.OpenSpeech(now);
        Assert.NotNull(open);
        Assert.Equal(1, open.TurnId);
        Assert.InRange(open.StartMs, T0 + 850, T0 + 1000);
        Assert.Equal(T0 + 3000, open.EndMs);
    }
}
