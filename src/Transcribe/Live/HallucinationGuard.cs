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
    double VadSpeechRatio,
    string? InitialPrompt = null);

/// <summary>
/// Whisper invents text on silence, applause and noise — on Vietnamese audio typically video-channel
/// phrases learnt from subtitles. Each rule here removes one such failure; a rule only drops text the
/// audio does not support.
/// </summary>
public sealed partial class HallucinationGuard
{
    /// <summary>Segments whose audio the voice detector calls mostly non-speech are dropped.</summary>
    public double MinVadSpeechRatio { get; init; } = 0.3;

    /// <summary>Whisper's own no-speech estimate, combined with low confidence, drops a segment.</summary>
    public float NoSpeechThreshold { get; init; } = 0.6f;

    public float LowConfidence { get; init; } = 0.4f;

    /// <summary>A known phrase is kept only when the audio clearly carries speech and recognition was confident.</summary>
    public float PhraseSupportConfidence { get; init; } = 0.75f;

    public double PhraseSupportVadRatio { get; init; } = 0.7;

    /// <summary>A group of up to six words repeated this many times in a row is a decoding loop.</summary>
    public int LoopRepeats { get; init; } = 4;

    /// <summary>A longer group (more than six words) repeated even twice in a row is one: people do not do that.</summary>
    public int LongGroupWords { get; init; } = 7;

    /// <summary>A run of this many words of the initial prompt is the decoder echoing it, not a speaker saying it.</summary>
    public int PromptEchoWords { get; init; } = 6;

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

        var hasSounds = SoundDescriptions().IsMatch(text);
        var withoutSounds = hasSounds ? SoundDescriptions().Replace(text, " ") : text;
        if (!withoutSounds.Any(char.IsLetterOrDigit))
            return new(GuardVerdict.Drop, text, [hasSounds
                ? "Chỉ là mô tả âm thanh (nhạc, vỗ tay), không phải lời nói."
                : "Chỉ có dấu câu hoặc ký hiệu, không có lời nói."]);
        if (hasSounds)
        {
            text = Spaces().Replace(withoutSounds, " ").Trim();
            reasons.Add("Đã bỏ phần mô tả âm thanh (nhạc, vỗ tay).");
        }

        var folded = Fold(text);
        var phrase = HallucinationPatterns.Folded.FirstOrDefault(p => p.Length > 0 && folded.Contains(p, StringComparison.Ordinal));
        if (phrase is not null)
        {
            var supported = s.AverageTokenProbability >= PhraseSupportConfidence && s.VadSpeechRatio >= PhraseSupportVadRatio;
            if (!supported)
                return new(GuardVerdict.Drop, text, ["Câu thường bị nhận dạng nhầm từ tiếng ồn (câu của kênh video), âm thanh không đủ căn cứ."]);
            reasons.Add("Có câu thường bị nhận dạng nhầm; âm thanh rõ nên vẫn giữ, cần thư ký kiểm tra.");
        }

        if (EchoesPrompt(folded, s.InitialPrompt))
            return new(GuardVerdict.Drop, text, ["Lặp lại lời nhắc của bộ nhận dạng (tên cuộc họp, tên người), không phải lời nói."]);

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

    /// <summary>
    /// Collapses decoding loops into one copy: a group of 1–6 words repeated <see cref="LoopRepeats"/> or more
    /// times in a row, a group of <see cref="LongGroupWords"/> or more words repeated at all, a whole text that is
    /// one group said two or three times, and letters looping inside a word ("hahahaha", "谢谢谢谢").
    /// </summary>
    public string CollapseLoops(string text, out bool found)
    {
        found = false;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var word = CharacterLoop().Replace(words[i], "$1");
            if (word != words[i])
            {
                words[i] = word;
                found = true;
            }
        }

        for (var size = 1; size <= words.Count / 2; size++)
        {
            var needed = size < LongGroupWords ? LoopRepeats : 2;
            for (var i = 0; i + size * needed <= words.Count; i++)
            {
                var repeats = 1;
                while (i + (repeats + 1) * size <= words.Count && SameGroup(words, i, i + repeats * size, size)) repeats++;
                if (repeats >= needed)
                {
                    words.RemoveRange(i + size, (repeats - 1) * size);
                    found = true;
                }
            }
        }

        // The whole text one group said two or three times ("Cảm ơn. Cảm ơn. Cảm ơn."): a loop too short to see above.
        for (var size = 1; size <= words.Count / 2; size++)
        {
            if (words.Count % size == 0 && Enumerable.Range(1, words.Count / size - 1).All(k => SameGroup(words, 0, k * size, size)))
            {
                words.RemoveRange(size, words.Count - size);
                found = true;
                break;
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Whether the text is a run of the prompt: the decoder reading back names it was primed with.</summary>
    private bool EchoesPrompt(string folded, string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt)) return false;
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return false;
        var foldedPrompt = " " + Fold(prompt) + " ";
        // All of a short text (three words or more: a name alone may really be said), or any long run of a
        // longer one, taken word for word from the prompt.
        if (words.Length < 3) return false;
        var run = Math.Min(words.Length, PromptEchoWords);
        for (var i = 0; i + run <= words.Length; i++)
        {
            if (foldedPrompt.Contains(" " + string.Join(' ', words, i, run) + " ", StringComparison.Ordinal)) return true;
        }
        return false;
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

    [GeneratedRegex(HallucinationPatterns.SoundDescription)]
    private static partial Regex SoundDescriptions();

    // A letter group of 1–4 repeated at least four times in a row inside one word; no Vietnamese word does that.
    [GeneratedRegex(@"(\p{L}{1,4}?)\1{3,}")]
    private static partial Regex CharacterLoop();
}
