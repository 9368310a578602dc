using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Petitions;
using static MeetingAssist.Host.MeetingDocuments.DocumentWording;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>
/// Composes the documents of one meeting as <see cref="StateDocument"/>s for the shared engine. This class holds
/// the three issued before the meeting (the notice, the invitation, the questionnaire slip);
/// <see cref="PetitionDocumentComposer"/> holds those about the petitions' answers. Pure: the input carries the
/// calendar and the date of issue.
/// </summary>
public static class MeetingDocumentComposer
{
    public static StateDocument Compose(MeetingDocumentKind kind, MeetingDocumentInput input) => kind switch
    {
        MeetingDocumentKind.Notice => Notice(input),
        MeetingDocumentKind.Invitation => Invitation(input),
        MeetingDocumentKind.Questionnaire => Questionnaire(input),
        MeetingDocumentKind.AnswersReport => PetitionDocumentComposer.AnswersReport(input),
        MeetingDocumentKind.ConclusionNotice => PetitionDocumentComposer.ConclusionNotice(input),
        MeetingDocumentKind.UpperLevelReport => PetitionDocumentComposer.UpperLevelReport(input),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind."),
    };

    /// <summary>What stops a document from being issued at all; the endpoint answers 409 with it.</summary>
    public static string? Problem(MeetingDocumentInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Agency)) return "Chưa có tên cơ quan tổ chức hội nghị (nhập ở trang Thiết lập hội nghị).";
        if (string.IsNullOrWhiteSpace(input.Meeting.ChairName)) return "Chưa có tên người chủ trì hội nghị (nhập ở trang Thiết lập hội nghị).";
        return null;
    }

    internal static DocumentHeader Header(MeetingDocumentInput input, string code) =>
        new(input.AgencyAbove, input.Agency, NumberLine(code, input.Agency), input.PlaceName, input.Today);

    internal static SignatureBlock Chair(MeetingDocumentInput input) =>
        ChairSignature(input.Agency, input.Meeting.ChairTitle, input.Meeting.ChairName);

    internal static string Title(MeetingDocumentInput input) => Lower(input.Meeting.Title.Trim());

    /// <summary>The agenda as the notice and invitation print it, or the purpose every dialogue has.</summary>
    private static string Content(MeetingDocumentInput input)
    {
        var agenda = input.Meeting.Agenda.OrderBy(a => a.Order).Select(a => a.Title.Trim()).Where(t => t.Length > 0).ToList();
        return agenda.Count > 0
            ? string.Join("; ", agenda.Select(Lower)) + "."
            : "người đứng đầu đối thoại trực tiếp, trả lời ý kiến, kiến nghị của Nhân dân.";
    }

    private static StateDocument Notice(MeetingDocumentInput input)
    {
        var m = input.Meeting;
        var answers = input.AnswersDeadline;
        var opening = (input.PlanTitle is { Length: > 0 } plan ? $"Thực hiện {plan}, " : "") + $"{input.AgencyInSentence} thông báo tổ chức {Title(input)} như sau:";
        var body = new List<DocumentBlock>
        {
            DocumentParagraph.Plain(opening),
            Labelled("1. Thời gian: ", input.StartText + "."),
            Labelled("2. Địa điểm: ", Sentence(input.PlaceText)),
            Labelled("3. Thành phần: ", Sentence(string.IsNullOrWhiteSpace(m.AudienceGroup)
                ? "Nhân dân trên địa bàn; đại diện các cơ quan chuyên môn có liên quan"
                : $"{m.AudienceGroup}; đại diện các cơ quan chuyên môn có liên quan")),
            Labelled("4. Nội dung: ", Content(input)),
            Labelled("5. Gửi ý kiến, kiến nghị trước hội nghị: ",
                $"Nhân dân gửi ý kiến, kiến nghị trước ngày {WorkingCalendar.Format(answers.Date)} qua Ủy ban Mặt trận Tổ quốc Việt Nam và các " +
                $"tổ chức chính trị - xã hội ở thôn, tổ dân phố (bằng phiếu hỏi), bằng thư gửi {input.AgencyInSentence}, hoặc trên trang góp ý " +
                $"trực tuyến tại địa chỉ {input.OpinionPageUrl} (quét mã QR in kèm thông báo). Các ý kiến, kiến nghị gửi trong thời hạn " +
                "trên được các cơ quan chuyên môn nghiên cứu, trả lời tại hội nghị."),
            DocumentParagraph.Plain("Đề nghị các thôn, tổ dân phố và Đài truyền thanh thông báo rộng rãi để Nhân dân biết, tham dự."),
        };
        return new StateDocument(Header(input, "TB"), "THÔNG BÁO", "Về việc tổ chức " + Title(input), body, [Chair(input)],
        [
            "Thường trực cấp ủy, HĐND", "Ủy ban MTTQ Việt Nam cùng cấp", "Các thôn, tổ dân phố (để niêm yết, thông báo)",
            "Đài truyền thanh (để đưa tin)", "Lưu: VT",
        ]);
    }

    /// <summary>
    /// Who is invited when the office has not chosen: the meeting's responders by name, and every department with
    /// petitions to answer unless one of its heads is already named.
    /// </summary>
    public static List<string> DefaultInvitees(IReadOnlyList<MinutesResponder> responders, IEnumerable<Petition> petitions)
    {
        var invited = responders.Select(r => string.IsNullOrWhiteSpace(r.Title) ? r.Name : $"{r.Name}, {r.Title}").ToList();
        var departments = petitions.Select(p => p.Department).OfType<string>().Where(d => d.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        invited.AddRange(departments.Where(d => !responders.Any(r => Heads(r.Title, d))).Select(d => "Lãnh đạo " + d));
        return invited;
    }

    private static StateDocument Invitation(MeetingDocumentInput input)
    {
        var body = new List<DocumentBlock> { DocumentParagraph.Plain($"{input.AgencyInSentence} trân trọng kính mời:") };
        var invited = input.Invitees is { Count: > 0 } chosen ? chosen.ToList() : DefaultInvitees(input.Responders, input.Petitions);
        if (invited.Count == 0) invited.Add("Đại diện các cơ quan chuyên môn có liên quan");
        body.AddRange(invited.Select((line, i) => DocumentParagraph.Plain($"- {line}{(i == invited.Count - 1 ? "." : ";")}")));
        body.Add(DocumentParagraph.Plain($"Tới dự {Title(input)}."));
        body.Add(Labelled("Thời gian: ", input.StartText + "."));
        body.Add(Labelled("Địa điểm: ", Sentence(input.PlaceText)));
        body.Add(Labelled("Nội dung: ", Content(input)));

        var answers = input.AnswersDeadline;
        var assigned = input.CollectedBefore.Where(p => p.Kind == PetitionKind.Request && !string.IsNullOrWhiteSpace(p.Department))
            .GroupBy(p => p.Department!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (assigned.Count > 0)
        {
            body.Add(DocumentParagraph.Plain(
                $"Đề nghị các cơ quan chuyên môn gửi văn bản trả lời các kiến nghị được giao về Văn phòng trước ngày {WorkingCalendar.Format(answers.Date)} " +
                $"({input.Rules.AnswersWorkingDaysBefore} ngày làm việc trước ngày hội nghị) để tổng hợp, báo cáo tại hội nghị, cụ thể:"));
            body.AddRange(assigned.Select((g, i) => DocumentParagraph.Plain($"- {g.Key}: {g.Count()} kiến nghị{(i == assigned.Count - 1 ? "." : ";")}")));
        }
        body.Add(DocumentParagraph.Plain("Rất mong quý vị tham dự đúng thời gian."));
        // Each invitee is sent a copy, so "Nơi nhận" names them one by one.
        return new StateDocument(Header(input, "GM"), "GIẤY MỜI", "Dự " + Title(input), body, [Chair(input)], [.. invited, "Lưu: VT"]);
    }

    /// <summary>"Trưởng phòng Kinh tế" heads "Phòng Kinh tế": the department's name without its kind is in the title.</summary>
    internal static bool Heads(string title, string department)
    {
        var core = department.Trim();
        foreach (var kind in new[] { "Phòng ", "Ban ", "Văn phòng ", "Trung tâm " })
            if (core.StartsWith(kind, StringComparison.OrdinalIgnoreCase)) core = core[kind.Length..];
        return core.Length > 0 && title.Contains(core, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Dots to write on by hand: 125 fill a line of 14 pt Times New Roman after the 1 cm indent.</summary>
    private static string Dots(int count) => new('.', count);

    private static StateDocument Questionnaire(MeetingDocumentInput input)
    {
        var answers = input.AnswersDeadline;
        // One page: the slip is printed and handed out by the hundred.
        List<DocumentBlock> body =
        [
            DocumentParagraph.Plain($"Hội nghị tổ chức vào {input.StartText} tại {input.PlaceText}. Để chuẩn bị hội nghị, đề nghị ông (bà) " +
                                    "cho biết ý kiến, kiến nghị của mình theo các mục dưới đây."),
            Labelled("Họ và tên: ", Dots(100)),
            Labelled("Thôn, tổ dân phố: ", Dots(88)),
            Labelled("Số điện thoại (nếu có): ", Dots(76)),
            Labelled("Lĩnh vực (khoanh tròn): ", string.Join("; ", PetitionLabels.CommonFields) + "."),
            new DocumentParagraph(new TextRun("Nội dung ý kiến, kiến nghị:", Bold: true)),
            .. Enumerable.Range(0, 6).Select(_ => DocumentParagraph.Plain(Dots(118))),
            DocumentParagraph.Plain($"Phiếu xin gửi về Ủy ban Mặt trận Tổ quốc Việt Nam, tổ chức chính trị - xã hội ở thôn, tổ dân phố hoặc {input.AgencyInSentence} " +
                                    $"trước ngày {WorkingCalendar.Format(answers.Date)}; ông (bà) cũng có thể gửi ý kiến trên trang góp ý trực tuyến " +
                                    $"{input.OpinionPageUrl} . Xin trân trọng cảm ơn ông (bà)."),
        ];
        // A slip carries no number: it is a form, not a registered document.
        var header = new DocumentHeader(input.AgencyAbove, input.Agency, "", input.PlaceName, input.Today);
        return new StateDocument(header, "PHIẾU HỎI Ý KIẾN", "Ý kiến, kiến nghị của Nhân dân gửi " + Title(input), body,
            [new SignatureBlock("", "Người ghi phiếu", "")], []);
    }
}
