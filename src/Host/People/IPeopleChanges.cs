namespace MeetingAssist.Host.People;

/// <summary>
/// Told when people are edited, so that whatever shows them (the live meetings' responder lists and names) refreshes;
/// People itself knows nothing of who listens.
/// </summary>
public interface IPeopleChanges
{
    Task PeopleChangedAsync();
}
