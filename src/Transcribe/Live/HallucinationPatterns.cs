namespace MeetingAssist.Transcribe.Live;

/// <summary>
/// What Whisper writes on silence, applause, music and noise, learnt from video subtitles: as data, so a new
/// one is a line here and a line in its test. Each phrase is matched folded (no diacritics, lower case, no
/// punctuation), anywhere in a segment.
/// </summary>
public static class HallucinationPatterns
{
    /// <summary>Subtitle and channel phrases, as written; folded once for matching.</summary>
    public static readonly IReadOnlyList<string> Phrases =
    [
        // Vietnamese video channels and subtitle credits.
        "Hãy subscribe cho kênh",
        "Đăng ký kênh",
        "Đăng kí kênh",
        "Cảm ơn các bạn đã theo dõi",
        "Cảm ơn các bạn đã xem video",
        "Cảm ơn các bạn đã lắng nghe",
        "Hẹn gặp lại các bạn trong những video tiếp theo",
        "Hẹn gặp lại các bạn trong video tiếp theo",
        "Nhớ like và share",
        "Đừng quên like, share và subscribe",
        "Bấm chuông để nhận thông báo",
        "Ghiền Mì Gõ",
        "Phụ đề bởi",
        "Vietsub by",
        // Other languages' credits and endings, which the Vietnamese decoder still falls into on noise.
        "Subtitles by",
        "Thank you for watching",
        "Thanks for watching",
        "Please subscribe",
        "字幕由Amara.org社区提供",
        "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目",
        "中文字幕",
        "字幕志愿者",
        "ご視聴ありがとうございました",
        "チャンネル登録",
    ];

    /// <summary>The phrases folded, in the order of <see cref="Phrases"/>.</summary>
    public static readonly IReadOnlyList<string> Folded = Phrases.Select(HallucinationGuard.Fold).ToArray();

    /// <summary>
    /// Sound descriptions the decoder writes instead of words: music notes, and bracketed or parenthesised
    /// labels such as "[Âm nhạc]", "(vỗ tay)", "[Music]". They are never speech, so they are taken out of the text.
    /// </summary>
    public const string SoundDescription = @"\[[^\]]{0,40}\]|\([^)]{0,40}\)|【[^】]{0,40}】|[♪♫♬♩]+|🎵|🎶";
}
