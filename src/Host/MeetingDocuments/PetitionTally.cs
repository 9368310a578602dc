using System.Globalization;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Petitions;
using static MeetingAssist.Host.MeetingDocuments.DocumentWording;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>
/// The figures a report to the upper level gives for a set of petitions: counts by field, status, level of authority
/// and department, and how the kiến nghị that have fallen due were answered. Pure: the registry's derived overdue rule
/// (<see cref="PetitionRules.IsOverdue"/>) decides what is overdue on <paramref name="Today"/>.
/// </summary>
/// <param name="AnsweredOnTime">Kiến nghị with a due date answered on or before it.</param>
/// <param name="AnsweredLate">Kiến nghị with a due date answered after it.</param>
/// <param name="Overdue">Kiến nghị still awaiting an answer past their (possibly extended) due date, oldest due first.</param>
public sealed record PetitionTally(
    DateOnly Today,
    int Total,
    int Requests,
    int AtMeeting,
    IReadOnlyList<CountBy> ByField,
    IReadOnlyList<CountBy> ByStatus,
    IReadOnlyList<CountBy> ByLevel,
    IReadOnlyList<CountBy> ByDepartment,
    int AnsweredOnTime,
    int AnsweredLate,
    IReadOnlyList<Petition> Overdue)
{
    public const string Unassigned = "Chưa phân công";

    public int Opinions => Total - Requests;

    /// <summary>Kiến nghị whose answer has fallen due: answered against a due date, or overdue now.</summary>
    public int FallenDue => AnsweredOnTime + AnsweredLate + Overdue.Count;

    public double? OnTimeRate => OnTimeRateOf(AnsweredOnTime, AnsweredLate, Overdue.Count);

    /// <summary>
    /// Percent answered on time of those fallen due (on time + late + overdue unanswered), one decimal; null when
    /// none has fallen due. The one definition the reports and the registry's dashboard both print.
    /// </summary>
    public static double? OnTimeRateOf(int answeredOnTime, int answeredLate, int overdue)
    {
        var fallenDue = answeredOnTime + answeredLate + overdue;
        return fallenDue == 0 ? null : Math.Round(100.0 * answeredOnTime / fallenDue, 1);
    }

    public static PetitionTally Of(IEnumerable<Petition> petitions, DateOnly today)
    {
        var all = petitions.OrderBy(p => p.Id).ToList();
        var requests = all.Where(p => p.Kind == PetitionKind.Request).ToList();
        // One still awaiting its answer past due is overdue, whatever an earlier stage recorded as answered.
        var overdue = requests.Where(p => PetitionRules.IsOverdue(p, today)).OrderBy(p => p.DueDate).ThenBy(p => p.Id).ToList();
        var answered = requests.Where(p => p.AnsweredOn is not null && p.DueDate is not null && !PetitionRules.IsOverdue(p, today)).ToList();
        return new PetitionTally(today, all.Count, requests.Count, all.Count(p => p.Source == PetitionSource.AtMeeting),
            all.GroupBy(FieldOf).OrderBy(g => FieldRank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new CountBy(g.Key, g.Count())).ToList(),
            Enum.GetValues<PetitionStatus>().Select(s => new CountBy(PetitionLabels.Of(s), all.Count(p => p.Status == s))).Where(c => c.Count > 0).ToList(),
            Enum.GetValues<AuthorityLevel>().Select(l => new CountBy(PetitionLabels.Of(l), all.Count(p => p.Level == l))).Where(c => c.Count > 0).ToList(),
            all.GroupBy(p => string.IsNullOrWhiteSpace(p.Department) ? Unassigned : p.Department.Trim())
                .OrderBy(g => g.Key == Unassigned).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new CountBy(g.Key, g.Count())).ToList(),
            answered.Count(p => p.AnsweredOn <= p.DueDate), answered.Count(p => p.AnsweredOn > p.DueDate), overdue);
    }

    /// <summary>"Đất đai 3; Môi trường 2".</summary>
    public static string Line(IEnumerable<CountBy> counts) => Counts(counts.Select(c => (c.Name, c.Count)));

    /// <summary>The four "Theo …" lines both reports print; none when there is nothing to count.</summary>
    public IEnumerable<DocumentBlock> CountParagraphs() => Total == 0 ? [] :
    [
        Labelled("Theo lĩnh vực: ", Line(ByField) + "."),
        Labelled("Theo trạng thái: ", Line(ByStatus) + "."),
        Labelled("Theo thẩm quyền giải quyết: ", Line(ByLevel) + "."),
        Labelled("Theo cơ quan được giao: ", Line(ByDepartment) + "."),
    ];

    /// <summary>"Tỷ lệ trả lời đúng hạn: 33,3% (1/3 kiến nghị đã đến hạn: …)", with each part of the denominator.</summary>
    public DocumentParagraph OnTimeParagraph() => Labelled("Tỷ lệ trả lời đúng hạn: ", OnTimeRate is not { } rate
        ? $"đến ngày {WorkingCalendar.Format(Today)} chưa có kiến nghị nào đến hạn trả lời."
        : $"{rate.ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))}% ({AnsweredOnTime}/{FallenDue} kiến nghị đã đến hạn: {AnsweredOnTime} trả lời đúng hạn, " +
          $"{AnsweredLate} trả lời quá hạn, {Overdue.Count} quá hạn chưa trả lời).");
}
