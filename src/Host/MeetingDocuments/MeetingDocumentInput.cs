using System.Globalization;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>
/// Everything the documents of one meeting are composed from, read in one go so composing is a pure function:
/// the meeting and its plan's rules, the working calendar, the meeting's petitions, and from the biên bản draft the
/// chair's conclusions, the attendance and the header's governing body and place name.
/// </summary>
/// <param name="StartHall">The scheduled start on the hall's clock (Vietnam time).</param>
/// <param name="Agency">The issuing agency: the meeting's organising body, else its plan's.</param>
/// <param name="OpinionPageUrl">The public opinion page of this meeting, printed on the notice and the slip.</param>
/// <param name="Today">The date the document is issued, in Vietnam time.</param>
/// <param name="Invitees">The invitation's invitees as the office chose them, one printed line each; null until it chooses.</param>
public sealed record MeetingDocumentInput(
    Meeting Meeting,
    DateTime StartHall,
    string Agency,
    string AgencyAbove,
    string PlaceName,
    string? PlanTitle,
    DeadlineRules Rules,
    WorkingCalendar Calendar,
    IReadOnlyList<Petition> Petitions,
    IReadOnlyList<MinutesResponder> Responders,
    IReadOnlyList<string> ConclusionLabels,
    IReadOnlyList<string> Conclusions,
    IReadOnlyList<AttendanceCount> Attendance,
    string OpinionPageUrl,
    DateOnly Today,
    IReadOnlyList<string>? Invitees = null)
{
    public DateOnly MeetingDay => DateOnly.FromDateTime(StartHall);

    /// <summary>Petitions collected before the meeting: every one of the meeting's except those raised on its floor.</summary>
    public IEnumerable<Petition> CollectedBefore => Petitions.Where(p => p.Source != PetitionSource.AtMeeting);

    /// <summary>The day departments must have answered the petitions collected beforehand.</summary>
    public Deadline AnswersDeadline =>
        Calendar.Before(MeetingDay, Rules.AnswersWorkingDaysBefore, DayCountKind.Working, "Các phòng ban trả lời ý kiến, kiến nghị đã thu thập");

    /// <summary>"08 giờ 00 phút, Thứ Sáu ngày 24 tháng 4 năm 2026".</summary>
    public string StartText =>
        string.Create(CultureInfo.InvariantCulture, $"{StartHall:HH} giờ {StartHall:mm} phút, {WorkingCalendar.Weekday(MeetingDay)} ") + StateDates.Long(MeetingDay);

    /// <summary>The agency as a sentence names it ("Ủy ban nhân dân xã Kiến Minh"), whatever case it was typed in.</summary>
    public string AgencyInSentence => DocumentWording.InSentence(Agency);

    public string PlaceText => string.IsNullOrWhiteSpace(Meeting.Place) ? "(chưa có địa điểm)" : Meeting.Place;
}

/// <summary>What a department's written reply to one petitioner is composed from.</summary>
/// <param name="Agency">The organising body the department belongs to (printed above it), or empty.</param>
/// <param name="ReceivedOn">The day the office received the petition (<see cref="Petition.ReceivedOn"/>), in Vietnam time.</param>
/// <param name="Signer">The department head among the meeting's responders, when one is found; the name is then printed.</param>
public sealed record ReplyInput(
    Petition Petition,
    string Agency,
    string PlaceName,
    string? MeetingTitle,
    DateOnly? MeetingDay,
    DateOnly ReceivedOn,
    MinutesResponder? Signer,
    DateOnly Today)
{
    public string AgencyInSentence => DocumentWording.InSentence(Agency);
}
