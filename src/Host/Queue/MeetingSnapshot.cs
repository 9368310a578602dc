using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.People;

namespace MeetingAssist.Host.Queue;

public sealed record MeetingInfoDto(
    string Title, string KindLabel, string OrganisingBody, string ChairName, string ChairTitle,
    string SecretaryName, string Place, string ScheduledStart, string AudienceGroup, string RulesText,
    int StatementSeconds, int AnswerSeconds, int FollowUpSeconds, int NextSpeakersShown);

public sealed record SpeakerDto(int? PersonId, string Name, string Affiliation, string Role, string RoleLabel, string? Title);

public sealed record FloorDto(
    int TurnId, string Kind, string KindLabel, SpeakerDto Speaker, int? RequestId, string? Topic, string? Field,
    long StartedAtMs, int AllottedMs, int ExtendedMs, long AccumulatedMs, long? RunningSinceMs,
    IReadOnlyList<int> AnswersRequestIds, IReadOnlyList<string> AnswersNames, PetitionRef? Petition = null);

public sealed record RequestDto(
    int RequestId, SpeakerDto Speaker, string Topic, string? Field, string? Note, string Source,
    string Status, string StatusLabel, long CreatedAtMs, PetitionRef? Petition = null);

public sealed record ThreadDto(int RequestId, string CitizenName, string Topic, bool Answered);

public sealed record ResponderDto(int PersonId, string Name, string Title, string Affiliation);

/// <summary>A person's latest action that they (or the chair, explicitly) can undo.</summary>
public sealed record UndoOptionDto(int Seq, string? Actor, string ActorLabel, string Label, long AtMs);

/// <summary>A statement already made that an answer can be linked to.</summary>
public sealed record AnswerableDto(int RequestId, string Name, string Affiliation, string Topic, IReadOnlyList<string> AnsweredBy, bool SinceLastAnswer);

public sealed record FollowUpCandidateDto(int RequestId, string Name);

/// <summary>What a snapshot needs from a meeting's setup, built once when the setup is loaded.</summary>
public sealed record MeetingSetupView(int MeetingId, MeetingInfoDto Info, IReadOnlyList<string> Agenda, IReadOnlyList<ResponderDto> Responders);

/// <summary>
/// Everything a screen needs to draw a meeting. Staff get the full picture; the public (projector,
/// phones) get no notes, no pending phone requests and no staff lists.
/// </summary>
public sealed record MeetingSnapshot(
    int MeetingId,
    int Version,
    long ServerNowMs,
    MeetingInfoDto Meeting,
    string Status,
    string StatusLabel,
    bool ListOpen,
    IReadOnlyList<string> Agenda,
    int AgendaIndex,
    FloorDto? Floor,
    IReadOnlyList<RequestDto> Queue,
    IReadOnlyList<RequestDto>? Pending,
    IReadOnlyList<RequestDto>? Finished,
    ThreadDto? Thread,
    IReadOnlyList<UndoOptionDto>? Undo,
    IReadOnlyList<ResponderDto>? Responders,
    IReadOnlyList<AnswerableDto>? Answerable,
    IReadOnlyList<FollowUpCandidateDto>? FollowUpCandidates,
    bool IsStaffView,
    bool CaptionsEnabled,
    int NotCalledCount,
    bool OnScreen)
{
    /// <summary>
    /// Counts every publish of this meeting since the server started (a republish without a command too), so a screen
    /// that takes only what changed (<see cref="SnapshotChanges"/>) can tell whether a change follows what it shows.
    /// </summary>
    public int Revision { get; init; }
}

public static class SnapshotBuilder
{
    public static MeetingSnapshot Build(MeetingSetupView setup, MeetingTimeline timeline, bool staff, long nowMs, bool onScreen)
    {
        var s = timeline.State;
        var floorRequest = s.Floor?.RequestId is { } rid ? s.FindRequest(rid) : null;
        string NameOf(int id) => s.FindRequest(id)?.Speaker.Name ?? "";
        return new MeetingSnapshot(
            setup.MeetingId,
            timeline.Version,
            nowMs,
            setup.Info,
            s.Status.ToString(),
            StatusLabel(s.Status),
            s.ListOpen,
            setup.Agenda,
            setup.Agenda.Count == 0 ? 0 : Math.Min(s.AgendaIndex, setup.Agenda.Count - 1),
            s.Floor is { } f
                ? new FloorDto(f.TurnId, f.Kind.ToString(), TurnKindLabel(f.Kind), Speaker(f.Speaker), f.RequestId,
                    floorRequest?.Topic, floorRequest?.Field, f.StartedAtMs, f.AllottedMs, f.ExtendedMs, f.AccumulatedMs, f.RunningSinceMs,
                    f.AboutRequests, f.AboutRequests.Select(NameOf).ToList(), staff ? floorRequest?.Petition : null)
                : null,
            s.Waiting.Select(r => Request(r, staff)).ToList(),
            staff ? s.Requests.Where(r => r.Status == RequestStatus.PendingApproval).Select(r => Request(r, staff)).ToList() : null,
            staff ? s.Requests.Where(r => r.Status is not (RequestStatus.PendingApproval or RequestStatus.Waiting))
                .Select(r => Request(r, staff)).ToList() : null,
            s.Thread is { } t ? new ThreadDto(t.RequestId, t.Citizen.Name, t.Topic, t.Answered) : null,
            staff ? timeline.UndoOptions().Select(a => new UndoOptionDto(a.Seq, a.Actor, ActionLabels.ActorLabel(a),
                ActionLabels.Describe(a, s, timeline.Turns), a.AtMs)).ToList() : null,
            staff ? setup.Responders : null,
            staff ? Answerable(s, timeline) : null,
            staff ? s.LastAnswerAbout.Select(id => new FollowUpCandidateDto(id, NameOf(id))).ToList() : null,
            staff,
            s.CaptionsEnabled,
            s.Queue.Count,
            onScreen);
    }

    /// <summary>Statements made so far, newest first, with who answered each.</summary>
    private static List<AnswerableDto> Answerable(MeetingState s, MeetingTimeline timeline)
    {
        var answers = timeline.Turns.Where(t => t.Kind == TurnKind.Answer && !t.Voided).ToList();
        return s.Requests.Where(r => r.Status == RequestStatus.Spoken)
            .OrderByDescending(r => timeline.Turns.FindLast(t => t.Kind == TurnKind.Statement && t.RequestId == r.Id)?.StartedAtMs ?? 0)
            .Select(r => new AnswerableDto(r.Id, r.Speaker.Name, r.Speaker.Affiliation, r.Topic,
                answers.Where(a => a.AboutRequests.Contains(r.Id)).Select(a => a.Speaker.Name).Distinct().ToList(),
                s.SinceLastAnswer.Contains(r.Id)))
            .ToList();
    }

    private static SpeakerDto Speaker(SpeakerRef s) =>
        new(s.PersonId, s.Name, s.Affiliation, s.Role.ToString(), PersonRoleLabels.Label(s.Role), s.Title);

    private static RequestDto Request(SpeakerRequest r, bool staff) =>
        new(r.Id, Speaker(r.Speaker), r.Topic, r.Field, staff ? r.Note : null, r.Source.ToString(), r.Status.ToString(),
            FloorRules.StatusLabel(r.Status), r.CreatedAtMs, staff ? r.Petition : null);

    public static string StatusLabel(MeetingStatus status) => status switch
    {
        MeetingStatus.Preparing => "Chuẩn bị",
        MeetingStatus.InProgress => "Đang diễn ra",
        MeetingStatus.Ended => "Đã kết thúc",
    };

    public static string TurnKindLabel(TurnKind kind) => kind switch
    {
        TurnKind.Statement => "Phát biểu",
        TurnKind.Answer => "Trả lời",
        TurnKind.FollowUp => "Ý kiến phản hồi",
        TurnKind.Chair => "Chủ trì",
    };
}
