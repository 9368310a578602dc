using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MeetingAssist.Transcribe.Vad;

/// <summary>
/// The Silero voice-activity model (v5, ONNX) run with ONNX Runtime. Loaded once; each audio source gets its
/// own <see cref="IVoiceActivityStream"/> carrying the model's recurrent state and the previous frame's tail.
/// </summary>
public sealed class SileroVadModel : IVoiceActivityModel, IDisposable
{
    public const string FileName = "silero_vad_v5.onnx";
    public const string PathVariable = "MEETINGASSIST_VAD_MODEL";

    // The reference implementation feeds each 512-sample frame with the last 64 samples of the one before.
    private const int ContextSamples = 64;
    private const int StateSize = 2 * 1 * 128;

    private readonly InferenceSession _session;
    private readonly SessionOptions _options;

    private SileroVadModel(InferenceSession session, SessionOptions options, string path)
    {
        _session = session;
        _options = options;
        ModelPath = path;
    }

    public int FrameSamples => 512;

    public string Name => "Silero VAD v5";

    public string ModelPath { get; }

    /// <summary>Where the model is looked for: the environment variable, the build cache, next to the application.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var list = new List<string>();
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } env) list.Add(env);
        var cache = Environment.GetEnvironmentVariable("MEETINGASSIST_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "meetingassist");
        list.Add(Path.Combine(cache, "vad", "0.0.31", FileName));
        list.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        return list;
    }

    /// <summary>Finds the model file; when missing, says in Vietnamese what to run.</summary>
    public static string? Locate(out string reason)
    {
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate))
            {
                reason = "";
                return candidate;
            }
        }
        reason = "Chưa có mô hình phát hiện giọng nói Silero (silero_vad_v5.onnx); đang dùng ngưỡng năng lượng thay thế. " +
                 "Chạy scripts/fetch-vad-model.sh để cài.";
        return null;
    }

    public static SileroVadModel Load(string path)
    {
        // One thread per inference: frames are tiny and several audio sources may run at once.
        // The options live as long as the session: the native session may still refer to them.
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        try
        {
            return new SileroVadModel(new InferenceSession(path, options), options, path);
        }
        catch (OnnxRuntimeException ex)
        {
            options.Dispose();
            throw new InvalidDataException($"Tệp mô hình phát hiện giọng nói không hợp lệ: {path} ({ex.Message})", ex);
        }
    }

    public IVoiceActivityStream CreateStream() => new Stream(this);

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    private sealed class Stream(SileroVadModel model) : IVoiceActivityStream
    {
        private readonly float[] _input = new float[ContextSamples + 512];
        private float[] _state = new float[StateSize];
        private static readonly DenseTensor<long> SampleRate = new(new long[] { VoiceActivityOptions.SampleRate }, []);

        public float Score(ReadOnlySpan<float> frame)
        {
            if (frame.Length != 512) throw new ArgumentException("Silero VAD scores frames of exactly 512 samples.", nameof(frame));
            frame.CopyTo(_input.AsSpan(ContextSamples));
            var inputs = new[]
            {
                NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(_input, [1, _input.Length])),
                NamedOnnxValue.CreateFromTensor("state", new DenseTensor<float>(_state, [2, 1, 128])),
                NamedOnnxValue.CreateFromTensor("sr", SampleRate),
            };
            float probability;
            using (var results = model._session.Run(inputs))
            {
                probability = 0;
                foreach (var result in results)
                {
                    if (result.Name == "output") probability = result.AsEnumerable<float>().First();
                    else if (result.Name == "stateN") _state = result.AsEnumerable<float>().ToArray();
                }
            }
            // Keep this frame's tail as the next frame's context.
            _input.AsSpan(_input.Length - ContextSamples).CopyTo(_input);
            return probability;
        }

        public void Dispose() { }
    }
}
