using MeetingAssist.Host.Data;

namespace MeetingAssist.Host.Queue;

/// <summary>
/// Resolves the petition a registration refers to, inside the registration's transaction. The live meeting does not
/// know the registry; the petitions at the meeting (<c>FloorPetitions</c>) implement this.
/// </summary>
public interface IPetitionReferences
{
    /// <summary>The petition as the queue shows it; throws <see cref="MeetingRuleException"/> when this meeting may not refer to it.</summary>
    Task<PetitionRef> ResolveAsync(MeetingDbContext db, int meetingId, int petitionId);
}
