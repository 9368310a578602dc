using System.Text.Json;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Petitions;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>One line the office may invite, with where it comes from ("Người trả lời", "Đại biểu", "Phòng ban").</summary>
public sealed record InviteeCandidate(string Group, string Text);

/// <param name="Chosen">True once the office has saved its own list; until then <paramref name="Invitees"/> is the default.</param>
public sealed record InvitationView(int MeetingId, bool Chosen, IReadOnlyList<string> Invitees, IReadOnlyList<InviteeCandidate> Candidates);

public sealed record InvitationInput(string[]? Invitees);

/// <summary>
/// Who the invitation (giấy mời) of a meeting is sent to, as the office chooses it from the meeting's responders,
/// the biên bản's delegates, the departments with petitions to answer, and lines it types itself. Kept as one
/// setting per meeting (an ordered list of short lines needs no table). Saving replaces the whole list, so sending
/// the same list twice after a dropped connection changes nothing.
/// </summary>
public static class InvitationEndpoints
{
    public const int MaxInvitees = 60, MaxInviteeLength = 200;

    public static string SettingKey(int meetingId) => $"meeting.invitation.{meetingId}";

    public static void MapInvitation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id:int}/invitation").RequireAntiforgery();
        group.MapGet("/", GetAsync).RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
        group.MapPut("/", SaveAsync).RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
    }

    /// <summary>The saved list of a meeting, or null when the office has not chosen one.</summary>
    public static async Task<List<string>?> ChosenAsync(MeetingDbContext db, int meetingId, CancellationToken ct)
    {
        var key = SettingKey(meetingId);
        var json = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web);
    }

    private static async Task<IResult> GetAsync(int id, MeetingDbContext db, CancellationToken ct) =>
        await ViewAsync(db, id, ct) is { } view ? Results.Ok(view) : ApiProblems.NotFound("Không tìm thấy hội nghị.");

    private static async Task<IResult> SaveAsync(int id, InvitationInput input, MeetingDbContext db, CancellationToken ct)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == id, ct)) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        var lines = new List<string>();
        foreach (var raw in input.Invitees ?? [])
        {
            // "- Ông A;" typed as it would be printed: the list marks and the final punctuation are the document's own.
            var line = UserText.Line(raw)?.TrimStart('-', ' ').TrimEnd(';', '.', ',', ' ');
            if (string.IsNullOrEmpty(line)) continue;
            if (line.Length > MaxInviteeLength) return ApiProblems.BadRequest($"Mỗi dòng người được mời không quá {MaxInviteeLength} ký tự.");
            if (!lines.Contains(line, StringComparer.Ordinal)) lines.Add(line);
        }
        if (lines.Count == 0) return ApiProblems.BadRequest("Hãy chọn ít nhất một người hoặc cơ quan được mời.");
        if (lines.Count > MaxInvitees) return ApiProblems.BadRequest($"Giấy mời có tối đa {MaxInvitees} dòng người được mời.");

        var key = SettingKey(id);
        var json = JsonSerializer.Serialize(lines, JsonSerializerOptions.Web);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null) db.Settings.Add(new AppSetting { Key = key, Value = json });
        else row.Value = json;
        await db.SaveChangesAsync(ct);
        return Results.Ok(await ViewAsync(db, id, ct));
    }

    private static async Task<InvitationView?> ViewAsync(MeetingDbContext db, int meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return null;
        var responderIds = meeting.Responders.Select(r => r.PersonId).ToList();
        var responders = await db.People.AsNoTracking().Where(p => responderIds.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new MinutesResponder(p.Name, p.Title)).ToListAsync(ct);
        var petitions = await db.Set<Petition>().AsNoTracking().Where(p => p.MeetingId == meetingId && p.Department != null).ToListAsync(ct);
        var delegates = await db.Set<MinutesDraft>().AsNoTracking().Where(d => d.MeetingId == meetingId).Select(d => d.Delegates).FirstOrDefaultAsync(ct);

        var candidates = new List<InviteeCandidate>();
        candidates.AddRange(responders.Select(r => new InviteeCandidate("Người trả lời", string.IsNullOrWhiteSpace(r.Title) ? r.Name : $"{r.Name}, {r.Title}")));
        candidates.AddRange(MinutesComposer.Lines(delegates ?? "").Select(d => new InviteeCandidate("Đại biểu", d.TrimStart('-', ' ').TrimEnd(';', '.', ' '))));
        candidates.AddRange(petitions.Select(p => p.Department!.Trim()).Where(d => d.Length > 0).Distinct().Order(StringComparer.Ordinal)
            .Select(d => new InviteeCandidate("Phòng ban", "Lãnh đạo " + d)));
        candidates = candidates.Where(c => c.Text.Length > 0).DistinctBy(c => c.Text).ToList();

        var chosen = await ChosenAsync(db, meetingId, ct);
        return new InvitationView(meetingId, chosen is not null, chosen ?? MeetingDocumentComposer.DefaultInvitees(responders, petitions), candidates);
    }
}
