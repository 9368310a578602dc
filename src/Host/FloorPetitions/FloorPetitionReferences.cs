using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.People;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.FloorPetitions;

/// <summary>One petition the desk may name on a slip.</summary>
public sealed record FloorPetitionItem(int Id, string Petitioner, string Address, string Field, string Content, PetitionStatus Status,
    string StatusLabel, bool OfThisMeeting);

/// <summary>
/// Which petitions a meeting may refer to: its own (any state), and any other still open. The desk finds them by
/// petitioner, address or content without tone marks, or by number.
/// </summary>
public sealed class FloorPetitionReferences : IPetitionReferences
{
    /// <summary>Enough of the content to recognise a petition in a queue row; the registry has the whole text.</summary>
    public const int SummaryLength = 160;
    private const int SearchedContentLength = 400;
    private const int MaxResults = 20;

    public async Task<PetitionRef> ResolveAsync(MeetingDbContext db, int meetingId, int petitionId)
    {
        var petition = await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId)
            ?? throw new MeetingRuleException($"Không tìm thấy kiến nghị số {petitionId} trong sổ kiến nghị.");
        if (petition.MeetingId != meetingId && petition.Status == PetitionStatus.Resolved)
            throw new MeetingRuleException($"Kiến nghị số {petitionId} đã giải quyết xong và không thuộc hội nghị này, nên không gắn vào phiếu đăng ký được.");
        return new PetitionRef(petition.Id, petition.Petitioner, Summary(petition.Content));
    }

    /// <summary>The start of the content, cut at a word where one is near.</summary>
    public static string Summary(string content)
    {
        if (content.Length <= SummaryLength) return content;
        var cut = content.LastIndexOf(' ', SummaryLength - 1);
        return content[..(cut > 40 ? cut : SummaryLength - 1)] + "…";
    }

    /// <summary>This meeting's petitions first, then the newest open ones; every word of the query must match.</summary>
    public static async Task<List<FloorPetitionItem>> SearchAsync(MeetingDbContext db, int meetingId, string? query)
    {
        var candidates = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.MeetingId == meetingId || p.Status != PetitionStatus.Resolved)
            .Select(p => new
            {
                p.Id, p.Petitioner, p.Address, p.Field, p.Status, p.MeetingId,
                Content = p.Content.Length > SearchedContentLength ? p.Content.Substring(0, SearchedContentLength) : p.Content,
            })
            .ToListAsync();
        var text = UserText.Line(query) ?? "";
        var number = int.TryParse(text.TrimStart('#'), out var n) ? n : (int?)null;
        var words = TextSearch.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return candidates
            .Where(p => number == p.Id || words.All(TextSearch.Fold($"{p.Petitioner} {p.Address} {p.Content}").Contains))
            .OrderByDescending(p => p.Id == number)
            .ThenByDescending(p => p.MeetingId == meetingId)
            .ThenByDescending(p => p.Id)
            .Take(MaxResults)
            .Select(p => new FloorPetitionItem(p.Id, p.Petitioner, p.Address, p.Field, Summary(p.Content), p.Status,
                PetitionLabels.Of(p.Status), p.MeetingId == meetingId))
            .ToList();
    }
}
