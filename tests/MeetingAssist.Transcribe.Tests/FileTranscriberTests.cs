using MeetingAssist.Transcribe.Live;
using MeetingAssist.Transcribe.Vad;

namespace MeetingAssist.Transcribe.Tests;

[Collection(SpeechCollection.Name)]
[Trait("Category", "Native")]
public sealed class FileTranscriberTests(SpeechFixture fixture)
{
    private static IVoiceActivityModel Silero()
    {
        var path = SileroVadModel.Locate(out var reason);
        Assert.True(path is not null, reason + " (scripts/test.sh fetches it)");
        return SileroVadModel.Load(path);
    }

    [Fact]
    public async Task TranscribeAsync_TenMinutesOfHallNoise_GivesNoText()
    {
        // Silence, hiss, pink noise, applause, music and door slams: the generated model invents text from any of
        // them, so any passage here would go into the draft transcript and its exports.
        var wav = Path.Combine(fixture.Folder, "non-speech-10min.wav");
        if (!File.Exists(wav)) SpeechSamples.NonSpeech(wav, 600);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(16));
        FileProgress? progress = null;
        var transcriber = new FileTranscriber(processor, Silero(), new HallucinationGuard()) { Progress = p => progress = p };

        var passages = await transcriber.TranscribeAsync(wav).ToListAsync();

        Assert.Empty(passages);
        Assert.NotNull(progress);
        Assert.InRange(progress.Decoded.TotalSeconds, 599, 601);
    }

    [Fact]
    public async Task TranscribeAsync_SpeechBetweenSilences_PassagesLieOnTheSpeech()
    {
        var speech = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        var silence = new float[WhisperProcessor.SampleRate * 20];
        var wav = Path.Combine(fixture.Folder, "speech-silence.wav");
        WriteWav(wav, [.. silence, .. speech, .. silence, .. speech, .. silence]);
        var speechSeconds = speech.Length / (double)WhisperProcessor.SampleRate;
        (double From, double To)[] spoken = [(20, 20 + speechSeconds), (40 + speechSeconds, 40 + 2 * speechSeconds)];
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(16));
        var transcriber = new FileTranscriber(processor, Silero(), new HallucinationGuard());

        var passages = await transcriber.TranscribeAsync(wav).ToListAsync();

        Assert.NotEmpty(passages);
        Assert.All(passages, p => Assert.Contains(spoken, s =>
            p.Segment.Start.TotalSeconds >= s.From - 0.5 && p.Segment.End.TotalSeconds <= s.To + 0.5));
    }

    [Fact]
    public async Task TranscribeAsync_ResumedPastTheFirstSpeech_RecognisesOnlyWhatFollows()
    {
        var speech = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        var silence = new float[WhisperProcessor.SampleRate * 10];
        var wav = Path.Combine(fixture.Folder, "resume.wav");
        WriteWav(wav, [.. speech, .. silence, .. speech]);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(16));
        var transcriber = new FileTranscriber(processor, Silero(), new HallucinationGuard());

        var resumeAt = TimeSpan.FromSeconds(speech.Length / (double)WhisperProcessor.SampleRate + 5);
        var passages = await transcriber.TranscribeAsync(wav, resumeAt).ToListAsync();

        Assert.NotEmpty(passages);
        Assert.All(passages, p => Assert.True(p.Segment.Start >= resumeAt, $"{p.Segment.Start} before {resumeAt}"));
    }

    [Fact]
    public async Task StreamFileAsync_LongFile_ComesInBoundedChunks()
    {
        var chunks = 0;
        long total = 0;
        await foreach (var chunk in AudioDecoder.StreamFileAsync(fixture.LongWav, chunkSamples: 8_000))
        {
            Assert.InRange(chunk.Length, 1, 8_000);
            total += chunk.Length;
            chunks++;
        }

        Assert.Equal(90 * WhisperProcessor.SampleRate, total);
        Assert.True(chunks >= 180);
    }

    private static void WriteWav(string path, float[] samples)
    {
        using var writer = new NAudio.Wave.WaveFileWriter(path, new NAudio.Wave.WaveFormat(WhisperProcessor.SampleRate, 16, 1));
        writer.WriteSamples(samples, 0, samples.Length);
    }
}
