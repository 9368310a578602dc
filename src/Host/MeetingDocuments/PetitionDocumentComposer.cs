using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Petitions;
using static MeetingAssist.Host.MeetingDocuments.DocumentWording;
using static MeetingAssist.Host.MeetingDocuments.MeetingDocumentComposer;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>An assignment in the conclusion notice: who answers, by when, and how that date was counted.</summary>
public sealed record Assignment(Petition Petition, string Department, DateOnly Due, string HowCounted);

/// <summary>
/// The documents about the petitions' answers: the report before the meeting, the conclusion notice after it, the
/// report to the level above, and a department's written reply to one petitioner. Pure functions of their input.
/// </summary>
public static class PetitionDocumentComposer
{
    private static readonly string[] CommonRecipients = ["Thường trực cấp ủy, HĐND", "Ủy ban MTTQ Việt Nam cùng cấp"];

    public static StateDocument AnswersReport(MeetingDocumentInput input)
    {
        var collected = input.CollectedBefore.ToList();
        var answers = input.AnswersDeadline;
        var body = new List<DocumentBlock>
        {
            DocumentParagraph.Plain($"Chuẩn bị {Title(input)}, tổ chức vào {input.StartText} tại {input.PlaceText}, {input.AgencyInSentence} đã tiếp nhận, " +
                                    "phân loại và giao các cơ quan chuyên môn trả lời các ý kiến, kiến nghị của Nhân dân thu thập trước hội nghị " +
                                    $"(hạn trả lời: {Day(answers.Date)}, {input.Rules.AnswersWorkingDaysBefore} ngày làm việc trước ngày hội nghị). Kết quả như sau:"),
            new DocumentHeading("I. TỔNG HỢP"),
        };
        if (collected.Count == 0)
        {
            body.Add(DocumentParagraph.Plain("Không có ý kiến, kiến nghị nào được thu thập trước hội nghị."));
        }
        else
        {
            var requests = collected.Count(p => p.Kind == PetitionKind.Request);
            var fields = collected.Select(FieldOf).Distinct().Count();
            body.Add(Labelled("Tổng số: ", $"{collected.Count} ý kiến, kiến nghị ({requests} kiến nghị, {collected.Count - requests} ý kiến), thuộc {fields} lĩnh vực."));
            body.Add(Labelled("Theo nguồn tiếp nhận: ", Counts(Enum.GetValues<PetitionSource>().Select(s => (PetitionLabels.Of(s), collected.Count(p => p.Source == s)))) + "."));
            var answered = collected.Count(HasAnswer);
            body.Add(Labelled("Kết quả: ", $"đã có trả lời {answered}; chưa có trả lời {collected.Count - answered}."));
            body.Add(new DocumentHeading("II. NỘI DUNG TRẢ LỜI THEO LĨNH VỰC"));
            var groups = collected.GroupBy(FieldOf).OrderBy(g => FieldRank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            for (var i = 0; i < groups.Count; i++)
            {
                var group = groups[i].OrderBy(p => p.Id).ToList();
                body.Add(new DocumentHeading($"{i + 1}. Lĩnh vực {Lower(groups[i].Key)} ({group.Count} ý kiến, kiến nghị)"));
                for (var j = 0; j < group.Count; j++)
                {
                    var p = group[j];
                    body.Add(new DocumentParagraph(new TextRun($"{i + 1}.{j + 1}. {Who(p)}: ", Bold: true), new TextRun(Sentence(p.Content))));
                    body.Add(HasAnswer(p)
                        ? new DocumentParagraph(new TextRun($"Trả lời ({p.Department ?? "cơ quan chuyên môn"}): ", Italic: true), new TextRun(Sentence(p.Answer!)))
                        : new DocumentParagraph(new TextRun("Chưa có trả lời: ", Italic: true), new TextRun(p.Department is { Length: > 0 } d
                            ? $"đã giao {d}{(p.DueDate is { } due ? $", hạn trả lời {WorkingCalendar.Format(due)}" : "")}."
                            : "chưa phân công cơ quan trả lời.")));
                }
            }
        }
        body.Add(DocumentParagraph.Plain("Các nội dung chưa có trả lời được trả lời tại hội nghị hoặc bằng văn bản theo quy định."));
        return new StateDocument(Header(input, "BC"), "BÁO CÁO", "Kết quả trả lời ý kiến, kiến nghị của Nhân dân trước " + Title(input), body,
            [Chair(input)], [.. CommonRecipients, "Các cơ quan chuyên môn liên quan", "Lưu: VT"]);
    }

    private static bool HasAnswer(Petition p) => !string.IsNullOrWhiteSpace(p.Answer);

    /// <summary>
    /// Who answers in writing and by when. A petition the chair marked for a written answer, or one given an
    /// extension, keeps the registry's due date; any other still open is given the plan's count of working days
    /// from the notice's own date (the rule "departments answer within N working days of the conclusion notice").
    /// </summary>
    public static List<Assignment> Assignments(MeetingDocumentInput input)
    {
        var open = input.Petitions.Where(p => p.Kind == PetitionKind.Request && PetitionRules.AwaitsAnswer(p.Status)).OrderBy(p => p.Id);
        var list = new List<Assignment>();
        foreach (var p in open)
        {
            var department = string.IsNullOrWhiteSpace(p.Department) ? "Văn phòng (chưa phân công)" : p.Department;
            var keep = p.DueDate is not null && (p.Status == PetitionStatus.WrittenAnswerNeeded || p.ExtensionReason is not null);
            if (keep && p.DueFrom is { } from && p.DueDays is { } days)
                list.Add(new Assignment(p, department, p.DueDate!.Value, $"{days} {(p.DueCountKind == DayCountKind.Working ? "ngày làm việc" : "ngày")} kể từ ngày {WorkingCalendar.Format(from)}"));
            else if (keep)
                list.Add(new Assignment(p, department, p.DueDate!.Value, "hạn đã ấn định trong sổ theo dõi"));
            else
            {
                var deadline = input.Calendar.After(input.Today, input.Rules.DepartmentAnswerWorkingDays, DayCountKind.Working, "Trả lời bằng văn bản");
                list.Add(new Assignment(p, department, deadline.Date, $"{input.Rules.DepartmentAnswerWorkingDays} ngày làm việc kể từ ngày ban hành thông báo này"));
            }
        }
        return list;
    }

    public static StateDocument ConclusionNotice(MeetingDocumentInput input)
    {
        var m = input.Meeting;
        var attendance = input.Attendance.Sum(a => a.Count);
        var body = new List<DocumentBlock>
        {
            DocumentParagraph.Plain($"Vào {input.StartText}, tại {input.PlaceText}, {input.AgencyInSentence} tổ chức {Title(input)}. " +
                                    $"Đồng chí {m.ChairName}{(m.ChairTitle.Length > 0 ? ", " + m.ChairTitle : "")} chủ trì hội nghị." +
                                    (attendance > 0 ? $" Tham dự hội nghị có {attendance} người." : "")),
            DocumentParagraph.Plain("Sau khi nghe báo cáo kết quả trả lời ý kiến, kiến nghị thu thập trước hội nghị, ý kiến phát biểu của Nhân dân " +
                                    "và ý kiến trả lời của các cơ quan chuyên môn, đồng chí chủ trì hội nghị kết luận như sau:"),
        };
        var section = 0;
        var concluded = input.ConclusionLabels.Select((label, i) => (label, text: i < input.Conclusions.Count ? input.Conclusions[i].Trim() : ""))
            .Where(c => c.text.Length > 0).ToList();
        if (concluded.Count > 0)
        {
            body.Add(new DocumentHeading($"{RomanOf(++section)}. KẾT LUẬN CHUNG"));
            foreach (var (label, text) in concluded)
            {
                var lines = MinutesComposer.Lines(text);
                body.Add(new DocumentParagraph(new TextRun(concluded.Count > 1 ? $"Về {Lower(label)}: " : "", Italic: true), new TextRun(lines[0])));
                body.AddRange(lines.Skip(1).Select(DocumentParagraph.Plain));
            }
        }

        var answered = input.Petitions.Where(p => !PetitionRules.AwaitsAnswer(p.Status) && p.Status != PetitionStatus.ForwardedUp
                                                  || p.Kind == PetitionKind.Opinion && PetitionRules.AwaitsAnswer(p.Status)).OrderBy(p => p.Id).ToList();
        if (answered.Count > 0)
        {
            body.Add(new DocumentHeading($"{RomanOf(++section)}. CÁC Ý KIẾN, KIẾN NGHỊ ĐÃ ĐƯỢC TRẢ LỜI, TIẾP THU"));
            for (var i = 0; i < answered.Count; i++)
            {
                var p = answered[i];
                var reply = string.IsNullOrWhiteSpace(p.Answer) ? "Hội nghị ghi nhận, tiếp thu ý kiến."
                    : (p.Department is { Length: > 0 } d ? $"{d} trả lời: " : "Trả lời: ") + Sentence(p.Answer);
                body.Add(new DocumentParagraph(new TextRun($"{i + 1}. {Who(p)}: ", Bold: true), new TextRun(Sentence(p.Content) + " "), new TextRun(reply, Italic: true)));
            }
        }

        var assignments = Assignments(input);
        if (assignments.Count > 0)
        {
            body.Add(new DocumentHeading($"{RomanOf(++section)}. GIAO TRẢ LỜI, GIẢI QUYẾT BẰNG VĂN BẢN"));
            for (var i = 0; i < assignments.Count; i++)
            {
                var a = assignments[i];
                body.Add(new DocumentParagraph(new TextRun($"{i + 1}. Giao {a.Department}: ", Bold: true),
                    new TextRun($"trả lời bằng văn bản kiến nghị của {Who(a.Petition)} về nội dung: {Sentence(a.Petition.Content)} "),
                    new TextRun($"Thời hạn: {Day(a.Due)} ({a.HowCounted}).", Italic: true)));
            }
        }

        var forwarded = input.Petitions.Where(p => p.Status == PetitionStatus.ForwardedUp).OrderBy(p => p.Id).ToList();
        if (forwarded.Count > 0)
        {
            body.Add(new DocumentHeading($"{RomanOf(++section)}. KIẾN NGHỊ CHUYỂN CẤP TRÊN"));
            for (var i = 0; i < forwarded.Count; i++)
            {
                var p = forwarded[i];
                body.Add(new DocumentParagraph(new TextRun($"{i + 1}. {Who(p)}: ", Bold: true), new TextRun(Sentence(p.Content) + " "),
                    new TextRun($"Nội dung thuộc thẩm quyền {Lower(PetitionLabels.Of(p.Level))}, chuyển cơ quan có thẩm quyền xem xét, giải quyết.", Italic: true)));
            }
        }

        body.Add(DocumentParagraph.Plain("Các cơ quan được giao có văn bản trả lời người kiến nghị và báo cáo kết quả về " + input.AgencyInSentence +
                                         " đúng thời hạn; nội dung chưa giải quyết xong trong thời hạn phải báo cáo rõ lý do và thông báo cho người kiến nghị biết. " +
                                         "Đề nghị Ủy ban MTTQ Việt Nam cùng cấp giám sát việc thực hiện."));
        body.Add(DocumentParagraph.Plain($"{input.AgencyInSentence} thông báo để các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện."));
        var departments = assignments.Select(a => a.Department).Concat(answered.Select(p => p.Department).OfType<string>())
            .Where(d => d.Length > 0 && !d.StartsWith("Văn phòng (", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal);
        return new StateDocument(Header(input, "TB"), "THÔNG BÁO",
            $"Kết luận của đồng chí {m.ChairName} tại {Title(input)}", body, [Chair(input)],
            [CommonRecipients[0], "Ủy ban MTTQ Việt Nam cùng cấp (để giám sát)", .. departments.Select(d => $"{d} (để thực hiện)"), "Các cá nhân có kiến nghị", "Lưu: VT"]);
    }

    public static StateDocument UpperLevelReport(MeetingDocumentInput input)
    {
        var m = input.Meeting;
        var all = input.Petitions.OrderBy(p => p.Id).ToList();
        var upper = UpperLevelOf(input.Agency);
        var attendance = input.Attendance.Sum(a => a.Count);
        var body = new List<DocumentBlock>
        {
            new DocumentHeading("I. KẾT QUẢ TỔ CHỨC HỘI NGHỊ"),
            DocumentParagraph.Plain((input.PlanTitle is { Length: > 0 } plan ? $"Thực hiện {plan}, v" : "V") +
                                    $"ào {input.StartText}, tại {input.PlaceText}, {input.AgencyInSentence} đã tổ chức {Title(input)} do đồng chí {m.ChairName}" +
                                    $"{(m.ChairTitle.Length > 0 ? ", " + m.ChairTitle : "")} chủ trì." +
                                    (attendance > 0 ? $" Tham dự hội nghị có {attendance} người ({string.Join("; ", input.Attendance.Where(a => a.Count > 0).Select(a => $"{a.Group} {a.Count}"))})." : "")),
            new DocumentHeading("II. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ"),
        };
        var tally = PetitionTally.Of(all, input.Today);
        body.Add(Labelled("Tổng số: ", $"{tally.Total} ý kiến, kiến nghị ({tally.Requests} kiến nghị, {tally.Opinions} ý kiến), " +
                                       $"gồm {tally.Total - tally.AtMeeting} thu thập trước hội nghị và {tally.AtMeeting} nêu tại hội nghị."));
        body.AddRange(tally.CountParagraphs());
        body.Add(tally.OnTimeParagraph());

        body.Add(new DocumentHeading("III. KIẾN NGHỊ QUÁ HẠN"));
        var overdue = tally.Overdue;
        if (overdue.Count == 0) body.Add(DocumentParagraph.Plain($"Đến ngày {WorkingCalendar.Format(input.Today)}, không có kiến nghị nào quá hạn trả lời."));
        for (var i = 0; i < overdue.Count; i++)
        {
            var p = overdue[i];
            var late = input.Today.DayNumber - p.DueDate!.Value.DayNumber;
            body.Add(new DocumentParagraph(new TextRun($"{i + 1}. {Who(p)}: ", Bold: true), new TextRun(Sentence(p.Content) + " "),
                new TextRun($"Giao {p.Department ?? "(chưa phân công)"}, hạn {WorkingCalendar.Format(p.DueDate.Value)}, quá hạn {late} ngày.", Italic: true)));
        }
        body.Add(DocumentParagraph.Plain($"{input.AgencyInSentence} báo cáo {upper} biết, chỉ đạo."));
        return new StateDocument(Header(input, "BC"), "BÁO CÁO",
            $"Kết quả tổ chức {Title(input)} và giải quyết ý kiến, kiến nghị của Nhân dân", body, [Chair(input)],
            [$"{upper} (để báo cáo)", .. CommonRecipients, "Lưu: VT"]);
    }

    /// <summary>Why a petition cannot be answered in writing yet; null when it can.</summary>
    public static string? ReplyProblem(Petition p)
    {
        if (string.IsNullOrWhiteSpace(p.Department)) return "Kiến nghị chưa được phân công cho phòng ban nào nên chưa có văn bản trả lời.";
        if (string.IsNullOrWhiteSpace(p.Answer)) return "Kiến nghị chưa có nội dung trả lời; hãy nhập trả lời trước khi in văn bản.";
        return null;
    }

    /// <summary>
    /// The department's written reply as a letter (công văn, template 1.1 of Appendix I): no title, the excerpt
    /// "V/v trả lời kiến nghị của ông (bà) …" under the number, "Kính gửi" with the petitioner's name and address.
    /// </summary>
    public static StateDocument Reply(ReplyInput input)
    {
        var p = input.Petition;
        var department = p.Department!;
        var whom = Addressed(p.Petitioner);
        var body = new List<DocumentBlock>
        {
            DocumentParagraph.Plain($"Ngày {WorkingCalendar.Format(input.ReceivedOn)}, {department} nhận được {Lower(PetitionLabels.Of(p.Kind))} của {whom} " +
                                    $"(nguồn tiếp nhận: {PetitionLabels.Of(p.Source)}) với nội dung: “{p.Content.Trim()}”"),
        };
        if (input.MeetingTitle is { Length: > 0 } title && input.MeetingDay is { } day)
            body.Add(DocumentParagraph.Plain($"Nội dung trên thuộc các ý kiến, kiến nghị của {Lower(title.Trim())} ngày {WorkingCalendar.Format(day)}."));
        body.Add(DocumentParagraph.Plain($"Sau khi xem xét, {department} trả lời như sau:"));
        body.AddRange(MinutesComposer.Lines(p.Answer).Select(line => DocumentParagraph.Plain(Sentence(line))));
        body.Add(DocumentParagraph.Plain($"Trường hợp chưa đồng ý với nội dung trả lời, {whom} có thể tiếp tục phản ánh đến {department}" +
                                         (input.Agency.Length > 0 ? $" hoặc {input.AgencyInSentence}" : "") + " để được xem xét theo quy định."));
        body.Add(DocumentParagraph.Plain($"{department} trả lời để {whom} được biết."));
        var post = department.StartsWith("Phòng", StringComparison.OrdinalIgnoreCase) ? "Trưởng phòng" : "Thủ trưởng cơ quan";
        var header = new DocumentHeader(input.Agency, department, NumberLine("", department), input.PlaceName, input.Today,
            Excerpt: $"V/v trả lời kiến nghị của {whom}");
        var addressee = AddressedAtStart(p.Petitioner) + (p.Address.Trim().Length > 0 ? ", " + p.Address.Trim() : "");
        return new StateDocument(header, "", null, body,
            [new SignatureBlock("", post, input.Signer?.Name ?? "")],
            ["Như trên", .. input.Agency.Length > 0 ? new[] { $"{input.AgencyInSentence} (để báo cáo)" } : [], "Lưu: VT"],
            AddressedTo: addressee);
    }
}
