using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.People;
using MeetingAssist.Host.Transcripts;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Data;

public sealed class MeetingDbContext(DbContextOptions<MeetingDbContext> options) : DbContext(options)
{
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<MeetingResponder> MeetingResponders => Set<MeetingResponder>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<MeetingActionRow> MeetingActions => Set<MeetingActionRow>();
    public DbSet<FloorTurnRow> FloorTurns => Set<FloorTurnRow>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<LiveTranscript.LiveSegmentRow> LiveSegments => Set<LiveTranscript.LiveSegmentRow>();
    public DbSet<Recording> Recordings => Set<Recording>();
    public DbSet<TranscriptSegmentRow> TranscriptSegments => Set<TranscriptSegmentRow>();
    public DbSet<Minutes.MinutesDraft> MinutesDrafts => Set<Minutes.MinutesDraft>();
    public DbSet<Minutes.MinutesTurnChoice> MinutesTurnChoices => Set<Minutes.MinutesTurnChoice>();
    public DbSet<Minutes.MinutesVersion> MinutesVersions => Set<Minutes.MinutesVersion>();
    public DbSet<TranscriptPassage> TranscriptPassages => Set<TranscriptPassage>();
    public DbSet<TranscriptRevision> TranscriptRevisions => Set<TranscriptRevision>();
    public DbSet<TranscriptSpeakerName> TranscriptSpeakerNames => Set<TranscriptSpeakerName>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Features keep the mapping of their own tables in IEntityTypeConfiguration classes in their folder.
        b.ApplyConfigurationsFromAssembly(typeof(MeetingDbContext).Assembly);
        b.Entity<Meeting>(e =>
        {
            e.Property(m => m.Title).HasMaxLength(300);
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Responders).WithOne().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
            // Instants are stored as UTC and read back as UTC, so the server's own time zone never shifts them.
            e.Property(m => m.ScheduledStart).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        });
        b.Entity<MeetingResponder>(e =>
        {
            e.HasKey(r => new { r.MeetingId, r.PersonId });
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AgendaItem>().HasIndex(a => new { a.MeetingId, a.Order });
        b.Entity<Person>(e =>
        {
            e.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(p => p.SearchKey);
        });
        b.Entity<UserAccount>().HasIndex(u => u.UserName).IsUnique();
        b.Entity<MeetingActionRow>(e =>
        {
            e.HasIndex(a => new { a.MeetingId, a.Seq }).IsUnique();
            e.HasIndex(a => new { a.MeetingId, a.CommandKey }).IsUnique().HasFilter("CommandKey IS NOT NULL");
            e.Property(a => a.Kind).HasMaxLength(40);
            e.Property(a => a.CommandKey).HasMaxLength(64);
        });
        b.Entity<FloorTurnRow>(e =>
        {
            e.HasKey(t => new { t.MeetingId, t.TurnId });
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.SpeakerRole).HasConversion<string>().HasMaxLength(20);
        });
        b.Entity<AppSetting>().HasKey(s => s.Key);
        b.Entity<LiveTranscript.LiveSegmentRow>().HasIndex(s => new { s.MeetingId, s.StartMs });
        b.Entity<Recording>(e =>
        {
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.OriginalFileName).HasMaxLength(200);
            e.HasIndex(r => r.MeetingId);
            e.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TranscriptSegmentRow>(e =>
        {
            e.HasIndex(s => new { s.MeetingId, s.RecordingId, s.StartMs });
            e.HasOne<Recording>().WithMany().HasForeignKey(s => s.RecordingId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>Installation-wide settings chosen in the setup pages (active speech model, public address, ...).</summary>
public sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
