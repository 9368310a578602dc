using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Petitions;
using static MeetingAssist.Host.MeetingDocuments.DocumentWording;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>One meeting of the period as the report lists it.</summary>
public sealed record PeriodMeeting(int Id, string Title, DateOnly Day, string Place);

/// <summary>
/// What the report to the upper level over a whole plan or year is composed from.
/// </summary>
/// <param name="Period">How the text names the period: "Kế hoạch đối thoại năm 2026" for a plan, "năm 2026" for a year.</param>
/// <param name="IsPlan">True when the period is a plan ("Thực hiện …"), false for a calendar year.</param>
/// <param name="Petitions">The period's petitions: a plan's (its own or its meetings'), or those received in the year.</param>
/// <param name="Signer">Who signs: the chair of the period's latest meeting, for the organising body.</param>
public sealed record PeriodReportInput(
    string Agency,
    string PlaceName,
    string Period,
    bool IsPlan,
    IReadOnlyList<PeriodMeeting> Meetings,
    IReadOnlyList<Petition> Petitions,
    SignatureBlock Signer,
    DateOnly Today)
{
    public string AgencyInSentence => InSentence(Agency);
}

/// <summary>
/// The report to the upper level across a plan or a year (the per-meeting one is <see cref="PetitionDocumentComposer.UpperLevelReport"/>):
/// the meetings held, the petitions counted by field, status, level and department, the on-time rate of the kiến nghị
/// that have fallen due, and the overdue list. Pure.
/// </summary>
public static class PeriodReportComposer
{
    public static StateDocument Compose(PeriodReportInput input)
    {
        var tally = PetitionTally.Of(input.Petitions, input.Today);
        var scope = input.IsPlan ? $"theo {input.Period}" : input.Period;
        var body = new List<DocumentBlock>
        {
            new DocumentHeading("I. KẾT QUẢ TỔ CHỨC ĐỐI THOẠI"),
            DocumentParagraph.Plain((input.IsPlan ? $"Thực hiện {input.Period}, " : $"Trong {input.Period}, ") + input.AgencyInSentence +
                                    (input.Meetings.Count == 0 ? " chưa tổ chức hội nghị đối thoại nào." : $" đã tổ chức {input.Meetings.Count} hội nghị đối thoại:")),
        };
        var byMeeting = input.Petitions.Where(p => p.MeetingId is not null).GroupBy(p => p.MeetingId!.Value).ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < input.Meetings.Count; i++)
        {
            var m = input.Meetings[i];
            var place = string.IsNullOrWhiteSpace(m.Place) ? "" : $", tại {m.Place.Trim()}";
            body.Add(DocumentParagraph.Plain($"{i + 1}. {m.Title.Trim()}, ngày {WorkingCalendar.Format(m.Day)}{place}: {byMeeting.GetValueOrDefault(m.Id)} ý kiến, kiến nghị."));
        }
        var outside = input.Petitions.Count(p => p.MeetingId is null || input.Meetings.All(m => m.Id != p.MeetingId));
        if (outside > 0) body.Add(DocumentParagraph.Plain($"Ngoài hội nghị, {input.AgencyInSentence} tiếp nhận {outside} ý kiến, kiến nghị (thư, thư điện tử, trang góp ý và các nguồn khác)."));

        body.Add(new DocumentHeading("II. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ"));
        body.Add(Labelled("Tổng số: ", $"{tally.Total} ý kiến, kiến nghị ({tally.Requests} kiến nghị, {tally.Opinions} ý kiến), " +
                                       $"gồm {tally.Total - tally.AtMeeting} thu thập trước và ngoài hội nghị, {tally.AtMeeting} nêu tại hội nghị."));
        body.AddRange(tally.CountParagraphs());

        body.Add(new DocumentHeading("III. KẾT QUẢ TRẢ LỜI, GIẢI QUYẾT"));
        body.Add(tally.OnTimeParagraph());
        if (tally.Overdue.Count == 0)
            body.Add(DocumentParagraph.Plain($"Đến ngày {WorkingCalendar.Format(input.Today)}, không có kiến nghị nào quá hạn trả lời."));
        else
        {
            var departments = tally.Overdue.GroupBy(p => string.IsNullOrWhiteSpace(p.Department) ? PetitionTally.Unassigned : p.Department.Trim())
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()));
            body.Add(Labelled("Kiến nghị quá hạn chưa trả lời: ", $"{tally.Overdue.Count} (đến ngày {WorkingCalendar.Format(input.Today)}), gồm: {Counts(departments)}."));
            for (var i = 0; i < tally.Overdue.Count; i++)
            {
                var p = tally.Overdue[i];
                var late = input.Today.DayNumber - p.DueDate!.Value.DayNumber;
                body.Add(new DocumentParagraph(new TextRun($"{i + 1}. {Who(p)}: ", Bold: true), new TextRun(Sentence(p.Content) + " "),
                    new TextRun($"Giao {p.Department ?? "(chưa phân công)"}, hạn {WorkingCalendar.Format(p.DueDate.Value)}, quá hạn {late} ngày.", Italic: true)));
            }
        }
        var upper = UpperLevelOf(input.Agency);
        body.Add(DocumentParagraph.Plain($"{input.AgencyInSentence} báo cáo {upper} biết, chỉ đạo."));
        var header = new DocumentHeader("", input.Agency, NumberLine("BC", input.Agency), input.PlaceName, input.Today);
        return new StateDocument(header, "BÁO CÁO", $"Kết quả tổ chức đối thoại và giải quyết ý kiến, kiến nghị của Nhân dân {scope}", body,
            [input.Signer], [$"{upper} (để báo cáo)", "Thường trực cấp ủy, HĐND", "Ủy ban MTTQ Việt Nam cùng cấp", "Lưu: VT"]);
    }
}
