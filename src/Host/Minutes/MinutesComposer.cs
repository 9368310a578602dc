using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Minutes;

/// <summary>What stands between the draft and approval; the page lists these beside the fields they name.</summary>
/// <param name="Field">opening, introduction, petitionReport, attendance, conclusions, meeting or turn.</param>
public sealed record MinutesProblem(string Field, int? TurnId, string Message);

/// <summary>
/// Composes the biên bản (Nghị định 30/2020, Appendix III, template 1.9) from the meeting, the floor log and the
/// secretary's texts, in the order the meeting ran: opening, the chair's introduction, the report on petitions
/// collected beforehand, each turn with its answer and follow-up, the chair's conclusions, the closing time.
/// </summary>
public sealed class MinutesComposer(MinutesClock clock)
{
    public const string DefaultNumber = "Số:      /BB-UBND";

    public static readonly string[] DefaultRecipients = ["Thường trực cấp ủy, HĐND", "Ủy ban MTTQ Việt Nam cùng cấp", "Các cơ quan chuyên môn liên quan", "Lưu: VT"];

    public StateDocument Compose(MinutesInput input)
    {
        var m = input.Meeting;
        var d = input.Draft;
        var turns = input.RecordedTurns.ToList();
        var start = input.StartedAtMs is { } s ? clock.Hall(s) : clock.Hall(m.ScheduledStart);
        var body = new List<DocumentBlock>
        {
            Labelled("Thời gian bắt đầu: ", MinutesClock.Long(start) + "."),
            Labelled("Địa điểm: ", Sentence(m.Place)),
            new DocumentHeading("I. THÀNH PHẦN THAM DỰ"),
            Labelled("Chủ tọa: ", Sentence(Join(m.ChairName, m.ChairTitle))),
            Labelled("Thư ký: ", Sentence(m.SecretaryName)),
        };
        var attendance = input.Attendance.Where(a => a.Count > 0).ToList();
        if (attendance.Count > 0)
        {
            body.Add(Labelled("Số người tham dự: ", $"{attendance.Sum(a => a.Count)} người, gồm: " +
                string.Join("; ", attendance.Select(a => $"{a.Group} {a.Count} người")) + "."));
        }
        var delegates = Lines(d.Delegates);
        if (delegates.Count > 0) body.Add(Labelled("Đại biểu: ", string.Join("; ", delegates) + "."));
        if (input.Responders.Count > 0)
            body.Add(Labelled("Đại diện cơ quan chuyên môn: ", string.Join("; ", input.Responders.Select(r => Join(r.Name, r.Title))) + "."));

        body.Add(new DocumentHeading("II. NỘI DUNG HỘI NGHỊ"));
        var section = 0;
        body.Add(new DocumentHeading($"{++section}. Khai mạc hội nghị"));
        body.AddRange(Paragraphs(d.Opening));
        body.Add(new DocumentHeading($"{++section}. Chủ tọa nêu mục đích, nội dung hội nghị"));
        body.AddRange(Paragraphs(d.Introduction));
        if (!d.NoPetitionReport)
        {
            body.Add(new DocumentHeading($"{++section}. Báo cáo kết quả giải quyết ý kiến, kiến nghị thu thập trước hội nghị"));
            body.AddRange(Paragraphs(d.PetitionReport));
        }
        if (turns.Count > 0)
        {
            body.Add(new DocumentHeading($"{++section}. Ý kiến phát biểu và trả lời tại hội nghị"));
            foreach (var turn in turns) body.AddRange(Turn(input, turn));
        }
        var conclusions = input.Conclusions;
        var labels = input.ConclusionLabels;
        var concluded = labels.Select((label, i) => (label, text: i < conclusions.Count ? conclusions[i].Trim() : "")).Where(c => c.text.Length > 0).ToList();
        if (concluded.Count > 0)
        {
            body.Add(new DocumentHeading($"{++section}. Kết luận của chủ tọa"));
            foreach (var (label, text) in concluded)
            {
                var paragraphs = Lines(text);
                body.Add(new DocumentParagraph(new TextRun(concluded.Count > 1 || input.Agenda.Count > 0 ? $"Về {Lower(label)}: " : "", Italic: true), new TextRun(paragraphs[0])));
                body.AddRange(paragraphs.Skip(1).Select(DocumentParagraph.Plain));
            }
        }
        if (EndedAt(turns) is { } end)
            body.Add(DocumentParagraph.Plain($"Hội nghị kết thúc vào {MinutesClock.Long(clock.Hall(end))}."));

        var date = DateOnly.FromDateTime(start);
        var header = new DocumentHeader(d.AgencyAbove, m.OrganisingBody, NumberLine(d.Number), Or(d.PlaceName, PlaceNameOf(m.OrganisingBody)), date);
        var recipients = Lines(d.Recipients);
        return new StateDocument(header, "BIÊN BẢN", m.Title, body,
            [new SignatureBlock("", "Thư ký", m.SecretaryName), new SignatureBlock("", "Chủ tọa", m.ChairName)],
            recipients.Count > 0 ? recipients : DefaultRecipients);
    }

    /// <summary>The turn's header from the floor log, then its text as the secretary chose.</summary>
    private static IEnumerable<DocumentBlock> Turn(MinutesInput input, MinutesTurn turn)
    {
        var mode = input.ModeOf(turn.TurnId);
        var text = mode switch
        {
            TurnTextMode.Verbatim => input.VerbatimOf(turn.TurnId),
            TurnTextMode.Summary => input.SummaryOf(turn.TurnId),
            _ => "",
        };
        var paragraphs = Lines(text);
        var header = new TextRun(input.HeaderOf(turn) + (paragraphs.Count > 0 ? ": " : "."), Bold: true);
        if (paragraphs.Count == 0)
        {
            yield return new DocumentParagraph(header);
            yield break;
        }
        // Verbatim words are quoted, so a reader tells the speaker's own words from the secretary's summary.
        var verbatim = mode == TurnTextMode.Verbatim;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var words = verbatim ? (i == 0 ? "“" : "") + paragraphs[i] + (i == paragraphs.Count - 1 ? "”" : "") : paragraphs[i];
            yield return i == 0 ? new DocumentParagraph(header, new TextRun(words, Italic: verbatim)) : new DocumentParagraph(new TextRun(words, Italic: verbatim));
        }
    }

    /// <summary>Everything that would leave a gap in the record; approval waits until the list is empty.</summary>
    public IReadOnlyList<MinutesProblem> Problems(MinutesInput input)
    {
        var problems = new List<MinutesProblem>();
        var m = input.Meeting;
        var d = input.Draft;
        if (string.IsNullOrWhiteSpace(m.ChairName)) problems.Add(new("meeting", null, "Chưa có tên chủ tọa (nhập ở trang Thiết lập hội nghị)."));
        if (string.IsNullOrWhiteSpace(m.SecretaryName)) problems.Add(new("meeting", null, "Chưa có tên thư ký (nhập ở trang Thiết lập hội nghị)."));
        if (string.IsNullOrWhiteSpace(m.OrganisingBody)) problems.Add(new("meeting", null, "Chưa có tên cơ quan tổ chức (nhập ở trang Thiết lập hội nghị)."));
        if (!input.Attendance.Any(a => a.Count > 0)) problems.Add(new("attendance", null, "Chưa nhập số người tham dự."));
        if (string.IsNullOrWhiteSpace(d.Opening)) problems.Add(new("opening", null, "Chưa viết phần khai mạc hội nghị."));
        if (string.IsNullOrWhiteSpace(d.Introduction)) problems.Add(new("introduction", null, "Chưa viết phần chủ tọa nêu mục đích, nội dung hội nghị."));
        if (!d.NoPetitionReport && string.IsNullOrWhiteSpace(d.PetitionReport))
            problems.Add(new("petitionReport", null, "Chưa có báo cáo giải quyết kiến nghị thu thập trước hội nghị (hoặc đánh dấu là không có)."));
        foreach (var turn in input.RecordedTurns)
        {
            var who = $"{turn.SpeakerName} (lúc {clock.Short(turn.StartedAtMs)})";
            if (turn.EndedAtMs is null) problems.Add(new("turn", turn.TurnId, $"Lượt của {who} chưa kết thúc."));
            var mode = input.ModeOf(turn.TurnId);
            if (mode == TurnTextMode.Verbatim && string.IsNullOrWhiteSpace(input.VerbatimOf(turn.TurnId)))
                problems.Add(new("turn", turn.TurnId, $"Lượt của {who} chưa có văn bản ghi lại: hãy viết tóm tắt, hoặc chọn chỉ ghi dòng tiêu đề."));
            else if (mode == TurnTextMode.Summary && string.IsNullOrWhiteSpace(input.SummaryOf(turn.TurnId)))
                problems.Add(new("turn", turn.TurnId, $"Chưa viết tóm tắt cho lượt của {who}."));
        }
        if (!input.Conclusions.Any(c => c.Trim().Length > 0)) problems.Add(new("conclusions", null, "Chưa có kết luận của chủ tọa."));
        return problems;
    }

    /// <summary>
    /// A number not given yet ("Số: /BB-UBND", as typed text arrives with its spaces collapsed) keeps the blank the
    /// office fills in by hand when the document is registered.
    /// </summary>
    public static string NumberLine(string number)
    {
        if (string.IsNullOrWhiteSpace(number)) return DefaultNumber;
        var unnumbered = System.Text.RegularExpressions.Regex.Match(number.Trim(), @"^Số:\s*/(.*)$");
        return unnumbered.Success ? "Số:      /" + unnumbered.Groups[1].Value : number;
    }

    private static long? EndedAt(List<MinutesTurn> turns) =>
        turns.Count == 0 ? null : turns.Max(t => t.EndedAtMs ?? t.StartedAtMs);

    private static DocumentParagraph Labelled(string label, string text) => new(new TextRun(label, Bold: true), new TextRun(text));

    private static IEnumerable<DocumentParagraph> Paragraphs(string text) => Lines(text).Select(DocumentParagraph.Plain);

    public static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Join(string name, string title) => string.IsNullOrWhiteSpace(title) ? name : $"{name}, {title}";

    private static string Sentence(string text) => text.TrimEnd().TrimEnd('.') + ".";

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>"ỦY BAN NHÂN DÂN XÃ KIẾN MINH" → "Kiến Minh": the place name of the date line, until the secretary sets one.</summary>
    public static string PlaceNameOf(string organisingBody)
    {
        var upper = organisingBody.Trim().ToUpperInvariant();
        foreach (var unit in new[] { " THỊ TRẤN ", " PHƯỜNG ", " XÃ ", " ĐẶC KHU ", " TỈNH ", " THÀNH PHỐ " })
        {
            var at = upper.LastIndexOf(unit, StringComparison.Ordinal);
            if (at < 0) continue;
            var name = organisingBody.Trim()[(at + unit.Length)..];
            return string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
        }
        return "";
    }
}
