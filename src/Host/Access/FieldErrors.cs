namespace MeetingAssist.Host.Access;

/// <summary>
/// Form problems keyed by the field they belong to, so a page can put each message beside its input. The
/// response is a ProblemDetails with <c>errors</c> and, for clients that show one line, the first message as <c>detail</c>.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Any => _errors.Count > 0;

    public IResult? ToProblem() => _errors.Count == 0
        ? null
        : Results.Problem(
            detail: _errors.Values.First()[0],
            statusCode: 400,
            title: "Dữ liệu không hợp lệ",
            extensions: new Dictionary<string, object?> { ["errors"] = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()) });
}
