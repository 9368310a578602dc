using MeetingAssist.Host.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingAssist.Host.Petitions;

public sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> e)
    {
        e.ToTable("Petitions");
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Level).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Urgency).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.DueCountKind).HasConversion<string>().HasMaxLength(10);
        e.Property(p => p.Petitioner).HasMaxLength(300);
        e.Property(p => p.Address).HasMaxLength(300);
        e.Property(p => p.Field).HasMaxLength(100);
        e.Property(p => p.Department).HasMaxLength(200);
        e.Property(p => p.CreatedUtc).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        e.Property(p => p.UpdatedUtc).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        // The list's filters: by status and due date (the dashboard), by department, field and meeting.
        e.HasIndex(p => new { p.Status, p.DueDate });
        e.HasIndex(p => new { p.Department, p.Status });
        e.HasIndex(p => p.Field);
        e.HasIndex(p => p.MeetingId);
        // The year report selects by the day received.
        e.HasIndex(p => p.ReceivedOn);
    }
}

public sealed class PetitionHistoryConfiguration : IEntityTypeConfiguration<PetitionHistory>
{
    public void Configure(EntityTypeBuilder<PetitionHistory> e)
    {
        e.ToTable("PetitionHistory");
        e.Property(h => h.From).HasConversion<string>().HasMaxLength(30);
        e.Property(h => h.To).HasConversion<string>().HasMaxLength(30);
        e.Property(h => h.By).HasMaxLength(100);
        e.Property(h => h.AtUtc).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        e.HasIndex(h => h.PetitionId);
        e.Property(h => h.CommandKey).HasMaxLength(64);
        e.HasIndex(h => h.CommandKey).IsUnique().HasFilter("CommandKey IS NOT NULL");
        e.HasOne<Petition>().WithMany().HasForeignKey(h => h.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AnswerTemplateConfiguration : IEntityTypeConfiguration<AnswerTemplate>
{
    public void Configure(EntityTypeBuilder<AnswerTemplate> e)
    {
        e.ToTable("AnswerTemplates");
        e.Property(t => t.Field).HasMaxLength(100);
        e.HasIndex(t => t.Field).IsUnique();
    }
}

public sealed class DepartmentAccountConfiguration : IEntityTypeConfiguration<DepartmentAccount>
{
    public void Configure(EntityTypeBuilder<DepartmentAccount> e)
    {
        e.ToTable("DepartmentAccounts");
        e.HasKey(d => d.UserId);
        e.Property(d => d.Department).HasMaxLength(200);
        e.HasOne<UserAccount>().WithOne().HasForeignKey<DepartmentAccount>(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PublicOpinionConfiguration : IEntityTypeConfiguration<PublicOpinion>
{
    public void Configure(EntityTypeBuilder<PublicOpinion> e)
    {
        e.ToTable("PublicOpinions");
        e.Property(o => o.Review).HasConversion<string>().HasMaxLength(20);
        e.Property(o => o.Name).HasMaxLength(200);
        e.Property(o => o.Address).HasMaxLength(300);
        e.Property(o => o.Field).HasMaxLength(100);
        e.Property(o => o.SubmittedUtc).HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        e.HasIndex(o => o.Review);
    }
}
