using System.Text;
using MeetingAssist.Host.Transcripts;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Tests.Transcripts;

public class TranscriptExportTests
{
    private static TranscriptSegment S(double start, double end, string text) =>
        new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), text);

    private static readonly TranscriptSegment[] Sample =
    [
        S(62.345, 65, "Kính thưa các vị đại biểu"),
        S(65, 66, "   "),
        S(3725.5, 3727.25, "ý kiến cử tri\nphường"),
    ];

    [Fact]
    public void ToSrt_NumbersCues_WithCommaMilliseconds_AndSkipsBlankSegments()
    {
        var srt = TranscriptExport.ToSrt(Sample);
        Assert.Equal(
            "1\n00:01:02,345 --> 00:01:05,000\nKính thưa các vị đại biểu\n\n" +
            "2\n01:02:05,500 --> 01:02:07,250\ný kiến cử tri phường\n\n", srt);
    }

    [Fact]
    public void ToVtt_StartsWithHeader_AndUsesDotMilliseconds()
    {
        var vtt = TranscriptExport.ToVtt(Sample);
        Assert.StartsWith("WEBVTT\n\n00:01:02.345 --> 00:01:05.000\nKính thưa các vị đại biểu\n\n", vtt);
        Assert.Equal(2, vtt.Split(" --> ").Length - 1);
    }

    [Fact]
    public void ToText_OneLinePerSpokenSegment_WithStartTime()
    {
        Assert.Equal("[00:01:02] Kính thưa các vị đại biểu\n[01:02:05] ý kiến cử tri phường\n", TranscriptExport.ToText(Sample));
    }

    [Fact]
    public void Write_NormalisesDecomposedVietnameseToNfc()
    {
        var decomposed = "Cử tri phường".Normalize(NormalizationForm.FormD);
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            var text = TranscriptExport.Write(format, [S(0, 1, decomposed)]);
            Assert.True(text.IsNormalized(NormalizationForm.FormC), format.ToString());
            Assert.Contains("Cử tri phường", text);
        }
    }

    [Fact]
    public void Timestamp_KeepsCountingHoursPast99_AndClampsNegative()
    {
        Assert.Equal("100:00:00,001", TranscriptExport.Timestamp(TimeSpan.FromHours(100) + TimeSpan.FromMilliseconds(1), ','));
        Assert.Equal("00:00:00.000", TranscriptExport.Timestamp(TimeSpan.FromSeconds(-1), '.'));
    }

    [Theory]
    [InlineData("srt", true)]
    [InlineData("VTT", true)]
    [InlineData("txt", true)]
    [InlineData("pdf", false)]
    [InlineData("1", false)]
    public void TryParse_AcceptsOnlyTheThreeFormats(string value, bool ok) =>
        Assert.Equal(ok, TranscriptExport.TryParse(value, out _));
}
