using MeetingAssist.Host.Data;
using MeetingAssist.Host.People;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Transcripts;

/// <param name="SpeakerName">The name shown, renames applied; empty for an unassigned passage with no speaker named.</param>
/// <param name="SpeakerChanged">The secretary named a speaker other than the turn's.</param>
public sealed record PassageDto(
    long Id, int? TurnId, string SpeakerName, bool SpeakerChanged, long StartMs, long EndMs, string Text, float Confidence,
    PassageSource Source, bool Edited, PassageMark Mark, int Version, string? MachineOffer, string? Flag, int? PetitionId);

/// <param name="Answers">For an answer or follow-up: the statements it belongs to, as "name: topic".</param>
public sealed record TurnHeaderDto(
    int TurnId, string Kind, string KindLabel, string SpeakerName, string Affiliation, string RoleLabel, string? Title,
    string? Topic, IReadOnlyList<string> Answers, long StartedAtMs, long? EndedAtMs, bool Voided);

public sealed record EditorView(int MeetingId, string Title, IReadOnlyList<TurnHeaderDto> Turns, IReadOnlyList<PassageDto> Passages, IReadOnlyList<string> Speakers);

public sealed record RevisionDto(long Id, RevisionOperation Operation, string? BeforeText, string? AfterText, string? Detail, string By, DateTime AtUtc);

public sealed partial class TranscriptStore
{
    /// <summary>Everything the editor draws: turn headers from the floor log, passages in order, renames applied.</summary>
    public async Task<EditorView> ViewAsync(int meetingId, CancellationToken ct)
    {
        var turns = await live.TurnsAsync(meetingId);
        var snapshot = await live.SnapshotAsync(meetingId, staff: true);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var renames = await db.TranscriptSpeakerNames.AsNoTracking().Where(n => n.MeetingId == meetingId).ToDictionaryAsync(n => n.FromName, n => n.ToName, ct);
        var passages = await db.TranscriptPassages.AsNoTracking().Where(p => p.MeetingId == meetingId && !p.Removed)
            .OrderBy(p => p.StartMs).ThenBy(p => p.Id).ToListAsync(ct);
        var requests = (snapshot.Queue).Concat(snapshot.Pending ?? []).Concat(snapshot.Finished ?? [])
            .GroupBy(r => r.RequestId).ToDictionary(g => g.Key, g => g.First());
        var byTurn = turns.ToDictionary(t => t.TurnId);
        var headers = turns.Select(t =>
        {
            var topic = t.RequestId is { } rid && requests.TryGetValue(rid, out var r) ? r.Topic
                : snapshot.Floor is { } f && f.TurnId == t.TurnId ? f.Topic : null;
            var answers = t.Kind is TurnKind.Answer or TurnKind.FollowUp
                ? t.AboutRequests.Where(requests.ContainsKey).Select(id => SpeakerNames.Display(requests[id].Speaker.Name, renames) + ": " + requests[id].Topic).ToList()
                : [];
            return new TurnHeaderDto(t.TurnId, t.Kind.ToString(), SnapshotBuilder.TurnKindLabel(t.Kind), SpeakerNames.Display(t.Speaker.Name, renames),
                t.Speaker.Affiliation, PersonRoleLabels.Label(t.Speaker.Role), t.Speaker.Title, topic, answers, t.StartedAtMs, t.EndedAtMs, t.Voided);
        }).ToList();
        var dtos = passages.Select(p => Dto(p, byTurn, renames)).ToList();
        var speakers = headers.Select(h => h.SpeakerName).Concat(dtos.Select(d => d.SpeakerName)).Where(n => n.Length > 0).Distinct().Order().ToList();
        return new EditorView(meetingId, snapshot.Meeting.Title, headers, dtos, speakers);
    }

    private static PassageDto Dto(TranscriptPassage p, IReadOnlyDictionary<int, FloorTurnRecord> turns, IReadOnlyDictionary<string, string> renames)
    {
        var recorded = p.SpeakerName ?? (p.TurnId is { } id && turns.TryGetValue(id, out var t) && !t.Voided ? t.Speaker.Name : "");
        return new PassageDto(p.Id, p.TurnId, recorded.Length == 0 ? "" : SpeakerNames.Display(recorded, renames), p.SpeakerName is not null,
            p.StartMs, p.EndMs, p.Text, p.Confidence, p.Source, p.EditedByPerson, p.Mark, p.Version, p.MachineOffer, p.Flag, p.PetitionId);
    }

    private async Task<PassageDto> DtoAsync(MeetingDbContext db, TranscriptPassage p, CancellationToken ct)
    {
        var turns = (await live.TurnsAsync(p.MeetingId)).ToDictionary(t => t.TurnId);
        var renames = await db.TranscriptSpeakerNames.AsNoTracking().Where(n => n.MeetingId == p.MeetingId).ToDictionaryAsync(n => n.FromName, n => n.ToName, ct);
        return Dto(p, turns, renames);
    }

    /// <summary>
    /// Words the recogniser and the secretary both need spelled right: people, their hamlets and posts, the
    /// departments, the agenda — the same parts, in the same order, as the live recogniser's initial prompt.
    /// </summary>
    public async Task<IReadOnlyList<string>> GlossaryAsync(int meetingId)
    {
        var snapshot = await live.SnapshotAsync(meetingId, staff: true);
        var turns = await live.TurnsAsync(meetingId);
        var speakers = snapshot.Queue.Concat(snapshot.Finished ?? []).Select(r => (r.Speaker.Name, r.Speaker.Affiliation))
            .Concat(turns.Where(t => !t.Voided).Select(t => (t.Speaker.Name, t.Speaker.Affiliation)));
        var responders = (snapshot.Responders ?? []).Select(r => (r.Name, r.Title));
        return LiveTranscript.InitialPrompt.Terms(snapshot.Meeting.Title, snapshot.Agenda, speakers, responders);
    }
}
