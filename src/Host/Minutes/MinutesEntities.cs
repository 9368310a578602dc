using MeetingAssist.Host.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingAssist.Host.Minutes;

/// <summary>How one floor turn appears in the minutes.</summary>
public enum TurnTextMode
{
    /// <summary>The corrected transcript of the turn, word for word.</summary>
    Verbatim,
    /// <summary>A summary the secretary writes.</summary>
    Summary,
    /// <summary>Only the turn's header line: the secretary decided nothing more is needed (a chair's short remark).</summary>
    HeaderOnly,
}

/// <summary>The secretary's working copy of a meeting's minutes: the texts that are not in the floor log.</summary>
public sealed class MinutesDraft
{
    public int MeetingId { get; set; }
    /// <summary>The whole number line, "Số:      /BB-UBND" until the office gives it a number.</summary>
    public string Number { get; set; } = "";
    public string AgencyAbove { get; set; } = "";
    /// <summary>The place name of the date line ("Kiến Minh").</summary>
    public string PlaceName { get; set; } = "";
    public string Opening { get; set; } = "";
    public string Introduction { get; set; } = "";
    /// <summary>The report answering the petitions collected before the meeting.</summary>
    public string PetitionReport { get; set; } = "";
    /// <summary>Set when no petitions were collected beforehand, so no report belongs in the minutes.</summary>
    public bool NoPetitionReport { get; set; }
    /// <summary>Attendance counts by group, as JSON: [{"group": "Nhân dân", "count": 120}, ...].</summary>
    public string AttendanceJson { get; set; } = "[]";
    /// <summary>Named delegates, one a line ("Ông Trần Văn A, Phó Chủ tịch HĐND xã").</summary>
    public string Delegates { get; set; } = "";
    /// <summary>The chair's conclusion per agenda item, as JSON: ["...", "", ...] in agenda order.</summary>
    public string ConclusionsJson { get; set; } = "[]";
    /// <summary>"Nơi nhận", one recipient a line.</summary>
    public string Recipients { get; set; } = "";
    /// <summary>The approved version that locks the draft; null while it may be edited.</summary>
    public int? LockedByVersion { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>The secretary's choice for one floor turn.</summary>
public sealed class MinutesTurnChoice
{
    public int MeetingId { get; set; }
    public int TurnId { get; set; }
    public TurnTextMode Mode { get; set; }
    public string Summary { get; set; } = "";
}

/// <summary>An approved biên bản: the exact DOCX bytes and their SHA-256. Never changed or deleted.</summary>
public sealed class MinutesVersion
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    /// <summary>1 for the first approval; 2, 3, ... for amended versions (bản sửa đổi).</summary>
    public int Number { get; set; }
    public DateTime ApprovedAtUtc { get; set; }
    public string ApprovedBy { get; set; } = "";
    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; set; }
    public required byte[] Docx { get; set; }
}

internal sealed class MinutesDraftConfiguration : IEntityTypeConfiguration<MinutesDraft>
{
    public void Configure(EntityTypeBuilder<MinutesDraft> e)
    {
        e.ToTable("MinutesDrafts");
        e.HasKey(d => d.MeetingId);
        e.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
        e.Property(d => d.UpdatedAtUtc).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
    }
}

internal sealed class MinutesTurnChoiceConfiguration : IEntityTypeConfiguration<MinutesTurnChoice>
{
    public void Configure(EntityTypeBuilder<MinutesTurnChoice> e)
    {
        e.ToTable("MinutesTurnChoices");
        e.HasKey(c => new { c.MeetingId, c.TurnId });
        e.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MinutesVersionConfiguration : IEntityTypeConfiguration<MinutesVersion>
{
    public void Configure(EntityTypeBuilder<MinutesVersion> e)
    {
        e.ToTable("MinutesVersions");
        e.HasIndex(v => new { v.MeetingId, v.Number }).IsUnique();
        e.Property(v => v.Sha256).HasMaxLength(64);
        e.HasOne<Meeting>().WithMany().HasForeignKey(v => v.MeetingId).OnDelete(DeleteBehavior.Cascade);
        e.Property(v => v.ApprovedAtUtc).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
    }
}
