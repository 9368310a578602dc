namespace MeetingAssist.Host.Petitions;

/// <summary>A change the rules refuse; the message is Vietnamese and goes to the client as a 409.</summary>
public sealed class PetitionRuleException(string message) : Exception(message);

/// <summary>
/// The life of a petition: mới → đã phân công → đã có trả lời → (trả lời tại hội nghị | cần trả lời bằng văn bản |
/// chuyển cấp trên) → đã giải quyết. Nothing else; pure functions, no database.
/// </summary>
public static class PetitionRules
{
    private static readonly Dictionary<PetitionStatus, PetitionStatus[]> Next = new()
    {
        [PetitionStatus.New] = [PetitionStatus.Assigned],
        [PetitionStatus.Assigned] = [PetitionStatus.Answered],
        [PetitionStatus.Answered] = [PetitionStatus.AnsweredAtMeeting, PetitionStatus.WrittenAnswerNeeded, PetitionStatus.ForwardedUp],
        [PetitionStatus.AnsweredAtMeeting] = [PetitionStatus.Resolved],
        [PetitionStatus.WrittenAnswerNeeded] = [PetitionStatus.Resolved],
        [PetitionStatus.ForwardedUp] = [PetitionStatus.Resolved],
        [PetitionStatus.Resolved] = [],
    };

    public static IReadOnlyList<PetitionStatus> AllowedFrom(PetitionStatus status) => Next[status];

    public static bool IsAllowed(PetitionStatus from, PetitionStatus to) => Next[from].Contains(to);

    /// <summary>States in which an answer is still owed, so a past due date makes the petition overdue.</summary>
    public static bool AwaitsAnswer(PetitionStatus status) =>
        status is PetitionStatus.New or PetitionStatus.Assigned or PetitionStatus.WrittenAnswerNeeded;

    /// <summary>Overdue is derived at read time: a request that still awaits an answer past its (possibly extended) due date.</summary>
    public static bool IsOverdue(Petition petition, DateOnly today) =>
        petition.Kind == PetitionKind.Request && petition.DueDate is { } due && due < today && AwaitsAnswer(petition.Status);

    /// <summary>Checks a transition and what it needs (a department before assignment, an answer before "answered").</summary>
    public static void Check(Petition petition, PetitionStatus to, string? answer)
    {
        if (!Enum.IsDefined(to)) throw new PetitionRuleException("Trạng thái chuyển đến không hợp lệ.");
        if (!IsAllowed(petition.Status, to))
        {
            var allowed = AllowedFrom(petition.Status);
            var hint = allowed.Count == 0
                ? "Kiến nghị đã giải quyết xong, không chuyển tiếp được."
                : "Chỉ có thể chuyển sang: " + string.Join(", ", allowed.Select(PetitionLabels.Of)) + ".";
            throw new PetitionRuleException(
                $"Không thể chuyển từ «{PetitionLabels.Of(petition.Status)}» sang «{PetitionLabels.Of(to)}». {hint}");
        }
        if (to == PetitionStatus.Assigned && string.IsNullOrWhiteSpace(petition.Department))
            throw new PetitionRuleException("Hãy chọn phòng ban chịu trách nhiệm trước khi phân công.");
        if (to == PetitionStatus.Answered && string.IsNullOrWhiteSpace(answer ?? petition.Answer))
            throw new PetitionRuleException("Hãy nhập nội dung trả lời trước khi chuyển sang «Đã có trả lời».");
    }
}
