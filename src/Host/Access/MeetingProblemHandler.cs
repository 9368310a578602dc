using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.Diagnostics;

namespace MeetingAssist.Host.Access;

/// <summary>
/// Turns the live meeting's refusals into ProblemDetails in one place, so endpoints call the service and let a
/// missing meeting become a 404 and a broken rule a 409 (with the rule's Vietnamese message), instead of each
/// endpoint repeating the same try/catch. A refusal is an ordinary answer, not a server fault: nothing is logged
/// as an error.
/// </summary>
public sealed class MeetingProblemHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var status = exception switch
        {
            MeetingNotFoundException => StatusCodes.Status404NotFound,
            MeetingRuleException => StatusCodes.Status409Conflict,
            _ => 0,
        };
        if (status == 0) return false;
        http.Response.StatusCode = status;
        await ApiProblems.Problem(status, exception.Message).ExecuteAsync(http);
        return true;
    }
}
