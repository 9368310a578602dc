using MeetingAssist.Host.People;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Meetings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;

namespace MeetingAssist.Host.Queue;

public sealed record PhoneRequestInput(string? Name, string? Affiliation, string? Topic, string? Field);
public sealed record PhoneRequestStatus(int RequestId, string Status, string StatusLabel, int? Position);
public sealed record PhoneTokenInput(string? Token);
public sealed record PhoneFormState(bool Open, string? Reason);

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
        group.MapGet("/ask/state", FormState);
        group.MapGet("/requests/{requestId:int}/status", Status);
        // No rate limit: only the phone holding the token can withdraw, and a withdrawal must not use up its asks.
        group.MapPost("/requests/{requestId:int}/withdraw", Withdraw);
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

    /// <summary>
    /// The phone that sent a request gets a token for it; its status and its withdrawal need that token, so no
    /// one reads or withdraws another citizen's request by trying ids. The token is the request's meeting and id
    /// sealed with the server's data-protection keys (kept in the data folder), so it survives a restart.
    /// </summary>
    private static IDataProtector Tokens(IDataProtectionProvider provider) => provider.CreateProtector("MeetingAssist.PhoneRequest.v1");

    public static string TokenFor(IDataProtectionProvider provider, int meetingId, int requestId) =>
        Tokens(provider).Protect(string.Create(CultureInfo.InvariantCulture, $"{meetingId}:{requestId}"));

    private static bool TokenMatches(IDataProtectionProvider provider, string? token, int meetingId, int requestId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500) return false;
        try
        {
            return Tokens(provider).Unprotect(token) == string.Create(CultureInfo.InvariantCulture, $"{meetingId}:{requestId}");
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Attendees' phones act without an account; their actions are not undoable by anyone's Undo.</summary>
    private static readonly Actor PhoneActor = new("phone", null);

    private const string UnknownRequest = "Không tìm thấy yêu cầu phát biểu này trên điện thoại của bạn.";

    /// <summary>Whether the form can be sent now, so the page says so before anyone fills it in.</summary>
    private static async Task<IResult> FormState(int id, LiveMeetingService live)
    {
        var snapshot = await live.SnapshotAsync(id, staff: false);
        if (snapshot.Status == nameof(MeetingStatus.Ended))
            return Results.Ok(new PhoneFormState(false, "Hội nghị đã kết thúc, không nhận thêm đăng ký phát biểu."));
        if (!snapshot.ListOpen)
            return Results.Ok(new PhoneFormState(false, "Danh sách đăng ký phát biểu đã đóng. Xin cảm ơn quý vị."));
        return Results.Ok(new PhoneFormState(true, null));
    }

    private static async Task<IResult> Withdraw(int id, int requestId, PhoneTokenInput input, LiveMeetingService live, IDataProtectionProvider provider)
    {
        if (!TokenMatches(provider, input.Token, id, requestId)) return ApiProblems.NotFound(UnknownRequest);
        await live.ExecuteAsync(id, new WithdrawRequest(requestId, ByCitizen: true), PhoneActor);
        return await Status(id, requestId, input.Token, live, provider);
    }

    private static async Task<IResult> Ask(int id, PhoneRequestInput input, LiveMeetingService live, IDataProtectionProvider provider)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return ApiProblems.BadRequest("Hãy nhập họ và tên.");
        if (string.IsNullOrWhiteSpace(input.Topic)) return ApiProblems.BadRequest("Hãy nhập nội dung muốn phát biểu.");
        var speaker = new SpeakerRef(null, input.Name, input.Affiliation ?? "", PersonRole.Citizen);
        var version = await live.ExecuteAsync(id, new SubmitPhoneRequest(speaker, input.Topic, input.Field), PhoneActor);
        return Results.Ok(new { requestId = version, token = TokenFor(provider, id, version) });
    }

    private static async Task<IResult> Status(int id, int requestId, string? token, LiveMeetingService live, IDataProtectionProvider provider)
    {
        if (!TokenMatches(provider, token, id, requestId)) return ApiProblems.NotFound(UnknownRequest);
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
}
