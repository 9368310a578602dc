namespace MeetingAssist.Host.Transcripts;

/// <summary>A floor turn as the transcript needs it: when the floor was held (end null: still held).</summary>
public sealed record TurnWindow(int TurnId, long StartMs, long? EndMs);

/// <summary>A machine segment with its times relative to the start of its recording.</summary>
public sealed record MachineSegment(long Id, long StartMs, long EndMs, string Text, float Confidence);

/// <summary>A segment placed on the meeting clock and under the turn it was spoken in (null: nobody held the floor).</summary>
public sealed record AlignedSegment(MachineSegment Segment, int? TurnId, long StartMs, long EndMs);

/// <summary>What a better pass offers for one turn, beside what the transcript has now.</summary>
public sealed record TurnOffer(int? TurnId, string CurrentText, string OfferedText, IReadOnlyList<DiffPart> Diff, int EditedPassages, int OfferedSegments);

/// <summary>What accepting a turn's offer does: passages to remove, passages to add, edited ones that keep their text.</summary>
public sealed record AcceptPlan(IReadOnlyList<TranscriptPassage> Remove, IReadOnlyList<TranscriptPassage> Add, IReadOnlyList<TranscriptPassage> KeptWithOffer);

/// <summary>
/// Places a recording's segments on the floor-turn log by the recording's start time on the meeting clock, and
/// turns a better pass into per-turn offers the secretary accepts. Pure functions, no database.
/// </summary>
public static class RecordingAlignment
{
    /// <summary>
    /// Each segment goes to the turn it overlaps most (the earlier turn on a tie); a segment that overlaps no
    /// turn was spoken while nobody held the floor and stays unassigned.
    /// </summary>
    public static IReadOnlyList<AlignedSegment> Align(IEnumerable<MachineSegment> segments, IReadOnlyList<TurnWindow> turns, long recordingStartMs)
    {
        var ordered = turns.OrderBy(t => t.StartMs).ToList();
        var result = new List<AlignedSegment>();
        foreach (var s in segments.OrderBy(s => s.StartMs))
        {
            var (start, end) = (recordingStartMs + s.StartMs, recordingStartMs + Math.Max(s.StartMs, s.EndMs));
            int? best = null;
            long bestOverlap = 0;
            foreach (var t in ordered)
            {
                var overlap = Math.Min(end, t.EndMs ?? long.MaxValue) - Math.Max(start, t.StartMs);
                // A zero-length segment counts as overlapping the turn it lies in.
                if (overlap == 0 && start == end && start >= t.StartMs && start < (t.EndMs ?? long.MaxValue)) overlap = 1;
                if (overlap > bestOverlap)
                {
                    bestOverlap = overlap;
                    best = t.TurnId;
                }
            }
            result.Add(new AlignedSegment(s, best, start, end));
        }
        return result;
    }

    /// <summary>Per turn (and for the unassigned), the current text, the offered text and their word diff.</summary>
    public static IReadOnlyList<TurnOffer> Offers(IEnumerable<TranscriptPassage> current, IReadOnlyList<AlignedSegment> offered)
    {
        var live = current.Where(p => !p.Removed).ToList();
        var turnIds = live.Select(p => p.TurnId).Concat(offered.Select(o => o.TurnId)).Distinct()
            .OrderBy(id => FirstMs(id, live, offered)).ToList();
        return turnIds.Select(id =>
        {
            var mine = live.Where(p => p.TurnId == id).OrderBy(p => p.StartMs).ThenBy(p => p.Id).ToList();
            var theirs = offered.Where(o => o.TurnId == id).OrderBy(o => o.StartMs).ToList();
            var currentText = string.Join(" ", mine.Select(p => p.Text));
            var offeredText = string.Join(" ", theirs.Select(o => o.Segment.Text));
            return new TurnOffer(id, currentText, offeredText, WordDiff.Compute(currentText, offeredText), mine.Count(p => p.EditedByPerson), theirs.Count);
        }).ToList();
    }

    private static long FirstMs(int? turnId, List<TranscriptPassage> live, IReadOnlyList<AlignedSegment> offered) =>
        live.Where(p => p.TurnId == turnId).Select(p => p.StartMs).Concat(offered.Where(o => o.TurnId == turnId).Select(o => o.StartMs))
            .DefaultIfEmpty(long.MaxValue).Min();

    /// <summary>
    /// Accepting a turn's offer: its machine passages give way to the offered segments, but a passage a person
    /// has edited is never replaced: the segments that overlap it in time become its machine offer instead.
    /// </summary>
    public static AcceptPlan Accept(int meetingId, int? turnId, IEnumerable<TranscriptPassage> current, IReadOnlyList<AlignedSegment> offered, PassageSource source)
    {
        var mine = current.Where(p => !p.Removed && p.TurnId == turnId).ToList();
        var edited = mine.Where(p => p.EditedByPerson).ToList();
        var remove = mine.Where(p => !p.EditedByPerson).ToList();
        var add = new List<TranscriptPassage>();
        var offers = new Dictionary<TranscriptPassage, List<string>>();
        foreach (var o in offered.Where(o => o.TurnId == turnId).OrderBy(o => o.StartMs))
        {
            var over = edited.FirstOrDefault(e => Math.Min(e.EndMs, o.EndMs) - Math.Max(e.StartMs, o.StartMs) > 0
                                                  || (o.StartMs >= e.StartMs && o.StartMs < e.EndMs));
            if (over is not null)
            {
                if (!offers.TryGetValue(over, out var texts)) offers[over] = texts = [];
                texts.Add(o.Segment.Text);
                continue;
            }
            add.Add(new TranscriptPassage
            {
                MeetingId = meetingId,
                TurnId = turnId,
                StartMs = o.StartMs,
                EndMs = o.EndMs,
                Text = o.Segment.Text,
                Confidence = o.Segment.Confidence,
                Source = source,
                RecordingSegmentId = o.Segment.Id,
            });
        }
        foreach (var p in remove)
        {
            p.Removed = true;
            p.Version++;
        }
        foreach (var (p, texts) in offers)
        {
            p.MachineOffer = string.Join(" ", texts);
            p.Version++;
        }
        // A passage's mark, speaker and petition outlive the machine text under it: the new passages covering it inherit them.
        foreach (var n in add)
        {
            var under = remove.FirstOrDefault(r => Math.Min(r.EndMs, n.EndMs) - Math.Max(r.StartMs, n.StartMs) > 0);
            if (under is null) continue;
            n.Mark = under.Mark;
            n.SpeakerName = under.SpeakerName;
            n.PetitionId = under.PetitionId;
        }
        return new AcceptPlan(remove, add, offers.Keys.ToList());
    }
}
