namespace MeetingAssist.Host.Queue;

/// <summary>Everything that can change a live meeting. Each command is stored as-is in the meeting's action log.</summary>
public abstract record MeetingCommand
{
    /// <summary>Undo reverts only actions a person at the desk or chair took; phone submissions and setup edits stay.</summary>
    public virtual bool Undoable => true;
}

public sealed record StartMeeting : MeetingCommand;
public sealed record EndMeeting : MeetingCommand;
/// <param name="Petition">A petition of the registry the speaker raises; the hub sends only its id, resolved and copied in the command's transaction.</param>
public sealed record RegisterSpeaker(SpeakerRef Speaker, string Topic, string? Field, string? Note, PetitionRef? Petition = null) : MeetingCommand;
public sealed record SubmitPhoneRequest(SpeakerRef Speaker, string Topic, string? Field) : MeetingCommand
{
    public override bool Undoable => false;
}
public sealed record ApproveRequest(int RequestId, int? PersonId) : MeetingCommand;
public sealed record RejectRequest(int RequestId) : MeetingCommand;
public sealed record MoveRequest(int RequestId, int NewPosition) : MeetingCommand;
/// <summary>Gives the floor to a waiting request; null means the head of the queue (stored resolved, so a replay after an undo never picks someone else).</summary>
public sealed record GiveFloor(int? RequestId) : MeetingCommand;
public sealed record ChairTakesFloor(SpeakerRef Chair) : MeetingCommand;
/// <summary>A responder answers one or more statements; null means the statements given the floor since the last answer.</summary>
public sealed record CallResponder(SpeakerRef Responder, IReadOnlyList<int>? About = null) : MeetingCommand;
/// <summary>The citizen replies to the answer; null means the one statement the latest answer covered.</summary>
public sealed record GiveFollowUp(int? RequestId = null) : MeetingCommand;
public sealed record PauseTimer : MeetingCommand;
public sealed record ResumeTimer : MeetingCommand;
public sealed record ExtendTime(int Seconds) : MeetingCommand;
public sealed record EndTurn : MeetingCommand;
public sealed record SkipRequest(int RequestId) : MeetingCommand;
public sealed record RequeueRequest(int RequestId) : MeetingCommand;
/// <summary>Takes a request off the list; a citizen's own withdrawal from the phone is theirs, so no staff undo brings it back.</summary>
public sealed record WithdrawRequest(int RequestId, bool ByCitizen = false) : MeetingCommand
{
    public override bool Undoable => !ByCitizen;
}
public sealed record CloseList : MeetingCommand;
public sealed record ReopenList : MeetingCommand;
public sealed record NextAgendaItem : MeetingCommand;
/// <summary>Shows or hides live captions on the projector.</summary>
public sealed record SetCaptions(bool Enabled) : MeetingCommand;
/// <summary>Reverts the actor's own latest undoable action, or, when <see cref="TargetSeq"/> is set, that action of another person (the chair's explicit choice).</summary>
public sealed record Undo(int? TargetSeq = null) : MeetingCommand
{
    public override bool Undoable => false;
}
/// <summary>Marks that the meeting's setup (title, agenda, people) changed, so every screen re-reads it at a new version.</summary>
public sealed record SetupChanged : MeetingCommand
{
    public override bool Undoable => false;
}

/// <summary>A command refused by the meeting rules; the message is shown to the user as it is.</summary>
public class MeetingRuleException(string message) : Exception(message);
