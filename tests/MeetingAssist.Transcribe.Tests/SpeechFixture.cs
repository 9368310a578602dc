namespace MeetingAssist.Transcribe.Tests;

/// <summary>One generated tiny model and one spoken sentence in every supported container, shared by the native tests.</summary>
public sealed class SpeechFixture : IDisposable
{
    public SpeechFixture()
    {
        Folder = Directory.CreateTempSubdirectory("ma-speech-").FullName;
        ModelPath = Path.Combine(Folder, "ggml-test-tiny.bin");
        GgmlModelWriter.Write(ModelPath, GgmlModelSpec.TestTiny);

        var wav = Path.Combine(Folder, "speech.wav");
        SpeechSamples.Speak(SpeechSamples.Sentence, wav);
        Audio["wav"] = wav;
        foreach (var format in (string[])["mp3", "m4a", "ogg", "webm"])
        {
            var output = Path.Combine(Folder, "speech." + format);
            SpeechSamples.Convert(wav, output);
            Audio[format] = output;
        }

        LongWav = Path.Combine(Folder, "speech-long.wav");
        SpeechSamples.Loop(wav, LongWav, 90);
        Factory = WhisperFactory.FromPath(ModelPath);
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public Dictionary<string, string> Audio { get; } = [];

    /// <summary>Three 30 s windows of speech, long enough to cancel in the middle.</summary>
    public string LongWav { get; }

    public WhisperFactory Factory { get; }

    /// <summary>Random weights rarely emit end-of-text, so every window is capped.</summary>
    public static WhisperOptions Capped(int maxTokens = 24) => new() { Threads = 2, MaxTokens = maxTokens, TemperatureIncrement = 0 };

    public void Dispose()
    {
        Factory.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SpeechCollection : ICollectionFixture<SpeechFixture>
{
    public const string Name = "speech";
}
