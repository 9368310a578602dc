using MeetingAssist.Host.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingAssist.Host.Plans;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> e)
    {
        e.ToTable("Plans");
        e.Property(p => p.Title).HasMaxLength(300);
        e.Property(p => p.OrganisingBody).HasMaxLength(300);
        e.ComplexProperty(p => p.Rules, r => r.Property(x => x.NoticeCountKind).HasConversion<string>().HasMaxLength(10));
    }
}

public sealed class PlanMeetingConfiguration : IEntityTypeConfiguration<PlanMeeting>
{
    public void Configure(EntityTypeBuilder<PlanMeeting> e)
    {
        e.ToTable("PlanMeetings");
        // One plan per meeting.
        e.HasKey(p => p.MeetingId);
        e.HasIndex(p => p.PlanId);
        e.HasOne<Plan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}
