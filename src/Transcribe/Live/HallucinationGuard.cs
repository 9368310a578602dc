using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MeetingAssist.Transcribe.Live;

/// <summary>What the guard decided about one recognised segment.</summary>
public enum GuardVerdict { Keep, Flag, Drop }

/// <summary>The guard's decision, the text to keep (loops collapsed) and why, in Vietnamese for the secretary.</summary>
public sealed record GuardResult(GuardVerdict Verdict, string Text, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// The audio carries speech but the text looks like a decoding failure (a loop, nothing at all, low
    /// confidence): recognising it again with sampling at higher temperatures often recovers the words.
    /// </summary>
    public bool WorthRetrying { get; init; }
}

/// <summary>What is known about a segment besides its text.</summary>
public sealed record SegmentEvidence(
    string Text,
    TimeSpan Start,
    TimeSpan End,
    TimeSpan AudioDuration,
    float AverageTokenProbability,
    float NoSpeechProbability,
    double VadSpeechRatio);

/// <summary>
/// Whisper invents text on silence, applause and noise — on Vietnamese audio typically video-channel
/// phrases learnt from subtitles. Each rule here removes one such failure; a rule only drops text the
/// audio does not support.
/// </summary>
public sealed partial class HallucinationGuard
{
    /// <summary>Phrases from video subtitles that Whisper emits on non-speech, folded (no diacritics, lower case).</summary>
    public static readonly IReadOnlyList<string> KnownPhrases =
    [
        "hay subscribe cho kenh",
        "dang ky kenh",
        "cam on cac ban da theo doi",
        "hen gap lai cac ban trong nhung video tiep theo",
        "nho like va share",
        "ghien mi go",
        "phu de boi",
        "subtitles by",
    ];

    /// <summary>Segments whose audio the voice detector calls mostly non-speech are dropped.</summary>
    public double MinVadSpeechRatio { get; init; } = 0.3;

    /// <summary>Whisper's own no-speech estimate, combined with low confidence, drops a segment.</summary>
    public float NoSpeechThreshold { get; init; } = 0.6f;

    public float LowConfidence { get; init; } = 0.4f;

    /// <summary>A known phrase is kept only when the audio clearly carries speech and recognition was confident.</summary>
    public float PhraseSupportConfidence { get; init; } = 0.75f;

    public double PhraseSupportVadRatio { get; init; } = 0.7;

    /// <summary>A word group repeated this many times in a row is a decoding loop.</summary>
    public int LoopRepeats { get; init; } = 4;

    /// <summary>How far past the end of the audio a timestamp may point before it is not believed.</summary>
    public TimeSpan TimestampTolerance { get; init; } = TimeSpan.FromMilliseconds(500);

    public GuardResult Check(SegmentEvidence s)
    {
        var reasons = new List<string>();
        var text = s.Text.Normalize(NormalizationForm.FormC).Trim();
        if (text.Length == 0)
            return new(GuardVerdict.Drop, "", ["Đoạn rỗng."]) { WorthRetrying = s.VadSpeechRatio >= MinVadSpeechRatio };

        if (s.Start >= s.AudioDuration || s.End > s.AudioDuration + TimestampTolerance)
            return new(GuardVerdict.Drop, text, [$"Mốc thời gian vượt quá độ dài âm thanh ({s.End:mm\\:ss\\.f} > {s.AudioDuration:mm\\:ss\\.f})."]);

        if (s.VadSpeechRatio < MinVadSpeechRatio)
            return new(GuardVerdict.Drop, text, [$"Bộ phát hiện giọng nói không thấy tiếng nói (tỉ lệ {s.VadSpeechRatio:P0})."]);

        if (s.NoSpeechProbability >= NoSpeechThreshold && s.AverageTokenProbability < LowConfidence)
            return new(GuardVerdict.Drop, text, ["Mô hình đánh giá đây không phải tiếng nói và độ tin cậy thấp."]);

        var folded = Fold(text);
        var phrase = KnownPhrases.FirstOrDefault(folded.Contains);
        if (phrase is not null)
        {
            var supported = s.AverageTokenProbability >= PhraseSupportConfidence && s.VadSpeechRatio >= PhraseSupportVadRatio;
            if (!supported)
                return new(GuardVerdict.Drop, text, ["Câu thường bị nhận dạng nhầm từ tiếng ồn (câu của kênh video), âm thanh không đủ căn cứ."]);
            reasons.Add("Có câu thường bị nhận dạng nhầm; âm thanh rõ nên vẫn giữ, cần thư ký kiểm tra.");
        }

        var collapsed = CollapseLoops(text, out var loopFound);
        if (loopFound)
        {
            if (Fold(collapsed).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 2)
                return new(GuardVerdict.Drop, collapsed, ["Chỉ gồm một cụm từ lặp lại liên tục."]) { WorthRetrying = true };
            reasons.Add("Đã gộp cụm từ bị lặp lại liên tục.");
            text = collapsed;
        }

        if (s.AverageTokenProbability < LowConfidence)
            reasons.Add($"Độ tin cậy thấp ({s.AverageTokenProbability:P0}).");

        return reasons.Count == 0 ? new(GuardVerdict.Keep, text, reasons) : new(GuardVerdict.Flag, text, reasons) { WorthRetrying = true };
    }

    /// <summary>Collapses a group of 1–6 words repeated <see cref="LoopRepeats"/> or more times in a row into one.</summary>
    public string CollapseLoops(string text, out bool found)
    {
        found = false;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var size = 1; size <= 6; size++)
        {
            for (var i = 0; i + size * LoopRepeats <= words.Count; i++)
            {
                var repeats = 1;
                while (i + (repeats + 1) * size <= words.Count && SameGroup(words, i, i + repeats * size, size)) repeats++;
                if (repeats >= LoopRepeats)
                {
                    words.RemoveRange(i + size, (repeats - 1) * size);
                    found = true;
                }
            }
        }
        return string.Join(' ', words);
    }

    private static bool SameGroup(List<string> words, int a, int b, int size)
    {
        for (var k = 0; k < size; k++)
            if (!string.Equals(Fold(words[a + k]), Fold(words[b + k]), StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>Lower case without diacritics or punctuation, so "Hãy subscribe cho kênh!" matches its folded form.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var c = ch is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(ch);
            sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        return Spaces().Replace(sb.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
