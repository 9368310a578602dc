using System.Threading.RateLimiting;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Meetings;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;

namespace MeetingAssist.Host.Queue;

public sealed record PhoneRequestInput(string? Name, string? Affiliation, string? Topic, string? Field);
public sealed record PhoneRequestStatus(int RequestId, string Status, string StatusLabel, int? Position);

/// <summary>What attendees reach from the QR code: ask to speak, then watch their place in the queue.</summary>
public static class PhoneEndpoints
{
    public const string RateLimitPolicy = "phone-requests";

    public static void AddPhoneRateLimit(this IServiceCollection services, AccessOptions access)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await ApiProblems.Problem(429, "Bạn đã gửi quá nhiều yêu cầu. Hãy chờ ít phút rồi thử lại, hoặc đăng ký tại bàn tiếp nhận.")
                    .ExecuteAsync(ctx.HttpContext);
            };
            o.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = access.PhoneRequestsPerWindow,
                    Window = TimeSpan.FromSeconds(access.PhoneWindowSeconds),
                    QueueLimit = 0,
                }));
        });
    }

    public static void MapPhone(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id:int}").RequireAntiforgery();
        group.MapPost("/ask", Ask).RequireRateLimiting(RateLimitPolicy);
        group.MapGet("/requests/{requestId:int}/status", Status);
        group.MapGet("/ask-link", (int id, PublicAddress address) => Results.Ok(new { url = AskUrl(address, id) }));
        group.MapGet("/qr.svg", (int id, PublicAddress address) =>
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(AskUrl(address, id), QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(8);
            return Results.Text(svg, "image/svg+xml");
        });
    }

    public static string AskUrl(PublicAddress address, int meetingId) => $"{address.BaseUrl()}/ask?m={meetingId}";

    private static async Task<IResult> Ask(int id, PhoneRequestInput input, LiveMeetingService live)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return ApiProblems.BadRequest("Hãy nhập họ và tên.");
        if (string.IsNullOrWhiteSpace(input.Topic)) return ApiProblems.BadRequest("Hãy nhập nội dung muốn phát biểu.");
        try
        {
            var speaker = new SpeakerRef(null, input.Name, input.Affiliation ?? "", PersonRole.Citizen);
            var version = await live.ExecuteAsync(id, new SubmitPhoneRequest(speaker, input.Topic, input.Field), new Actor("phone", null));
            return Results.Ok(new { requestId = version });
        }
        catch (MeetingNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (MeetingRuleException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    private static async Task<IResult> Status(int id, int requestId, LiveMeetingService live)
    {
        try
        {
            var snapshot = await live.SnapshotAsync(id, staff: true);
            var all = snapshot.Queue.Concat(snapshot.Pending ?? []).Concat(snapshot.Finished ?? []);
            var request = all.FirstOrDefault(r => r.RequestId == requestId);
            if (request is null && snapshot.Floor?.RequestId == requestId)
                return Results.Ok(new PhoneRequestStatus(requestId, nameof(RequestStatus.Speaking), "đang phát biểu", null));
            if (request is null) return ApiProblems.NotFound("Không tìm thấy yêu cầu phát biểu này.");
            var position = snapshot.Queue.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.RequestId == requestId);
            return Results.Ok(new PhoneRequestStatus(requestId, request.Status, request.StatusLabel,
                position.r is null ? null : position.i + 1));
        }
        catch (MeetingNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
    }
}
