using MeetingAssist.Host.People;

namespace MeetingAssist.Host.Queue;

public static class SpeakerRefs
{
    /// <summary>The person as the live meeting names them in requests and turns.</summary>
    public static SpeakerRef ToSpeaker(this Person p) => new(p.Id, p.Name, p.Affiliation, p.Role, string.IsNullOrWhiteSpace(p.Title) ? null : p.Title);
}
