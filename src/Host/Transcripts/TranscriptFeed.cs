using MeetingAssist.Host.Data;
using MeetingAssist.Host.LiveTranscript;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Transcripts;

/// <param name="StartSource">
/// Where the recording's start time came from: "entered", "file" (its creation time), "meeting" (the first turn) or
/// "pass" (a second pass over the meeting's own recording, whose start is known).
/// </param>
public sealed record RecordingOffers(int RecordingId, long StartMs, string StartSource, IReadOnlyList<TurnOffer> Turns, IReadOnlyList<PlacementDto> Placements);

/// <summary>Where one segment of the recording would land: its time on the meeting clock and its turn (null: unassigned).</summary>
public sealed record PlacementDto(long SegmentId, long StartMs, long EndMs, int? TurnId, string Text);

public sealed partial class TranscriptStore
{
    /// <summary>
    /// Machine text into the transcript: <paramref name="write"/> stores the live segment (new, or improved by a
    /// second look) and, in the same transaction, its passage is added or updated — unless a person has edited it,
    /// in which case the machine's text is kept as an offer beside the person's.
    /// </summary>
    public Task<LiveSegmentRow?> StoreLiveAsync(int meetingId, Func<MeetingDbContext, Task<LiveSegmentRow?>> write, CancellationToken ct) =>
        UnderGateAsync(meetingId, async db =>
        {
            var row = await write(db);
            if (row is null) return null;
            await db.SaveChangesAsync(ct);
            var passage = await db.TranscriptPassages.FirstOrDefaultAsync(p => p.LiveSegmentId == row.Id, ct);
            if (passage is null)
            {
                db.TranscriptPassages.Add(new TranscriptPassage
                {
                    MeetingId = meetingId,
                    TurnId = row.TurnId,
                    StartMs = row.StartMs,
                    EndMs = row.EndMs,
                    Text = row.Text,
                    Confidence = row.Confidence,
                    Source = PassageSource.Live,
                    Flag = row.Flag,
                    LiveSegmentId = row.Id,
                });
            }
            else if (!passage.Removed)
            {
                TranscriptEditing.ApplyMachineText(passage, row.Text, row.Confidence, row.Flag, PassageSource.Live);
            }
            return row;
        }, ct);

    /// <summary>
    /// A recording's segments placed on the floor log from <paramref name="startMs"/> (or the best start known), and
    /// what they offer per turn against the current transcript. Nothing is changed: this is the preview.
    /// </summary>
    public async Task<RecordingOffers> OffersAsync(int meetingId, int recordingId, long? startMs, CancellationToken ct)
    {
        var (start, source, aligned, current) = await AlignAsync(meetingId, recordingId, startMs, ct);
        var placements = aligned.Select(a => new PlacementDto(a.Segment.Id, a.StartMs, a.EndMs, a.TurnId, a.Segment.Text)).ToList();
        return new RecordingOffers(recordingId, start, source, RecordingAlignment.Offers(current, aligned), placements);
    }

    /// <summary>Accepts the offer for the chosen turns (all when none are named; null in the list is "chưa gán").</summary>
    public async Task<int> AcceptAsync(int meetingId, int recordingId, long startMs, IReadOnlyCollection<int?>? turns, string by, CancellationToken ct)
    {
        var (_, source, aligned, _) = await AlignAsync(meetingId, recordingId, startMs, ct);
        var madeBy = source == "pass" ? PassageSource.SecondPass : PassageSource.Upload;
        return await UnderGateAsync(meetingId, async db =>
        {
            var current = await db.TranscriptPassages.Where(p => p.MeetingId == meetingId && !p.Removed).ToListAsync(ct);
            var chosen = turns ?? aligned.Select(a => a.TurnId).Concat(current.Select(p => p.TurnId)).Distinct().ToList();
            // Turns the recording says nothing about keep their passages: a recording that started late must not erase them.
            var changed = 0;
            foreach (var turnId in chosen.Where(t => aligned.Any(a => a.TurnId == t)))
            {
                var plan = RecordingAlignment.Accept(meetingId, turnId, current, aligned, madeBy);
                db.TranscriptPassages.AddRange(plan.Add);
                await db.SaveChangesAsync(ct);
                foreach (var p in plan.Remove) Revise(db, p, RevisionOperation.AcceptMachine, p.Text, null, by, new { recording = recordingId });
                foreach (var p in plan.Add) Revise(db, p, RevisionOperation.AcceptMachine, null, p.Text, by, new { recording = recordingId });
                foreach (var p in plan.KeptWithOffer) Revise(db, p, RevisionOperation.AcceptMachine, p.Text, p.Text, by, new { recording = recordingId, offer = p.MachineOffer });
                changed += plan.Add.Count + plan.Remove.Count + plan.KeptWithOffer.Count;
            }
            return changed;
        }, ct);
    }

    private async Task<(long Start, string Source, IReadOnlyList<AlignedSegment> Aligned, List<TranscriptPassage> Current)> AlignAsync(
        int meetingId, int recordingId, long? startMs, CancellationToken ct)
    {
        var turns = await live.TurnsAsync(meetingId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recording = await db.Recordings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordingId && r.MeetingId == meetingId, ct)
            ?? throw new PassageNotFoundException();
        var segments = await db.TranscriptSegments.AsNoTracking().Where(s => s.RecordingId == recordingId).OrderBy(s => s.StartMs)
            .Select(s => new MachineSegment(s.Id, s.StartMs, s.EndMs, s.Text, s.AverageTokenProbability)).ToListAsync(ct);
        var current = await db.TranscriptPassages.AsNoTracking().Where(p => p.MeetingId == meetingId && !p.Removed).ToListAsync(ct);
        // A second pass's start on the meeting clock is known exactly; an entered start still wins, as for any recording.
        var (start, source) = recording.ClockStartMs is { } recorded && (startMs is null || startMs == recorded) ? (recorded, "pass")
            : startMs is { } entered ? (entered, "entered")
            : await RecordingStart.FromFileAsync(Path.Combine(dataFolder, recording.StoredPath), ct) is { } fromFile ? (fromFile, "file")
            : (turns.FirstOrDefault(t => !t.Voided)?.StartedAtMs ?? live.NowMs, "meeting");
        var windows = turns.Where(t => !t.Voided).Select(t => new TurnWindow(t.TurnId, t.StartedAtMs, t.EndedAtMs)).ToList();
        return (start, source, RecordingAlignment.Align(segments, windows, start), current);
    }
}
