using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeetingAssist.Transcribe;

internal static unsafe partial class Imports
{
    // Mirrors ma_options in native/shim/ma_whisper_shim.c; the loader refuses a shim whose size differs.
    [StructLayout(LayoutKind.Sequential)]
    internal struct MaOptions
    {
        public int StructSize;
        public int Threads;
        public int BeamSize;
        public int BestOf;
        public int MaxTokens;
        public int NoContext;
        public int SuppressBlank;
        public int SuppressNst;
        public int TokenTimestamps;
        public float Temperature;
        public float TemperatureIncrement;
        public float NoSpeechThreshold;
        public float LogProbThreshold;
        public float EntropyThreshold;
        public int AudioContext;
        public int NoTimestamps;
        public byte* Language;
        public byte* InitialPrompt;
    }

    private const string Shim = WhisperNative.ShimLibrary;
    private const string Whisper = WhisperNative.WhisperLibrary;

    [LibraryImport(Shim)]
    internal static partial int ma_shim_abi();

    [LibraryImport(Shim)]
    internal static partial int ma_options_size();

    [LibraryImport(Shim)]
    internal static partial void ma_set_log(delegate* unmanaged[Cdecl]<int, byte*, void> forward);

    [LibraryImport(Shim)]
    internal static partial IntPtr ma_last_error();

    [LibraryImport(Shim)]
    internal static partial void ma_clear_error();

    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr ma_init_model(string path, int useGpu, int flashAttention);

    [LibraryImport(Shim)]
    internal static partial int ma_full(WhisperContextHandle ctx, WhisperStateHandle state, MaOptions* options,
        float* samples, int sampleCount, int* cancel,
        delegate* unmanaged[Cdecl]<IntPtr, int, void> onSegment, IntPtr userData);

    [LibraryImport(Whisper)]
    internal static partial void whisper_free(IntPtr ctx);

    [LibraryImport(Whisper)]
    internal static partial IntPtr whisper_init_state(WhisperContextHandle ctx);

    [LibraryImport(Whisper)]
    internal static partial void whisper_free_state(IntPtr state);

    [LibraryImport(Whisper)]
    internal static partial IntPtr whisper_print_system_info();

    [LibraryImport(Whisper, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int whisper_lang_id(string language);

    [LibraryImport(Whisper)]
    internal static partial int whisper_is_multilingual(WhisperContextHandle ctx);

    [LibraryImport(Whisper)]
    internal static partial int whisper_token_eot(WhisperContextHandle ctx);

    [LibraryImport(Whisper)]
    internal static partial int whisper_full_n_segments_from_state(IntPtr state);

    [LibraryImport(Whisper)]
    internal static partial long whisper_full_get_segment_t0_from_state(IntPtr state, int segment);

    [LibraryImport(Whisper)]
    internal static partial long whisper_full_get_segment_t1_from_state(IntPtr state, int segment);

    [LibraryImport(Whisper)]
    internal static partial IntPtr whisper_full_get_segment_text_from_state(IntPtr state, int segment);

    [LibraryImport(Whisper)]
    internal static partial float whisper_full_get_segment_no_speech_prob_from_state(IntPtr state, int segment);

    [LibraryImport(Whisper)]
    internal static partial int whisper_full_n_tokens_from_state(IntPtr state, int segment);

    [LibraryImport(Whisper)]
    internal static partial int whisper_full_get_token_id_from_state(IntPtr state, int segment, int token);

    [LibraryImport(Whisper)]
    internal static partial float whisper_full_get_token_p_from_state(IntPtr state, int segment, int token);

    [LibraryImport(Whisper)]
    internal static partial int whisper_pcm_to_mel_with_state(WhisperContextHandle ctx, WhisperStateHandle state,
        float* samples, int sampleCount, int threads);

    [LibraryImport(Whisper)]
    internal static partial int whisper_encode_with_state(WhisperContextHandle ctx, WhisperStateHandle state,
        int offset, int threads);

    internal static int OptionsSize => Unsafe.SizeOf<MaOptions>();
}
