using System.Diagnostics;
using System.Text;

namespace MeetingAssist.Transcribe.Tests;

[Collection(SpeechCollection.Name)]
[Trait("Category", "Native")]
public sealed class WhisperProcessorTests(SpeechFixture fixture)
{
    [Fact]
    public void IsAvailable_FromThePackage_LoadsTheCpuRuntime()
    {
        Assert.True(WhisperRuntime.IsAvailable(out var detail), detail);
        Assert.Contains(WhisperRuntime.PackageVersion, detail);
        Assert.Contains("Cpu", detail);
        Assert.Contains("CPU", WhisperRuntime.SystemInfo(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("wav")]
    [InlineData("mp3")]
    [InlineData("m4a")]
    [InlineData("ogg")]
    [InlineData("webm")]
    public async Task ProcessFileAsync_EachFormat_YieldsTimedSegmentsWithinTheAudio(string format)
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio[format]);
        var duration = TimeSpan.FromSeconds(samples.Length / (double)WhisperProcessor.SampleRate);
        Assert.InRange(duration.TotalSeconds, 3, 15);

        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped());
        var segments = await processor.ProcessFileAsync(fixture.Audio[format]).ToListAsync();

        Assert.NotEmpty(segments);
        Assert.All(segments, s =>
        {
            Assert.True(s.Start >= TimeSpan.Zero && s.End >= s.Start, $"{s.Start}..{s.End}");
            Assert.True(s.Start <= duration + TimeSpan.FromSeconds(1), $"segment starts at {s.Start}, audio is {duration}");
            Assert.InRange(s.AverageTokenProbability, 0f, 1f);
            Assert.InRange(s.NoSpeechProbability, 0f, 1f);
            Assert.True(s.Text.IsNormalized(NormalizationForm.FormC), s.Text);
        });
        Assert.Contains(segments, s => s.Text.Length > 0);
    }

    [Fact]
    public async Task ProcessAsync_DecomposedVocabulary_ReturnsNfcText()
    {
        // Every other generated token is stored decomposed (NFD); output must still be composed.
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(48));
        var text = string.Concat(await processor.ProcessAsync(samples).Select(s => s.Text).ToListAsync());

        Assert.NotEqual(text.Normalize(NormalizationForm.FormD), text);
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task ProcessAsync_CancelledMidRun_StopsNativeWorkPromptlyAndProcessorStaysUsable()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.LongWav);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(64));

        var full = Stopwatch.StartNew();
        var all = await processor.ProcessAsync(samples).ToListAsync();
        full.Stop();
        Assert.True(all.Count >= 3, $"expected a segment per 30 s window, got {all.Count}");

        using var cts = new CancellationTokenSource();
        var received = 0;
        var sinceCancel = new Stopwatch();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in processor.ProcessAsync(samples, cts.Token))
            {
                received++;
                sinceCancel.Start();
                await cts.CancelAsync();
            }
        });
        sinceCancel.Stop();

        Assert.Equal(1, received);
        Assert.True(sinceCancel.Elapsed < full.Elapsed * 0.8,
            $"cancellation took {sinceCancel.Elapsed}, a whole run takes {full.Elapsed}: the native run was not aborted");

        var again = await processor.ProcessAsync(samples.AsMemory(0, WhisperProcessor.SampleRate * 5)).ToListAsync();
        Assert.NotEmpty(again);
    }

    [Fact]
    public async Task ProcessAsync_CancelledBeforeStart_ThrowsWithoutSegments()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processor.ProcessAsync(samples, cts.Token).ToListAsync().AsTask());
    }

    [Fact]
    public async Task TwoProcessors_OnOneModelConcurrently_BothMatchTheirSequentialResults()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        var options = SpeechFixture.Capped() with { Threads = 1 };
        await using var first = fixture.Factory.CreateProcessor(options);
        await using var second = fixture.Factory.CreateProcessor(options);
        var expected = await first.ProcessAsync(samples).ToListAsync();

        var a = Task.Run(async () => await first.ProcessAsync(samples).ToListAsync());
        var b = Task.Run(async () => await second.ProcessAsync(samples).ToListAsync());
        await Task.WhenAll(a, b);

        // Greedy decoding at temperature 0 is deterministic, so separate states must not disturb each other.
        Assert.Equal(expected.Select(s => s.Text), (await a).Select(s => s.Text));
        Assert.Equal(expected.Select(s => s.Text), (await b).Select(s => s.Text));
    }

    [Fact]
    public async Task ProcessAsync_TextOnly_ShortAudio_OneSegmentSpanningExactlyTheAudio()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        var duration = TimeSpan.FromSeconds(samples.Length / (double)WhisperProcessor.SampleRate);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped() with { TextOnly = true });

        var segments = await processor.ProcessAsync(samples).ToListAsync();

        var only = Assert.Single(segments);
        Assert.Equal(TimeSpan.Zero, only.Start);
        Assert.Equal(duration, only.End);
        Assert.NotEmpty(only.Text);
    }

    [Fact]
    public async Task ProcessAsync_TextOnly_LongAudio_OneSegmentPer30SecondWindow()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.LongWav);
        var duration = TimeSpan.FromSeconds(samples.Length / (double)WhisperProcessor.SampleRate);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped() with { TextOnly = true });

        var segments = await processor.ProcessAsync(samples).ToListAsync();

        Assert.Equal((int)Math.Ceiling(duration.TotalSeconds / 30), segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(30 * i), segments[i].Start);
            Assert.Equal(i == segments.Count - 1 ? duration : TimeSpan.FromSeconds(30 * (i + 1)), segments[i].End);
        }
    }

    [Fact]
    public async Task ProcessAsync_WithCallOptions_AppliesThemToThatCallOnly()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        var duration = TimeSpan.FromSeconds(samples.Length / (double)WhisperProcessor.SampleRate);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped());
        var before = await processor.ProcessAsync(samples).ToListAsync();

        var caption = await processor.ProcessAsync(samples, processor.Options with
        {
            TextOnly = true,
            AudioContext = WhisperOptions.AudioContextFor(samples.Length),
        }).ToListAsync();
        var after = await processor.ProcessAsync(samples).ToListAsync();

        var glimpse = Assert.Single(caption);
        Assert.Equal((TimeSpan.Zero, duration), (glimpse.Start, glimpse.End));
        // The processor's own options are untouched: the next plain call repeats the first one exactly.
        Assert.Equal(before.Select(s => (s.Start, s.End, s.Text)), after.Select(s => (s.Start, s.End, s.Text)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1501)]
    public async Task ProcessAsync_AudioContextOutOfRange_IsRefusedBeforeNativeCode(int audioContext)
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            processor.ProcessAsync(samples, processor.Options with { AudioContext = audioContext }).ToListAsync().AsTask());
        Assert.NotEmpty(await processor.ProcessAsync(samples).ToListAsync());
    }

    [Theory]
    [InlineData(16_000, 178)]       // 1 s: 50 positions a second and a 128-position margin
    [InlineData(160_000, 628)]      // 10 s
    [InlineData(1_600, 133)]        // very short: the margin still gives the encoder silence after the word
    [InlineData(32_016, 229)]       // 2.001 s: a part of a position counts as a whole one
    [InlineData(68_640 * 16, 1500)] // 68.64 s: capped
    [InlineData(480_000, 1500)]     // 30 s: the whole window
    [InlineData(960_000, 1500)]     // longer audio never asks for more than the window
    public void AudioContextFor_CoversTheAudioWithAMargin(int samples, int expected) =>
        Assert.Equal(expected, WhisperOptions.AudioContextFor(samples));

    [Fact]
    public async Task ProcessAsync_WhileAlreadyRunning_IsRefused()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.LongWav);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(64));
        await using var running = processor.ProcessAsync(samples).GetAsyncEnumerator();
        Assert.True(await running.MoveNextAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => processor.ProcessAsync(samples).ToListAsync().AsTask());
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsSafeAndLaterUseThrowsObjectDisposed()
    {
        var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped());
        await processor.DisposeAsync();
        await processor.DisposeAsync();
        processor.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => processor.ProcessAsync(new float[16000]).ToListAsync().AsTask());
    }

    [Fact]
    public async Task DisposeAsync_DuringRun_AbortsTheRunAndFreesState()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.LongWav);
        var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(64));
        var enumerator = processor.ProcessAsync(samples).GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());

        var dispose = processor.DisposeAsync().AsTask();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await enumerator.MoveNextAsync())
            {
            }
        });
        await enumerator.DisposeAsync();
        await dispose.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Factory_DisposedBeforeItsProcessor_KeepsModelAliveUntilProcessorIsDone()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        var factory = WhisperFactory.FromPath(fixture.ModelPath);
        await using var processor = factory.CreateProcessor(SpeechFixture.Capped());
        factory.Dispose();

        Assert.NotEmpty(await processor.ProcessAsync(samples).ToListAsync());
        Assert.Throws<ObjectDisposedException>(() => factory.CreateProcessor());
    }

    [Fact]
    public void FromPath_ReportsModelInfoAndLoadTime()
    {
        using var factory = WhisperFactory.FromPath(fixture.ModelPath);

        Assert.Equal(WhisperModelType.Tiny, factory.Model.Type);
        Assert.True(factory.Model.IsMultilingual);
        Assert.True(factory.LoadTime > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("")]
    public void CreateProcessor_WithoutAFixedLanguage_IsRefused(string language)
    {
        Assert.Throws<ArgumentException>(() => fixture.Factory.CreateProcessor(new WhisperOptions { Language = language }));
    }

    [Fact]
    public void CreateProcessor_UnknownLanguage_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => fixture.Factory.CreateProcessor(new WhisperOptions { Language = "xx" }));
    }

    [Fact]
    public async Task ProcessAsync_WithBeamSearchPromptAndThresholds_Runs()
    {
        var samples = await AudioDecoder.DecodeFileAsync(fixture.Audio["wav"]);
        var options = SpeechFixture.Capped(16) with
        {
            BeamSize = 2,
            InitialPrompt = "Hội nghị tiếp xúc cử tri phường Bến Thành",
            NoSpeechThreshold = 0.5f,
            LogProbThreshold = -2f,
            EntropyThreshold = 2.8f,
            SuppressNonSpeechTokens = true,
            TokenTimestamps = true,
            Temperature = 0.1f,
            TemperatureIncrement = 0.2f,
        };
        await using var processor = fixture.Factory.CreateProcessor(options);

        Assert.NotEmpty(await processor.ProcessAsync(samples).ToListAsync());
    }
}
