namespace MeetingAssist.Transcribe.Tests;

public sealed class WhisperModelInfoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ma-models-").FullName;

    public static TheoryData<string, WhisperModelType, string, int> Presets => new()
    {
        { nameof(GgmlModelSpec.Tiny), WhisperModelType.Tiny, "tiny", 80 },
        { nameof(GgmlModelSpec.Base), WhisperModelType.Base, "base", 80 },
        { nameof(GgmlModelSpec.Small), WhisperModelType.Small, "small", 80 },
        { nameof(GgmlModelSpec.Medium), WhisperModelType.Medium, "medium", 80 },
        { nameof(GgmlModelSpec.Large), WhisperModelType.Large, "large", 80 },
        { nameof(GgmlModelSpec.LargeV3), WhisperModelType.Large, "large-v3", 128 },
        { nameof(GgmlModelSpec.LargeV3Turbo), WhisperModelType.Large, "large-v3-turbo", 128 },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Read_HeaderOfEachPublishedSize_ReportsTypeVariantAndDimensions(string preset, WhisperModelType type, string variant, int mels)
    {
        var spec = (GgmlModelSpec)typeof(GgmlModelSpec).GetProperty(preset)!.GetValue(null)!;
        var path = Path.Combine(_folder, $"ggml-{variant}.bin");
        GgmlModelWriter.WriteHeaderOnly(path, spec);

        var info = WhisperModelInfo.Read(path);

        Assert.Equal(type, info.Type);
        Assert.Equal(variant, info.Variant);
        Assert.True(info.IsMultilingual);
        Assert.Equal("f16", info.Quantization);
        Assert.Equal(mels, info.HyperParameters.Mels);
        Assert.Equal(spec.State, info.HyperParameters.AudioState);
        Assert.Equal(spec.AudioLayers, info.HyperParameters.AudioLayers);
        Assert.Equal(new FileInfo(path).Length, info.FileSize);
    }

    [Theory]
    [InlineData(1, "f16")]
    [InlineData(2, "q4_0")]
    [InlineData(3, "q4_1")]
    [InlineData(7, "q8_0")]
    [InlineData(8, "q5_0")]
    [InlineData(9, "q5_1")]
    [InlineData(12, "q4_k")]
    [InlineData(2008, "q5_0")]
    public void Read_FileType_ReportsQuantisation(int fileType, string expected)
    {
        var path = Path.Combine(_folder, "q.bin");
        GgmlModelWriter.WriteHeaderOnly(path, GgmlModelSpec.Small with { FileType = fileType });

        Assert.Equal(expected, WhisperModelInfo.Read(path).Quantization);
    }

    [Fact]
    public void Read_EnglishOnlyVocabulary_IsNotMultilingual()
    {
        var path = Path.Combine(_folder, "ggml-base.en.bin");
        GgmlModelWriter.WriteHeaderOnly(path, GgmlModelSpec.Base with { Vocabulary = 51864 });

        var info = WhisperModelInfo.Read(path);

        Assert.False(info.IsMultilingual);
        Assert.Equal("base.en", info.Variant);
    }

    [Fact]
    public void Read_UnusualLayerCount_IsUnknownButReadable()
    {
        var path = Path.Combine(_folder, "custom.bin");
        GgmlModelWriter.WriteHeaderOnly(path, GgmlModelSpec.TestTiny with { AudioLayers = 3 });

        Assert.Equal(WhisperModelType.Unknown, WhisperModelInfo.Read(path).Type);
    }

    [Theory]
    [InlineData("PK\u0003\u0004 not a model at all, just some bytes long enough to hold a header ......")]
    [InlineData("ggml")]
    [InlineData("")]
    public void Read_NonModelFile_IsRefusedAsNotGgml(string content)
    {
        var path = Path.Combine(_folder, "other.bin");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<InvalidModelException>(() => WhisperModelInfo.Read(path));

        Assert.Equal(ModelProblem.NotGgml, ex.Problem);
        Assert.Equal(path, ex.Path);
    }

    [Theory]
    [InlineData(0, "all-f32")]
    [InlineData(5, "unsupported ftype")]
    public void Read_UnsupportedFileType_IsRefused(int fileType, string reason)
    {
        var path = Path.Combine(_folder, "ftype.bin");
        GgmlModelWriter.WriteHeaderOnly(path, GgmlModelSpec.Base with { FileType = fileType });

        Assert.Contains(reason, Assert.Throws<InvalidModelException>(() => WhisperModelInfo.Read(path)).Reason);
    }

    public static TheoryData<string, GgmlModelSpec> OutOfRangeHeaders => new()
    {
        { "audio context", GgmlModelSpec.Base with { AudioContext = 100_000 } },
        { "audio context", GgmlModelSpec.Base with { AudioContext = 3000 } },
        { "audio context", GgmlModelSpec.Base with { AudioContext = 1499 } },
        { "text context", GgmlModelSpec.Base with { TextContext = 100_000 } },
        { "vocabulary", GgmlModelSpec.Base with { Vocabulary = 1_000_000 } },
        { "vocabulary", GgmlModelSpec.Base with { Vocabulary = 50_000 } },
        { "audio state", GgmlModelSpec.Base with { State = 16_384, Heads = 16 } },
        { "audio state", GgmlModelSpec.Base with { Heads = 64 } },
        { "layer counts", GgmlModelSpec.Base with { AudioLayers = 128 } },
        { "mel bands", GgmlModelSpec.Base with { Mels = 96 } },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeHeaders))]
    public void Read_HeaderBeyondWhisperRanges_IsRefusedAsOutOfRange(string named, GgmlModelSpec spec)
    {
        var path = Path.Combine(_folder, "range.bin");
        GgmlModelWriter.WriteHeaderOnly(path, spec);

        var ex = Assert.Throws<InvalidModelException>(() => WhisperModelInfo.Read(path));

        Assert.Equal(ModelProblem.HeaderOutOfRange, ex.Problem);
        Assert.Contains(named, ex.Reason);
    }

    [Fact]
    public void Read_MismatchedTextState_IsRefused()
    {
        var path = Path.Combine(_folder, "mismatch.bin");
        GgmlModelWriter.WriteHeaderOnly(path, GgmlModelSpec.Base with { Heads = 7 });

        Assert.Throws<InvalidModelException>(() => WhisperModelInfo.Read(path));
    }

    [Fact]
    public void Validate_GeneratedModel_AcceptsEveryTensor()
    {
        var path = Path.Combine(_folder, "tiny.bin");
        GgmlModelWriter.Write(path, GgmlModelSpec.TestTiny);

        var info = WhisperModelInfo.Validate(path);

        Assert.Equal(WhisperModelType.Tiny, info.Type);
        Assert.Equal(11 + 15 * 4 + 24 * 4, GgmlModelWriter.ExpectedTensorCount(GgmlModelSpec.TestTiny));
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.5)]
    [InlineData(0.05)]
    [InlineData(0.0009)]
    public void Validate_TruncatedModel_IsRefused(double keep)
    {
        var path = Path.Combine(_folder, "cut.bin");
        GgmlModelWriter.Write(path, GgmlModelSpec.TestTiny);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);

        var ex = Assert.Throws<InvalidModelException>(() => WhisperModelInfo.Validate(path));

        Assert.Contains("truncated", ex.Reason);
        Assert.Equal(ModelProblem.Truncated, ex.Problem);
    }

    [Theory]
    [InlineData("encoder.conv1.weight")]
    [InlineData("encoder.blocks.0.attn.query.bias")]
    [InlineData("decoder.token_embedding.weight")]
    public void Validate_WrongTensorShape_NamesTheTensor(string tensor)
    {
        var path = Path.Combine(_folder, "shape.bin");
        GgmlModelWriter.Write(path, GgmlModelSpec.TestTiny, corruptShapeOf: tensor);

        var ex = Assert.Throws<InvalidModelException>(() => WhisperModelInfo.Validate(path));

        Assert.Contains($"tensor '{tensor}' has shape", ex.Reason);
    }

    [Fact]
    public void Validate_HeaderClaimsMoreLayersThanWritten_ReportsMissingTensors()
    {
        var path = Path.Combine(_folder, "layers.bin");
        GgmlModelWriter.Write(path, GgmlModelSpec.TestTiny);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            // n_text_layer is the ninth hyper-parameter, after the magic.
            stream.Position = 4 + 8 * 4;
            stream.Write(BitConverter.GetBytes(5));
        }

        var ex = Assert.Throws<InvalidModelException>(() => WhisperModelInfo.Validate(path));

        Assert.Contains("decoder.blocks.4", ex.Reason);
    }

    [Fact]
    public void List_MixedFolder_ListsBinFilesWithInfoOrReason()
    {
        GgmlModelWriter.WriteHeaderOnly(Path.Combine(_folder, "ggml-small.bin"), GgmlModelSpec.Small);
        GgmlModelWriter.WriteHeaderOnly(Path.Combine(_folder, "ggml-large-v3-turbo-q8_0.bin"), GgmlModelSpec.LargeV3Turbo with { FileType = 7 });
        File.WriteAllText(Path.Combine(_folder, "readme.bin"), "hướng dẫn: chép tệp mô hình ggml vào thư mục này rồi chọn trong trang cài đặt");
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not listed");

        var entries = ModelCatalog.List(_folder);

        Assert.Equal(["ggml-large-v3-turbo-q8_0.bin", "ggml-small.bin", "readme.bin"], entries.Select(e => e.FileName));
        Assert.Equal("q8_0", entries[0].Info!.Quantization);
        Assert.Equal("large-v3-turbo", entries[0].Info!.Variant);
        Assert.Equal(WhisperModelType.Small, entries[1].Info!.Type);
        Assert.False(entries[2].IsValid);
        Assert.Contains("magic", entries[2].Error);
        Assert.Equal(ModelProblem.NotGgml, entries[2].Problem);
    }

    [Fact]
    public void List_CheckingBodies_RefusesAHalfCopiedFileWhoseHeaderReadsCorrectly()
    {
        var whole = Path.Combine(_folder, "ggml-a-whole.bin");
        GgmlModelWriter.Write(whole, GgmlModelSpec.TestTiny);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(Path.Combine(_folder, "ggml-b-half.bin"), bytes[..(bytes.Length / 2)]);

        var headers = ModelCatalog.List(_folder);
        var bodies = ModelCatalog.List(_folder, checkBodies: true);

        Assert.All(headers, e => Assert.True(e.IsValid));
        Assert.True(bodies[0].IsValid);
        Assert.False(bodies[1].IsValid);
        Assert.Equal(ModelProblem.Truncated, bodies[1].Problem);
    }

    [Fact]
    public void List_MissingFolder_IsEmpty()
    {
        Assert.Empty(ModelCatalog.List(Path.Combine(_folder, "absent")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
