using System.Security.Claims;
using System.Threading.RateLimiting;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

public sealed record OpinionInput(string? Name, string? Address, string? Field, string? Content, int? MeetingId);

public sealed record OpinionItem(int Id, string Name, string Address, string Field, string Content, int? MeetingId, DateTime SubmittedUtc,
    OpinionReview Review, string? ReviewedBy, string? ReviewNote, int? PetitionId);

public sealed record ApproveInput(PetitionKind? Kind, string? Field, string? Department);

public sealed record RejectInput(string? Note);

/// <summary>Opinions from the public page (the QR code on the printed notice): no account, limited per address, reviewed before the registry.</summary>
public static partial class PetitionEndpoints
{
    public const string PublicRateLimitPolicy = "public-opinions";

    public static void AddPetitions(this IServiceCollection services, AccessOptions access)
    {
        services.AddSingleton<Calendar.CalendarStore>();
        services.AddSingleton<Import.IPetitionImportSink, RegistryImportSink>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(PublicRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = access.PhoneRequestsPerWindow,
                Window = TimeSpan.FromSeconds(access.PhoneWindowSeconds),
                QueueLimit = 0,
            })));
    }

    private static void MapOpinions(IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/public/opinions").RequireAntiforgery();
        open.MapPost("/", Submit).RequireRateLimiting(PublicRateLimitPolicy);
        open.MapGet("/form", () => Results.Ok(new { fields = PetitionLabels.CommonFields }));

        var review = app.MapGroup("/api/petitions/opinions").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
        review.MapGet("/", ListOpinions);
        review.MapPost("/{id:int}/approve", Approve);
        review.MapPost("/{id:int}/reject", Reject);
    }

    private static async Task<IResult> Submit(OpinionInput input, MeetingDbContext db, TimeProvider time)
    {
        var errors = new FieldErrors();
        var name = UserText.Line(input.Name);
        var content = UserText.Text(input.Content);
        if (name is null) errors.Add("name", "Xin cho biết họ tên (hoặc tên nhóm, tổ chức).");
        else if (name.Length > 200) errors.Add("name", "Họ tên không quá 200 ký tự.");
        if (UserText.Line(input.Address) is { Length: > 300 }) errors.Add("address", "Địa chỉ không quá 300 ký tự.");
        if (UserText.Line(input.Field) is { Length: > 100 }) errors.Add("field", "Lĩnh vực không quá 100 ký tự.");
        if (content is null) errors.Add("content", "Xin nhập nội dung ý kiến, kiến nghị.");
        else if (content.Length > 4000) errors.Add("content", "Nội dung không quá 4.000 ký tự.");
        if (input.MeetingId is { } meetingId && !await db.Meetings.AnyAsync(m => m.Id == meetingId && !m.Archived))
            errors.Add("meetingId", "Không tìm thấy hội nghị này.");
        if (errors.ToProblem() is { } problem) return problem;
        var opinion = new PublicOpinion
        {
            Name = name!, Address = UserText.Line(input.Address) ?? "", Field = UserText.Line(input.Field) ?? "", Content = content!,
            MeetingId = input.MeetingId, SubmittedUtc = time.GetUtcNow().UtcDateTime, Review = OpinionReview.Pending,
        };
        db.Set<PublicOpinion>().Add(opinion);
        await db.SaveChangesAsync();
        return Results.Ok(new { opinion.Id, message = "Đã nhận ý kiến của quý vị. Văn phòng sẽ xem xét và chuyển đến cơ quan có trách nhiệm trả lời." });
    }

    private static async Task<List<OpinionItem>> ListOpinions(OpinionReview? review, MeetingDbContext db) =>
        (await db.Set<PublicOpinion>().AsNoTracking().Where(o => o.Review == (review ?? OpinionReview.Pending))
            .OrderBy(o => o.Id).Take(500).ToListAsync())
        .Select(o => new OpinionItem(o.Id, o.Name, o.Address, o.Field, o.Content, o.MeetingId, o.SubmittedUtc, o.Review, o.ReviewedBy, o.ReviewNote, o.PetitionId))
        .ToList();

    /// <summary>Approval creates the registry entry (source: the public page) and links it to the opinion.</summary>
    private static async Task<IResult> Approve(int id, ApproveInput input, ClaimsPrincipal user, MeetingDbContext db, TimeProvider time, HallClock hall)
    {
        var opinion = await db.Set<PublicOpinion>().FirstOrDefaultAsync(o => o.Id == id);
        if (opinion is null) return ApiProblems.NotFound("Không tìm thấy ý kiến gửi từ trang công khai.");
        if (opinion.Review != OpinionReview.Pending) return ApiProblems.Conflict("Ý kiến này đã được xem xét.");
        if (input.Kind is { } k && !Enum.IsDefined(k)) return ApiProblems.BadRequest("Loại không hợp lệ.");
        if (UserText.Line(input.Field) is { Length: > 100 } || UserText.Line(input.Department) is { Length: > 200 })
            return ApiProblems.BadRequest("Lĩnh vực hoặc phòng ban quá dài.");
        var now = time.GetUtcNow().UtcDateTime;
        var by = user.Identity?.Name ?? "?";
        await using var tx = await db.Database.BeginTransactionAsync();
        var petition = new Petition
        {
            Kind = input.Kind ?? PetitionKind.Request, Petitioner = opinion.Name, Address = opinion.Address, Source = PetitionSource.PublicPage,
            Field = UserText.Line(input.Field) ?? opinion.Field, Content = opinion.Content, Department = UserText.Line(input.Department),
            MeetingId = opinion.MeetingId, ReceivedOn = DateOnly.FromDateTime(hall.ToHall(opinion.SubmittedUtc)), CreatedUtc = now, UpdatedUtc = now,
        };
        db.Set<Petition>().Add(petition);
        await db.SaveChangesAsync();
        db.Set<PetitionHistory>().Add(new PetitionHistory
        {
            PetitionId = petition.Id, AtUtc = now, By = by, From = PetitionStatus.New, To = PetitionStatus.New,
            Note = $"Duyệt ý kiến số {opinion.Id} gửi từ trang công khai.",
        });
        opinion.Review = OpinionReview.Approved;
        opinion.ReviewedBy = by;
        opinion.PetitionId = petition.Id;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Results.Ok(new { petitionId = petition.Id });
    }

    private static async Task<IResult> Reject(int id, RejectInput input, ClaimsPrincipal user, MeetingDbContext db)
    {
        var opinion = await db.Set<PublicOpinion>().FirstOrDefaultAsync(o => o.Id == id);
        if (opinion is null) return ApiProblems.NotFound("Không tìm thấy ý kiến gửi từ trang công khai.");
        if (opinion.Review != OpinionReview.Pending) return ApiProblems.Conflict("Ý kiến này đã được xem xét.");
        var note = UserText.Text(input.Note);
        if (note is null) return ApiProblems.BadRequest("Hãy ghi lý do không tiếp nhận (ví dụ: trùng, không có nội dung).");
        if (note.Length > 1000) return ApiProblems.BadRequest("Lý do không quá 1000 ký tự.");
        opinion.Review = OpinionReview.Rejected;
        opinion.ReviewedBy = user.Identity?.Name ?? "?";
        opinion.ReviewNote = note;
        await db.SaveChangesAsync();
        return Results.NoContent();
    }
}
