using MeetingAssist.Host.Transcripts;

namespace MeetingAssist.Host.Tests.Transcripts;

public class TranscriptEditingTests
{
    private static TranscriptPassage P(long id, int? turn, long start, long end, string text, bool edited = false) => new()
    {
        Id = id,
        MeetingId = 1,
        TurnId = turn,
        StartMs = start,
        EndMs = end,
        Text = text,
        Confidence = 0.8f,
        EditedByPerson = edited,
    };

    [Fact]
    public void ApplyMachineText_MachinePassage_TakesTheNewText()
    {
        var p = P(1, 1, 0, 1000, "đường giao thong");
        var changed = TranscriptEditing.ApplyMachineText(p, "đường giao thông", 0.9f, null, PassageSource.Live);
        Assert.True(changed);
        Assert.Equal("đường giao thông", p.Text);
        Assert.Null(p.MachineOffer);
        Assert.Equal(2, p.Version);
    }

    [Fact]
    public void ApplyMachineText_EditedPassage_KeepsThePersonsText_AndOffersTheMachines()
    {
        var p = P(1, 1, 0, 1000, "Ông Nguyễn Văn Hùng, thôn Đông", edited: true);
        var changed = TranscriptEditing.ApplyMachineText(p, "ông nguyễn văn hung thôn đông", 0.95f, null, PassageSource.SecondPass);
        Assert.False(changed);
        Assert.Equal("Ông Nguyễn Văn Hùng, thôn Đông", p.Text);
        Assert.Equal("ông nguyễn văn hung thôn đông", p.MachineOffer);
        Assert.Equal(0.8f, p.Confidence);
    }

    [Fact]
    public void Split_DividesTextAtOffset_AndTimeInProportion()
    {
        var p = P(1, 3, 10_000, 20_000, "Tôi xin hỏi về đường. Xin cảm ơn.");
        var offset = p.Text.IndexOf("Xin", StringComparison.Ordinal);
        var length = p.Text.Length;
        var rest = TranscriptEditing.Split(p, offset);
        Assert.Equal("Tôi xin hỏi về đường.", p.Text);
        Assert.Equal("Xin cảm ơn.", rest.Text);
        var expected = 10_000 + (long)Math.Round(10_000 * (offset / (double)length));
        Assert.Equal(expected, p.EndMs);
        Assert.Equal(expected, rest.StartMs);
        Assert.Equal(20_000, rest.EndMs);
        Assert.Equal(3, rest.TurnId);
        Assert.True(p.EditedByPerson && rest.EditedByPerson);
    }

    [Fact]
    public void Split_OfAPetitionPassage_KeepsBothHalvesOnItsPetition()
    {
        var p = P(1, 3, 10_000, 20_000, "Đề nghị sửa đường. Đề nghị làm đèn.");
        p.Mark = PassageMark.Petition;
        p.PetitionId = 42;
        var rest = TranscriptEditing.Split(p, p.Text.IndexOf("Đề nghị làm", StringComparison.Ordinal));
        Assert.Equal(PassageMark.Petition, rest.Mark);
        Assert.Equal(42, rest.PetitionId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Split_AtAnEnd_IsRefusedInVietnamese(int offset)
    {
        var p = P(1, 3, 0, 1000, "Xin chào");
        if (offset == 5) p.Text = "Xin  ";
        var ex = Assert.Throws<TranscriptEditException>(() => TranscriptEditing.Split(p, offset));
        Assert.Contains("tách", ex.Message);
    }

    [Fact]
    public void Merge_Neighbours_JoinsTextAndTime_AndRemovesTheSecond()
    {
        var a = P(1, 2, 0, 1000, "Kính thưa");
        var b = P(2, 2, 1000, 3000, "chủ tọa", edited: true);
        TranscriptEditing.Merge(a, b, between: false);
        Assert.Equal("Kính thưa chủ tọa", a.Text);
        Assert.Equal(3000, a.EndMs);
        Assert.True(a.EditedByPerson);
        Assert.True(b.Removed);
    }

    [Fact]
    public void Merge_AcrossTurns_OrWithAPassageBetween_IsRefused()
    {
        Assert.Throws<TranscriptEditException>(() => TranscriptEditing.Merge(P(1, 1, 0, 1, "a"), P(2, 2, 1, 2, "b"), between: false));
        Assert.Throws<TranscriptEditException>(() => TranscriptEditing.Merge(P(1, 1, 0, 1, "a"), P(2, 1, 1, 2, "b"), between: true));
    }

    [Fact]
    public void Move_ToAnotherTurnAndSpeaker_OrToUnassigned()
    {
        var p = P(1, null, 0, 1000, "chưa gán");
        TranscriptEditing.Move(p, 4, "Bà Lê Thị Hoa", new HashSet<int> { 4 });
        Assert.Equal(4, p.TurnId);
        Assert.Equal("Bà Lê Thị Hoa", p.SpeakerName);
        TranscriptEditing.Move(p, null, null, new HashSet<int> { 4 });
        Assert.Null(p.TurnId);
        Assert.Null(p.SpeakerName);
        Assert.Throws<TranscriptEditException>(() => TranscriptEditing.Move(p, 99, null, new HashSet<int> { 4 }));
    }

    [Fact]
    public void Find_ListsEveryHitIgnoringCase_WithContext_InOrder()
    {
        var passages = new[] { P(2, 1, 5000, 6000, "thôn Đông Hòa và Đông hòa"), P(1, 1, 0, 1000, "Xã đông hòa") };
        var hits = TranscriptEditing.Find(passages, "Đông Hòa");
        Assert.Equal([(1L, 3), (2L, 5), (2L, 17)], hits.Select(h => (h.PassageId, h.Offset)));
        Assert.Equal("Xã ", hits[0].Before);
        Assert.Equal("đông hòa", hits[0].Match);
    }

    [Fact]
    public void Find_KeepsToneMarks_DistinctWords()
    {
        var hits = TranscriptEditing.Find([P(1, 1, 0, 1, "Ngô Thị Hường")], "Hương");
        Assert.Empty(hits);
    }

    [Fact]
    public void Replace_OnlyTheChosenPassages_MarksThemEdited_AndReturnsTheTextBefore()
    {
        var a = P(1, 1, 0, 1, "ông Hung nói");
        var b = P(2, 1, 1, 2, "ông hung hỏi");
        var changed = TranscriptEditing.Replace([a, b], "hung", "Hùng", only: new HashSet<long> { 2 });
        Assert.Single(changed);
        Assert.Equal("ông hung hỏi", changed[0].Before);
        Assert.Equal("ông Hùng hỏi", b.Text);
        Assert.True(b.EditedByPerson);
        Assert.Equal("ông Hung nói", a.Text);
    }

    [Fact]
    public void RenameSpeaker_RenamesEveryRecordedNameShownAsTheOld_WithoutChains()
    {
        var recorded = new[] { "Nguyen Van A", "Trần Thị B" };
        var once = SpeakerNames.Rename(new Dictionary<string, string>(), recorded, "Nguyen Van A", "Nguyễn Văn A");
        Assert.Equal("Nguyễn Văn A", SpeakerNames.Display("Nguyen Van A", once));
        var twice = SpeakerNames.Rename(once, recorded, "Nguyễn Văn A", "Nguyễn Văn Anh");
        Assert.Equal("Nguyễn Văn Anh", SpeakerNames.Display("Nguyen Van A", twice));
        var back = SpeakerNames.Rename(twice, recorded, "Nguyễn Văn Anh", "Nguyen Van A");
        Assert.Empty(back);
        Assert.Equal("Trần Thị B", SpeakerNames.Display("Trần Thị B", back));
        Assert.Throws<TranscriptEditException>(() => SpeakerNames.Rename(back, recorded, "Không Có", "X"));
    }
}
