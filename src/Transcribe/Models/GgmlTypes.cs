namespace MeetingAssist.Transcribe;

// Tensor element types and file types of ggml as used by whisper.cpp 1.9.1 (ggml.h).
internal static class GgmlTypes
{
    public const int F32 = 0;
    public const int F16 = 1;

    private static readonly Dictionary<int, (string Name, int BlockSize, int BlockBytes)> Types = new()
    {
        [0] = ("f32", 1, 4),
        [1] = ("f16", 1, 2),
        [2] = ("q4_0", 32, 18),
        [3] = ("q4_1", 32, 20),
        [6] = ("q5_0", 32, 22),
        [7] = ("q5_1", 32, 24),
        [8] = ("q8_0", 32, 34),
        [10] = ("q2_k", 256, 84),
        [11] = ("q3_k", 256, 110),
        [12] = ("q4_k", 256, 144),
        [13] = ("q5_k", 256, 176),
        [14] = ("q6_k", 256, 210),
        [30] = ("bf16", 1, 2),
    };

    // ggml_ftype -> ggml_type of the large matrices (ggml_ftype_to_ggml_type).
    private static readonly Dictionary<int, int> FileTypes = new()
    {
        [0] = 0, [1] = 1, [2] = 2, [3] = 3, [7] = 8, [8] = 6, [9] = 7,
        [10] = 10, [11] = 11, [12] = 12, [13] = 13, [14] = 14, [24] = 30,
    };

    public static int? WeightType(int baseFileType) => FileTypes.TryGetValue(baseFileType, out var t) ? t : null;

    public static string FileTypeName(int fileType) =>
        WeightType(fileType % 1000) is { } t ? Types[t].Name : $"unknown ({fileType})";

    public static string Name(int type) => Types.TryGetValue(type, out var t) ? t.Name : $"type {type}";

    public static bool IsKnown(int type) => Types.ContainsKey(type);

    /// <summary>Bytes of a tensor, or null when its rows do not fill whole quantisation blocks.</summary>
    public static long? ByteCount(int type, long rowLength, long elements)
    {
        var (_, block, bytes) = Types[type];
        return rowLength % block != 0 ? null : elements / block * bytes;
    }
}
