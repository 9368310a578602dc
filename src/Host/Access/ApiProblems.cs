using Microsoft.AspNetCore.Antiforgery;

namespace MeetingAssist.Host.Access;

/// <summary>ProblemDetails with a Vietnamese message, the only shape of error the API returns.</summary>
public static class ApiProblems
{
    public static IResult Problem(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status switch
        {
            400 => "Dữ liệu không hợp lệ",
            401 => "Chưa đăng nhập",
            403 => "Không có quyền",
            404 => "Không tìm thấy",
            409 => "Không thực hiện được",
            423 => "Tài khoản tạm khóa",
            429 => "Quá nhiều yêu cầu",
            _ => "Lỗi",
        });

    public static IResult BadRequest(string detail) => Problem(400, detail);
    public static IResult NotFound(string detail) => Problem(404, detail);
    public static IResult Conflict(string detail) => Problem(409, detail);

    /// <summary>Every state-changing API call carries the antiforgery token in a header.</summary>
    public static TBuilder RequireAntiforgery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var method = ctx.HttpContext.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) return await next(ctx);
            var antiforgery = ctx.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(ctx.HttpContext))
                return BadRequest("Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ. Hãy tải lại trang và thử lại.");
            return await next(ctx);
        });
}
