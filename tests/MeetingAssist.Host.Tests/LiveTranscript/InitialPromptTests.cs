using System.Text;
using MeetingAssist.Host.LiveTranscript;

namespace MeetingAssist.Host.Tests.LiveTranscript;

public sealed class InitialPromptTests
{
    private static readonly (string, string)[] NoPeople = [];

    [Fact]
    public void Build_OrdersTitleRespondersSpeakersAgenda_JoinedWithFullStops()
    {
        var prompt = InitialPrompt.Build(
            "Hội nghị tiếp xúc cử tri xã Hòa Bình",
            ["Đường liên thôn", "Đất đai"],
            [("Trần Thị Hương", "Thôn Tây"), ("Lê Văn Tám", "")],
            [("Nguyễn Thị Minh", "Chủ tịch UBND xã")]);

        Assert.Equal("Hội nghị tiếp xúc cử tri xã Hòa Bình. Nguyễn Thị Minh, Chủ tịch UBND xã. Trần Thị Hương, Thôn Tây. "
            + "Lê Văn Tám. Đường liên thôn. Đất đai.", prompt);
    }

    [Fact]
    public void Build_RepeatedSpeaker_AppearsOnce()
    {
        // A citizen who registered twice (two questions) is one name to the decoder.
        var prompt = InitialPrompt.Build("Hội nghị", [], [("Trần Thị Hương", "Thôn Tây"), ("Trần Thị Hương", "Thôn Tây ")], []);

        Assert.Equal("Hội nghị. Trần Thị Hương, Thôn Tây.", prompt);
    }

    [Fact]
    public void Build_PartsWithTheirOwnFullStop_AreNotDoubled()
    {
        var prompt = InitialPrompt.Build("Hội nghị đối thoại.", ["Vệ sinh môi trường."], NoPeople, NoPeople);

        Assert.Equal("Hội nghị đối thoại. Vệ sinh môi trường.", prompt);
    }

    [Fact]
    public void Build_OverTheLimit_KeepsWholePartsInPriorityOrderWithinTheLimit()
    {
        var speakers = Enumerable.Range(1, 200).Select(i => ($"Người phát biểu số {i}", $"Thôn {i}")).ToList();

        var prompt = InitialPrompt.Build("Hội nghị tiếp xúc cử tri", ["Nội dung cuối cùng"], speakers, [("Nguyễn Thị Minh", "Chủ tịch")]);

        Assert.True(prompt.Length <= InitialPrompt.MaxChars, $"{prompt.Length} characters");
        Assert.StartsWith("Hội nghị tiếp xúc cử tri. Nguyễn Thị Minh, Chủ tịch. Người phát biểu số 1, Thôn 1.", prompt);
        Assert.EndsWith(".", prompt);
        Assert.DoesNotContain("Nội dung cuối cùng", prompt); // the agenda comes after the speakers that filled it
        // No part is cut in the middle: every piece is a whole speaker entry.
        var pieces = prompt.TrimEnd('.').Split(". ");
        Assert.All(pieces.Skip(2), p => Assert.Matches(@"^Người phát biểu số (\d+), Thôn \1$", p));
    }

    [Fact]
    public void Build_SmallLimit_NeverExceededByTheClosingFullStop()
    {
        var prompt = InitialPrompt.Build("Hội nghị", ["Đất đai"], NoPeople, NoPeople, maxChars: 17);

        Assert.Equal("Hội nghị.", prompt); // "Hội nghị. Đất đai." would be 18
    }

    [Fact]
    public void Build_DecomposedInput_ComesOutComposed()
    {
        var decomposed = "Nguyễn Thị Hồng".Normalize(NormalizationForm.FormD);

        var prompt = InitialPrompt.Build("Hội nghị".Normalize(NormalizationForm.FormD), [], [(decomposed, "Thôn Đông")], []);

        Assert.True(prompt.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Hội nghị. Nguyễn Thị Hồng, Thôn Đông.", prompt);
    }

    [Fact]
    public void Build_NothingKnown_IsEmpty()
    {
        Assert.Equal("", InitialPrompt.Build("  ", [], NoPeople, NoPeople));
    }
}
