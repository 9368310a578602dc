using MeetingAssist.Host.Transcripts;

namespace MeetingAssist.Host.Tests.Transcripts;

public class RecordingAlignmentTests
{
    private const long MeetingStart = 1_764_550_000_000; // server clock, Unix ms

    private static readonly TurnWindow[] Turns =
    [
        new(1, MeetingStart + 60_000, MeetingStart + 120_000),   // 1:00–2:00
        new(2, MeetingStart + 130_000, MeetingStart + 200_000),  // 2:10–3:20
        new(3, MeetingStart + 200_000, null),                    // 3:20– (still held)
    ];

    private static MachineSegment S(long id, long startMs, long endMs, string text) => new(id, startMs, endMs, text, 0.7f);

    [Fact]
    public void Align_PlacesEachSegmentUnderTheTurnItOverlapsMost_ByTheRecordingsStart()
    {
        // The recording started 30 s after the meeting clock's zero here.
        var aligned = RecordingAlignment.Align(
            [S(1, 40_000, 50_000, "a"), S(2, 92_000, 98_000, "b"), S(3, 160_000, 175_000, "c"), S(4, 500_000, 510_000, "d")],
            Turns, MeetingStart + 30_000);
        Assert.Equal([1, null, 2, 3], aligned.Select(a => a.TurnId));
        Assert.Equal(MeetingStart + 70_000, aligned[0].StartMs);
        Assert.Equal(MeetingStart + 128_000, aligned[1].EndMs);
    }

    [Fact]
    public void Align_SegmentAcrossTwoTurns_GoesToTheLargerOverlap()
    {
        var aligned = RecordingAlignment.Align([S(1, 195_000, 215_000, "x")], Turns, MeetingStart);
        Assert.Equal(3, aligned[0].TurnId);
    }

    [Fact]
    public void Align_ShiftingTheStart_MovesSegmentsToOtherTurns()
    {
        var segment = new[] { S(1, 70_000, 80_000, "x") };
        Assert.Equal(1, RecordingAlignment.Align(segment, Turns, MeetingStart).Single().TurnId);
        Assert.Equal(2, RecordingAlignment.Align(segment, Turns, MeetingStart + 70_000).Single().TurnId);
    }

    private static TranscriptPassage Passage(long id, int? turn, long start, long end, string text, bool edited = false) => new()
    {
        Id = id, MeetingId = 1, TurnId = turn, StartMs = MeetingStart + start, EndMs = MeetingStart + end, Text = text, EditedByPerson = edited,
    };

    [Fact]
    public void Accept_ReplacesMachinePassages_ButNeverTextAPersonEdited()
    {
        var machine = Passage(1, 1, 60_000, 80_000, "tôi xin hỏi về đường sá");
        var edited = Passage(2, 1, 80_000, 100_000, "Đường thôn Đông Hòa xuống cấp.", edited: true);
        var otherTurn = Passage(3, 2, 130_000, 140_000, "trả lời");
        var aligned = RecordingAlignment.Align(
            [S(10, 61_000, 79_000, "Tôi xin hỏi về đường sá."), S(11, 82_000, 98_000, "đường thôn đông hoà xuống cấp"), S(12, 131_000, 139_000, "khác")],
            Turns, MeetingStart);

        var plan = RecordingAlignment.Accept(1, 1, [machine, edited, otherTurn], aligned, PassageSource.Upload);

        Assert.Equal([machine], plan.Remove);
        Assert.True(machine.Removed);
        var added = Assert.Single(plan.Add);
        Assert.Equal("Tôi xin hỏi về đường sá.", added.Text);
        Assert.Equal(PassageSource.Upload, added.Source);
        Assert.Equal(10, added.RecordingSegmentId);
        Assert.Equal("Đường thôn Đông Hòa xuống cấp.", edited.Text);
        Assert.False(edited.Removed);
        Assert.Equal("đường thôn đông hoà xuống cấp", edited.MachineOffer);
        Assert.Equal("trả lời", otherTurn.Text);
        Assert.False(otherTurn.Removed);
    }

    [Fact]
    public void Accept_NewPassagesOverAPetitionPassage_KeepItsMarkAndPetition()
    {
        var marked = Passage(1, 1, 60_000, 80_000, "đề nghị sửa đường");
        marked.Mark = PassageMark.Petition;
        marked.PetitionId = 7;
        var aligned = RecordingAlignment.Align([S(10, 61_000, 79_000, "Đề nghị sửa đường thôn Đông.")], Turns, MeetingStart);

        var added = Assert.Single(RecordingAlignment.Accept(1, 1, [marked], aligned, PassageSource.SecondPass).Add);

        Assert.Equal(PassageMark.Petition, added.Mark);
        Assert.Equal(7, added.PetitionId);
        Assert.Equal(PassageSource.SecondPass, added.Source);
    }

    [Fact]
    public void Offers_GivePerTurnTextAndWordDiff()
    {
        var current = new[] { Passage(1, 1, 60_000, 80_000, "xin hỏi về đường sá thôn") };
        var aligned = RecordingAlignment.Align([S(1, 61_000, 79_000, "xin hỏi về đường thôn Đông")], Turns, MeetingStart);
        var offer = Assert.Single(RecordingAlignment.Offers(current, aligned));
        Assert.Equal(1, offer.TurnId);
        Assert.Equal(
            [new DiffPart(DiffKind.Same, "xin hỏi về đường"), new DiffPart(DiffKind.Removed, "sá"), new DiffPart(DiffKind.Same, "thôn"), new DiffPart(DiffKind.Added, "Đông")],
            offer.Diff);
    }

    [Fact]
    public void WordDiff_IdenticalTexts_AreOneSamePart_AndEmptyAgainstText_IsAllAdded()
    {
        Assert.Equal([new DiffPart(DiffKind.Same, "một hai ba")], WordDiff.Compute("một  hai ba", "một hai ba"));
        Assert.Equal([new DiffPart(DiffKind.Added, "một hai")], WordDiff.Compute("", "một hai"));
    }
}
