using System.Security.Cryptography;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Minutes;

/// <summary>A change was refused: the minutes are approved, or the request does not fit their state. Vietnamese.</summary>
public sealed class MinutesConflictException(string message, IReadOnlyList<MinutesProblem>? problems = null) : Exception(message)
{
    public IReadOnlyList<MinutesProblem> Problems { get; } = problems ?? [];
}

/// <summary>Reads the meeting into a <see cref="MinutesInput"/>, keeps the secretary's draft, approves and amends.</summary>
public sealed class MinutesService(IDbContextFactory<MeetingDbContext> factory, LiveMeetingService live, ITurnTranscript transcript,
    MinutesComposer composer, TimeProvider time)
{
    public const string LockedMessage = "Biên bản đã được duyệt nên không sửa được nữa. Muốn sửa, hãy tạo bản sửa đổi; bản đã duyệt vẫn được giữ nguyên.";

    // Saves and approvals of all meetings run one at a time: a save cannot slip in between the check and the lock.
    private readonly SemaphoreSlim _writes = new(1, 1);

    public async Task<bool> MeetingExistsAsync(int meetingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Meetings.AnyAsync(m => m.Id == meetingId, ct);
    }

    public async Task<MinutesInput?> LoadAsync(int meetingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return null;
        var responderIds = meeting.Responders.Select(r => r.PersonId).ToList();
        var responders = await db.People.AsNoTracking().Where(p => responderIds.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new MinutesResponder(p.Name, p.Title)).ToListAsync(ct);
        var rows = await db.FloorTurns.AsNoTracking().Where(t => t.MeetingId == meetingId).ToListAsync(ct);
        var renames = await transcript.SpeakerRenamesAsync(meetingId, ct);
        var turns = rows.Select(t => new MinutesTurn(t.TurnId, t.Kind, renames.GetValueOrDefault(t.SpeakerName, t.SpeakerName), t.SpeakerAffiliation, t.SpeakerTitle, t.RequestId,
            CommandJson.DeserializeValue<List<int>>(t.AboutJson) ?? [], t.StartedAtMs, t.EndedAtMs, t.Voided)).ToList();
        var started = await StartedAtAsync(db, meetingId, ct);
        var snapshot = await live.SnapshotAsync(meetingId, staff: true);
        var requests = snapshot.Queue.Concat(snapshot.Pending ?? []).Concat(snapshot.Finished ?? [])
            .GroupBy(r => r.RequestId).Select(g => g.First())
            .ToDictionary(r => r.RequestId, r => new MinutesRequest(r.RequestId, renames.GetValueOrDefault(r.Speaker.Name, r.Speaker.Name), r.Speaker.Affiliation, r.Topic));
        var draft = await db.Set<MinutesDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.MeetingId == meetingId, ct) ?? new MinutesDraft { MeetingId = meetingId };
        var choices = await db.Set<MinutesTurnChoice>().AsNoTracking().Where(c => c.MeetingId == meetingId).ToDictionaryAsync(c => c.TurnId, ct);
        var verbatim = await transcript.CorrectedTextByTurnAsync(meetingId, ct);
        return new MinutesInput(meeting, meeting.Agenda.OrderBy(a => a.Order).Select(a => a.Title).ToList(), responders, started, turns,
            requests, draft, choices, verbatim);
    }

    /// <summary>When the chair started the meeting (the first StartMeeting not undone); null before it started.</summary>
    private static async Task<long?> StartedAtAsync(MeetingDbContext db, int meetingId, CancellationToken ct)
    {
        var undone = await db.MeetingActions.AsNoTracking().Where(a => a.MeetingId == meetingId && a.UndoesSeq != null)
            .Select(a => a.UndoesSeq!.Value).ToListAsync(ct);
        var starts = await db.MeetingActions.AsNoTracking().Where(a => a.MeetingId == meetingId && a.Kind == nameof(StartMeeting))
            .OrderBy(a => a.Seq).Select(a => new { a.Seq, a.AtMs }).ToListAsync(ct);
        return starts.FirstOrDefault(s => !undone.Contains(s.Seq))?.AtMs;
    }

    public async Task<IReadOnlyList<MinutesVersion>> VersionsAsync(int meetingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<MinutesVersion>().AsNoTracking().Where(v => v.MeetingId == meetingId).OrderBy(v => v.Number).ToListAsync(ct);
    }

    public async Task<MinutesVersion?> VersionAsync(int meetingId, int number, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<MinutesVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.MeetingId == meetingId && v.Number == number, ct);
    }

    /// <summary>Applies a change to the draft, refused once the minutes are approved.</summary>
    public async Task UpdateDraftAsync(int meetingId, string user, Action<MinutesDraft> change, CancellationToken ct)
    {
        await WriteAsync(meetingId, ct, async (db, draft) =>
        {
            change(draft);
            draft.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            draft.UpdatedBy = user;
            await db.SaveChangesAsync(ct);
        });
    }

    public async Task SetTurnAsync(int meetingId, int turnId, TurnTextMode mode, string summary, string user, CancellationToken ct)
    {
        await WriteAsync(meetingId, ct, async (db, draft) =>
        {
            var choice = await db.Set<MinutesTurnChoice>().FirstOrDefaultAsync(c => c.MeetingId == meetingId && c.TurnId == turnId, ct);
            if (choice is null) db.Add(choice = new MinutesTurnChoice { MeetingId = meetingId, TurnId = turnId });
            choice.Mode = mode;
            choice.Summary = summary;
            draft.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            draft.UpdatedBy = user;
            await db.SaveChangesAsync(ct);
        });
    }

    /// <summary>Stores the composed DOCX with its SHA-256 as the next version and locks the draft.</summary>
    public async Task<MinutesVersion> ApproveAsync(int meetingId, string user, CancellationToken ct)
    {
        MinutesVersion? approved = null;
        await WriteAsync(meetingId, ct, async (db, draft) =>
        {
            var input = await LoadAsync(meetingId, ct) ?? throw new MinutesConflictException("Không tìm thấy hội nghị.");
            var problems = composer.Problems(input);
            if (problems.Count > 0)
                throw new MinutesConflictException($"Chưa duyệt được: biên bản còn {problems.Count} chỗ thiếu. Hãy xem danh sách và bổ sung.", problems);
            var docx = DocxWriter.Write(composer.Compose(input));
            var number = await db.Set<MinutesVersion>().Where(v => v.MeetingId == meetingId).MaxAsync(v => (int?)v.Number, ct) ?? 0;
            approved = new MinutesVersion
            {
                MeetingId = meetingId,
                Number = number + 1,
                ApprovedAtUtc = time.GetUtcNow().UtcDateTime,
                ApprovedBy = user,
                Docx = docx,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(docx)),
            };
            db.Add(approved);
            draft.LockedByVersion = approved.Number;
            await db.SaveChangesAsync(ct);
        });
        return approved!;
    }

    /// <summary>Opens an amended version (bản sửa đổi): the draft may be edited again; every approved version stays.</summary>
    public async Task AmendAsync(int meetingId, string user, CancellationToken ct)
    {
        await _writes.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var draft = await db.Set<MinutesDraft>().FirstOrDefaultAsync(d => d.MeetingId == meetingId, ct);
            if (draft?.LockedByVersion is null) throw new MinutesConflictException("Biên bản chưa được duyệt nên có thể sửa trực tiếp, không cần tạo bản sửa đổi.");
            draft.LockedByVersion = null;
            draft.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            draft.UpdatedBy = user;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task WriteAsync(int meetingId, CancellationToken ct, Func<MeetingDbContext, MinutesDraft, Task> write)
    {
        await _writes.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var draft = await db.Set<MinutesDraft>().FirstOrDefaultAsync(d => d.MeetingId == meetingId, ct);
            if (draft is null) db.Add(draft = new MinutesDraft { MeetingId = meetingId });
            if (draft.LockedByVersion is not null) throw new MinutesConflictException(LockedMessage);
            await write(db, draft);
        }
        finally
        {
            _writes.Release();
        }
    }
}
