using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingAssist.Host.Transcripts;

/// <summary>Which recognition made a passage's machine text.</summary>
public enum PassageSource { Live, SecondPass, Upload }

/// <summary>What the secretary says a passage is, for the minutes.</summary>
public enum PassageMark { None, Statement, Answer, Conclusion, Petition }

public enum RevisionOperation { Edit, Split, Merge, Move, Mark, Replace, RenameSpeaker, AcceptMachine, Restore }

/// <summary>
/// One passage of the meeting's single transcript, whatever produced it. Machine passes change the text only
/// while no person has edited it; after that a machine's text is kept as an offer beside it.
/// </summary>
public sealed class TranscriptPassage
{
    public long Id { get; set; }
    public int MeetingId { get; set; }
    /// <summary>The floor turn it was spoken in; null while unassigned ("chưa gán").</summary>
    public int? TurnId { get; set; }
    /// <summary>The speaker when it is not the turn's own (null: the turn's speaker).</summary>
    public string? SpeakerName { get; set; }
    /// <summary>Meeting clock: server clock, Unix milliseconds (as the floor turns).</summary>
    public long StartMs { get; set; }
    public long EndMs { get; set; }
    public string Text { get; set; } = "";
    public float Confidence { get; set; }
    public PassageSource Source { get; set; }
    public bool EditedByPerson { get; set; }
    public PassageMark Mark { get; set; }
    /// <summary>Grows by one per change; a save made against an older version is refused (no lost update).</summary>
    public int Version { get; set; } = 1;
    /// <summary>A machine pass's text for a passage a person has edited, kept for the secretary to compare.</summary>
    public string? MachineOffer { get; set; }
    /// <summary>The hallucination guard's reasons to listen again, as the live draft stored them.</summary>
    public string? Flag { get; set; }
    public long? LiveSegmentId { get; set; }
    public long? RecordingSegmentId { get; set; }
    /// <summary>Merged into another passage or replaced by an accepted pass; kept so its history stays whole.</summary>
    public bool Removed { get; set; }
    /// <summary>The draft petition the secretary's "kiến nghị" mark created; kept when the mark changes, so marking again never makes a second one.</summary>
    public int? PetitionId { get; set; }
}

/// <summary>One change to the transcript, appended and never updated or erased.</summary>
public sealed class TranscriptRevision
{
    public long Id { get; set; }
    public int MeetingId { get; set; }
    public long? PassageId { get; set; }
    public RevisionOperation Operation { get; set; }
    public string? BeforeText { get; set; }
    public string? AfterText { get; set; }
    /// <summary>Facts of the operation (ids, names, turn), not a sentence: views word them.</summary>
    public string? Detail { get; set; }
    public string By { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

/// <summary>A speaker renamed once for the whole meeting: every view and export shows <see cref="ToName"/>.</summary>
public sealed class TranscriptSpeakerName
{
    public int MeetingId { get; set; }
    /// <summary>The name as the floor log or a move recorded it.</summary>
    public required string FromName { get; set; }
    public required string ToName { get; set; }
}

internal sealed class TranscriptPassageConfiguration : IEntityTypeConfiguration<TranscriptPassage>
{
    public void Configure(EntityTypeBuilder<TranscriptPassage> e)
    {
        e.ToTable("TranscriptPassages");
        e.HasIndex(p => new { p.MeetingId, p.StartMs });
        e.HasIndex(p => p.LiveSegmentId);
        e.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Mark).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.SpeakerName).HasMaxLength(200);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TranscriptRevisionConfiguration : IEntityTypeConfiguration<TranscriptRevision>
{
    public void Configure(EntityTypeBuilder<TranscriptRevision> e)
    {
        e.ToTable("TranscriptRevisions");
        e.HasIndex(r => new { r.MeetingId, r.PassageId });
        e.Property(r => r.Operation).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.By).HasMaxLength(100);
        e.Property(r => r.AtUtc).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        e.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TranscriptSpeakerNameConfiguration : IEntityTypeConfiguration<TranscriptSpeakerName>
{
    public void Configure(EntityTypeBuilder<TranscriptSpeakerName> e)
    {
        e.ToTable("TranscriptSpeakerNames");
        e.HasKey(n => new { n.MeetingId, n.FromName });
        e.Property(n => n.FromName).HasMaxLength(200);
        e.Property(n => n.ToName).HasMaxLength(200);
        e.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(n => n.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}
