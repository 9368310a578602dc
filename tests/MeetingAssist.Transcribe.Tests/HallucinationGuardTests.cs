using MeetingAssist.Transcribe.Live;

namespace MeetingAssist.Transcribe.Tests;

public class HallucinationGuardTests
{
    private static readonly HallucinationGuard Guard = new();

    private static SegmentEvidence Speech(string text, float confidence = 0.8f, float noSpeech = 0.05f, double vad = 0.9,
        double start = 1, double end = 4, double audio = 10, string? prompt = null) =>
        new(text, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), TimeSpan.FromSeconds(audio), confidence, noSpeech, vad, prompt);

    private const string Prompt = "Hội nghị tiếp xúc cử tri xã Tân Phú. Trần Thị Lan, Chủ tịch UBND xã. Nguyễn Văn Bình, Thôn Đông.";

    [Fact]
    public void OrdinarySpeech_IsKept_AsNfc()
    {
        var decomposed = "Đề nghị xã sửa đường".Normalize(System.Text.NormalizationForm.FormD);
        var result = Guard.Check(Speech(decomposed));
        Assert.Equal(GuardVerdict.Keep, result.Verdict);
        Assert.Equal("Đề nghị xã sửa đường", result.Text);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void SegmentTheVadCallsNonSpeech_IsDropped()
    {
        var result = Guard.Check(Speech("Xin cảm ơn", vad: 0.1));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
        Assert.Contains("không thấy tiếng nói", result.Reasons[0]);
    }

    [Theory]
    [InlineData("Hãy subscribe cho kênh Ghiền Mì Gõ để không bỏ lỡ những video hấp dẫn")]
    [InlineData("Cảm ơn các bạn đã theo dõi.")]
    [InlineData("Hẹn gặp lại các bạn trong những video tiếp theo!")]
    public void KnownSubtitlePhrase_WithWeakAudio_IsDropped(string text)
    {
        var result = Guard.Check(Speech(text, confidence: 0.5f, vad: 0.5));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
        Assert.Contains("kênh video", result.Reasons[0]);
    }

    // One case per pattern in HallucinationPatterns.Phrases, each as Whisper writes it (other case, punctuation,
    // words around it), on the kind of audio it comes from: moderate confidence, detector unsure.
    [Theory]
    [InlineData("Hãy subscribe cho kênh để ủng hộ nhé")]
    [InlineData("Đăng ký kênh của mình nha")]
    [InlineData("Nhớ đăng kí kênh!")]
    [InlineData("Cảm ơn các bạn đã theo dõi.")]
    [InlineData("Cảm ơn các bạn đã xem video này")]
    [InlineData("Cảm ơn các bạn đã lắng nghe!")]
    [InlineData("Hẹn gặp lại các bạn trong những video tiếp theo.")]
    [InlineData("Hẹn gặp lại các bạn trong video tiếp theo nhé")]
    [InlineData("Nhớ like và share video")]
    [InlineData("Đừng quên like, share và subscribe!")]
    [InlineData("Bấm chuông để nhận thông báo khi có video mới")]
    [InlineData("Ghiền mì gõ")]
    [InlineData("Phụ đề bởi cộng đồng")]
    [InlineData("Vietsub by Ánh Dương")]
    [InlineData("Subtitles by the Amara.org community")]
    [InlineData("Thank you for watching!")]
    [InlineData("Thanks for watching.")]
    [InlineData("Please subscribe to my channel")]
    [InlineData("字幕由Amara.org社区提供")]
    [InlineData("请不吝点赞 订阅 转发 打赏支持明镜与点点栏目")]
    [InlineData("中文字幕")]
    [InlineData("字幕志愿者 李宗盛")]
    [InlineData("ご視聴ありがとうございました")]
    [InlineData("チャンネル登録よろしくお願いします")]
    public void EveryKnownPattern_OnWeakAudio_IsDropped(string text)
    {
        var result = Guard.Check(Speech(text, confidence: 0.6f, vad: 0.6));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
        Assert.Contains("kênh video", result.Reasons[0]);
    }

    [Fact]
    public void EveryPatternInTheData_HasACaseAbove()
    {
        var cases = typeof(HallucinationGuardTests).GetMethod(nameof(EveryKnownPattern_OnWeakAudio_IsDropped))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => HallucinationGuard.Fold((string)a.GetData(null!).Single()[0]!)).ToList();
        Assert.All(HallucinationPatterns.Folded, pattern => Assert.Contains(cases, c => c.Contains(pattern, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("♪")]
    [InlineData("♪ ♪ ♪")]
    [InlineData("[Âm nhạc]")]
    [InlineData("(vỗ tay)")]
    [InlineData("[Music] ♪")]
    [InlineData("(Tiếng vỗ tay) [Âm nhạc]")]
    public void SoundDescriptionOnly_IsDropped(string text)
    {
        var result = Guard.Check(Speech(text));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
        Assert.Contains("mô tả âm thanh", result.Reasons[0]);
    }

    [Fact]
    public void SoundDescriptionInsideSpeech_IsTakenOut()
    {
        var result = Guard.Check(Speech("[Âm nhạc] Đề nghị xã sửa đường (vỗ tay)"));
        Assert.Equal("Đề nghị xã sửa đường", result.Text);
        Assert.Equal(GuardVerdict.Flag, result.Verdict);
    }

    [Theory]
    [InlineData("...")]
    [InlineData(" . , ! ? ")]
    [InlineData("-")]
    public void PunctuationOnly_IsDropped(string text)
    {
        var result = Guard.Check(Speech(text));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
        Assert.Contains("dấu câu", result.Reasons[0]);
    }

    [Theory]
    [InlineData("Cảm ơn. Cảm ơn.")]
    [InlineData("Xin chào các bạn. Xin chào các bạn. Xin chào các bạn.")]
    [InlineData("chào chào")]
    public void WholeTextSaidTwoOrThreeTimes_IsALoop(string text)
    {
        var result = Guard.Check(Speech(text));
        Assert.NotEqual(GuardVerdict.Keep, result.Verdict);
        Assert.True(result.WorthRetrying);
        Assert.Contains("lặp lại", string.Join(" ", result.Reasons));
    }

    [Fact]
    public void LongGroupRepeatedTwice_IsCollapsed()
    {
        var result = Guard.Check(Speech("Bà con thôn Đông đề nghị xã sửa lại con đường liên thôn bà con thôn Đông đề nghị xã sửa lại con đường liên thôn trước mùa mưa"));
        Assert.Equal(GuardVerdict.Flag, result.Verdict);
        Assert.Equal("Bà con thôn Đông đề nghị xã sửa lại con đường liên thôn trước mùa mưa", result.Text);
    }

    [Theory]
    [InlineData("hahahahahahaha", "ha")]
    [InlineData("谢谢谢谢谢谢谢谢", "谢")]
    [InlineData("Đề nghị ừmmmmmmm xã sửa đường", "Đề nghị ừm xã sửa đường")]
    public void LoopWithoutSpaces_IsCollapsed(string text, string expected)
    {
        Assert.Equal(expected, Guard.CollapseLoops(text, out var found));
        Assert.True(found);
    }

    [Theory]
    [InlineData("Hội nghị tiếp xúc cử tri xã Tân Phú.")]
    [InlineData("Trần Thị Lan, Chủ tịch UBND xã")]
    [InlineData("Nguyễn Văn Bình, Thôn Đông. Hội nghị tiếp xúc cử tri xã Tân Phú")]
    public void EchoOfTheInitialPrompt_IsDropped(string text)
    {
        var result = Guard.Check(Speech(text, prompt: Prompt));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
        Assert.Contains("lời nhắc", result.Reasons[0]);
        // Without that prompt the same words are ordinary speech.
        Assert.NotEqual(GuardVerdict.Drop, Guard.Check(Speech(text)).Verdict);
    }

    [Theory]
    [InlineData("Tôi là Nguyễn Văn Bình ở thôn Đông, tôi đề nghị xã sửa đường")]
    [InlineData("Thôn Đông")]
    public void SpeechNamingPeopleFromThePrompt_IsKept(string text)
    {
        Assert.Equal(GuardVerdict.Keep, Guard.Check(Speech(text, prompt: Prompt)).Verdict);
    }

    [Fact]
    public void KnownPhrase_ClearlySpoken_IsKeptButFlagged()
    {
        // A chair may really thank the audience for following; clear audio keeps it, for the secretary to check.
        var result = Guard.Check(Speech("Cảm ơn các bạn đã theo dõi phần trình bày", confidence: 0.9f, vad: 0.95));
        Assert.Equal(GuardVerdict.Flag, result.Verdict);
        Assert.Contains("cần thư ký kiểm tra", result.Reasons[0]);
    }

    [Fact]
    public void RepetitionLoop_IsCollapsed_AndFlagged()
    {
        var result = Guard.Check(Speech("Tôi đề nghị xã xem xét xem xét xem xét xem xét xem xét xem xét việc này"));
        Assert.Equal(GuardVerdict.Flag, result.Verdict);
        Assert.Equal("Tôi đề nghị xã xem xét việc này", result.Text);
    }

    [Fact]
    public void NothingButALoop_IsDropped()
    {
        var result = Guard.Check(Speech("vâng vâng vâng vâng vâng vâng vâng"));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
    }

    [Fact]
    public void ShortNaturalRepetition_IsNotALoop()
    {
        var result = Guard.Check(Speech("Rất rất quan trọng, có có có lẽ vậy"));
        Assert.Equal(GuardVerdict.Keep, result.Verdict);
    }

    [Fact]
    public void TimestampBeyondTheAudio_IsDropped()
    {
        var result = Guard.Check(Speech("Nội dung", start: 8, end: 12, audio: 10));
        Assert.Equal(GuardVerdict.Drop, result.Verdict);
        Assert.Contains("vượt quá độ dài", result.Reasons[0]);
        Assert.Equal(GuardVerdict.Keep, Guard.Check(Speech("Nội dung", start: 8, end: 10.3, audio: 10)).Verdict);
    }

    [Fact]
    public void HighNoSpeechProbability_WithLowConfidence_IsDropped()
    {
        Assert.Equal(GuardVerdict.Drop, Guard.Check(Speech("Ừm", confidence: 0.2f, noSpeech: 0.8f)).Verdict);
        Assert.Equal(GuardVerdict.Keep, Guard.Check(Speech("Đúng vậy", confidence: 0.9f, noSpeech: 0.8f)).Verdict);
    }

    [Fact]
    public void LowConfidence_IsFlaggedNotDropped()
    {
        var result = Guard.Check(Speech("Nguyễn Văn Bình thôn Đông", confidence: 0.3f));
        Assert.Equal(GuardVerdict.Flag, result.Verdict);
        Assert.Contains("Độ tin cậy thấp", result.Reasons[0]);
    }

    [Fact]
    public void Empty_IsDropped()
    {
        Assert.Equal(GuardVerdict.Drop, Guard.Check(Speech("   ")).Verdict);
    }

    [Theory]
    [InlineData("vâng vâng vâng vâng vâng vâng vâng", 0.8f, 0.9)]      // nothing but a loop
    [InlineData("Tôi đề nghị xem xét xem xét xem xét xem xét việc này", 0.8f, 0.9)] // a loop inside speech
    [InlineData("Nguyễn Văn Bình thôn Đông", 0.3f, 0.9)]               // low confidence
    [InlineData("", 0.8f, 0.9)]                                        // no text although the detector heard speech
    public void DecodingFailureOnSpeech_IsWorthRetrying(string text, float confidence, double vad) =>
        Assert.True(Guard.Check(Speech(text, confidence: confidence, vad: vad)).WorthRetrying);

    [Theory]
    [InlineData("Đề nghị xã sửa đường", 0.8f, 0.9, 10.0)]               // good text
    [InlineData("Xin cảm ơn", 0.8f, 0.1, 10.0)]                         // the detector heard no speech
    [InlineData("", 0.8f, 0.1, 10.0)]                                   // silence, correctly empty
    [InlineData("Cảm ơn các bạn đã theo dõi.", 0.5f, 0.5, 10.0)]       // a subtitle phrase on weak audio
    [InlineData("Nội dung", 0.8f, 0.9, 2.0)]                            // timestamps past the audio
    public void NonSpeechOrGoodText_IsNotRetried(string text, float confidence, double vad, double audio) =>
        Assert.False(Guard.Check(Speech(text, confidence: confidence, vad: vad, audio: audio)).WorthRetrying);
}

public class FloorAttributionTests
{
    private static readonly FloorWindow Citizen = new(10, 10_000, 20_000);
    private static readonly FloorWindow Responder = new(11, 22_000, null);

    [Fact]
    public void SpeechInsideATurn_BelongsToIt()
    {
        var parts = FloorAttribution.Split(12_000, 15_000, [Citizen, Responder], nowMs: 30_000);
        Assert.Equal([new AttributedSpeech(10, 12_000, 15_000)], parts);
    }

    [Fact]
    public void SpeechBetweenTurns_BelongsToNobody()
    {
        Assert.Empty(FloorAttribution.Split(20_100, 21_900, [Citizen, Responder], nowMs: 30_000));
    }

    [Fact]
    public void SpeechAcrossABoundary_IsCutAtTheFloorEvent()
    {
        var parts = FloorAttribution.Split(18_000, 25_000, [Citizen, Responder], nowMs: 30_000);
        Assert.Equal([new AttributedSpeech(10, 18_000, 20_000), new AttributedSpeech(11, 22_000, 25_000)], parts);
    }

    [Fact]
    public void SpeechBeforeTheFloorIsGiven_IsNotAttributed()
    {
        var parts = FloorAttribution.Split(9_000, 10_150, [Citizen], nowMs: 30_000);
        Assert.Empty(parts);
    }

    [Fact]
    public void OpenTurn_RunsUntilNow()
    {
        var parts = FloorAttribution.Split(23_000, 40_000, [Responder], nowMs: 31_000);
        Assert.Equal([new AttributedSpeech(11, 23_000, 31_000)], parts);
    }
}
