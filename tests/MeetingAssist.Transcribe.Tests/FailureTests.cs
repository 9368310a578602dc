namespace MeetingAssist.Transcribe.Tests;

[Collection(SpeechCollection.Name)]
[Trait("Category", "Native")]
public sealed class FailureTests(SpeechFixture fixture)
{
    [Fact]
    public async Task FromPath_TruncatedModel_ThrowsInvalidModelAndEngineStillWorks()
    {
        var path = Path.Combine(fixture.Folder, "truncated.bin");
        var bytes = await File.ReadAllBytesAsync(fixture.ModelPath);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)]);

        var ex = Assert.Throws<InvalidModelException>(() => WhisperFactory.FromPath(path));

        Assert.Contains("truncated", ex.Reason);
        Assert.Equal(ModelProblem.Truncated, ex.Problem);
        await AssertEngineStillTranscribes();
    }

    [Fact]
    public async Task FromPath_NotAModel_ThrowsInvalidModel()
    {
        var path = Path.Combine(fixture.Folder, "notes.bin");
        await File.WriteAllTextAsync(path, "Biên bản cuộc họp ngày 12 tháng 3 — không phải mô hình.");

        var ex = Assert.Throws<InvalidModelException>(() => WhisperFactory.FromPath(path));

        Assert.Contains("magic", ex.Reason);
        Assert.Equal(ModelProblem.NotGgml, ex.Problem);
        await AssertEngineStillTranscribes();
    }

    [Fact]
    public async Task FromPath_WrongTensorShape_ThrowsNamingTheTensor()
    {
        var path = Path.Combine(fixture.Folder, "wrong-shape.bin");
        GgmlModelWriter.Write(path, GgmlModelSpec.TestTiny, corruptShapeOf: "decoder.blocks.2.cross_attn.key.weight");

        var ex = Assert.Throws<InvalidModelException>(() => WhisperFactory.FromPath(path));

        Assert.Contains("decoder.blocks.2.cross_attn.key.weight", ex.Reason);
        Assert.Contains("shape", ex.Reason);
        Assert.Equal(ModelProblem.Inconsistent, ex.Problem);
        await AssertEngineStillTranscribes();
    }

    [Fact]
    public async Task FromPath_MissingFile_ThrowsInvalidModel()
    {
        var ex = Assert.Throws<InvalidModelException>(() => WhisperFactory.FromPath(Path.Combine(fixture.Folder, "absent.bin")));
        Assert.Equal(ModelProblem.Unreadable, ex.Problem);
        await AssertEngineStillTranscribes();
    }

    [Fact]
    public async Task FromPath_HeaderClaimingHugeAudioContext_IsRefusedBeforeTheEngineRunsIt()
    {
        // Such a file loads natively, then a single encoder pass over a 1 s upload runs for minutes.
        var path = Path.Combine(fixture.Folder, "huge-context.bin");
        GgmlModelWriter.Write(path, GgmlModelSpec.TestTiny with { AudioContext = 100_000 });

        var ex = Assert.Throws<InvalidModelException>(() => WhisperFactory.FromPath(path));

        Assert.Equal(ModelProblem.HeaderOutOfRange, ex.Problem);
        await AssertEngineStillTranscribes();
    }

    [Fact]
    public async Task ProcessFileAsync_EmptyAudioFile_ThrowsAudioDecodeWithVietnameseMessage()
    {
        var path = Path.Combine(fixture.Folder, "empty.wav");
        await File.WriteAllBytesAsync(path, []);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped());

        var ex = await Assert.ThrowsAsync<AudioDecodeException>(() => processor.ProcessFileAsync(path).ToListAsync().AsTask());

        Assert.Equal("Tệp âm thanh rỗng.", ex.UserMessage);
        await AssertEngineStillTranscribes();
    }

    [Theory]
    [InlineData("corrupt.mp3")]
    [InlineData("corrupt.m4a")]
    [InlineData("corrupt.wav")]
    public async Task ProcessFileAsync_CorruptAudioFile_ThrowsAudioDecode(string name)
    {
        var path = Path.Combine(fixture.Folder, name);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped());

        var ex = await Assert.ThrowsAsync<AudioDecodeException>(() => processor.ProcessFileAsync(path).ToListAsync().AsTask());

        Assert.False(string.IsNullOrWhiteSpace(ex.UserMessage));
        await AssertEngineStillTranscribes();
    }

    [Fact]
    public async Task DecodeFileAsync_TruncatedRealFile_DecodesWhatIsThereOrThrowsClearly()
    {
        var path = Path.Combine(fixture.Folder, "cut.m4a");
        var bytes = await File.ReadAllBytesAsync(fixture.Audio["m4a"]);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        // A cut MP4 loses its index; ffmpeg must refuse it rather than feed garbage to the engine.
        await Assert.ThrowsAsync<AudioDecodeException>(() => AudioDecoder.DecodeFileAsync(path));
    }

    [Fact]
    public async Task DecodeFileAsync_MissingFfmpeg_SaysHowToInstall()
    {
        var previous = Environment.GetEnvironmentVariable(Ffmpeg.PathVariable);
        Environment.SetEnvironmentVariable(Ffmpeg.PathVariable, "/nonexistent/ffmpeg");
        try
        {
            // A WAV is read in-process; every other format needs ffmpeg.
            var ex = await Assert.ThrowsAsync<AudioDecodeException>(() => AudioDecoder.DecodeFileAsync(fixture.Audio["mp3"]));

            Assert.Contains("apt-get install ffmpeg", ex.Message);
            Assert.Equal("Máy chủ chưa cài ffmpeg nên không đọc được tệp âm thanh.", ex.UserMessage);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Ffmpeg.PathVariable, previous);
        }
    }

    private async Task AssertEngineStillTranscribes()
    {
        await using var processor = fixture.Factory.CreateProcessor(SpeechFixture.Capped(8));
        Assert.NotEmpty(await processor.ProcessAsync(new float[WhisperProcessor.SampleRate * 2]).ToListAsync());
    }
}
