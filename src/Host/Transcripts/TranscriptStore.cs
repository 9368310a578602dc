using System.Collections.Concurrent;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Transcripts;

/// <summary>The passage no longer exists (or belongs to another meeting).</summary>
public sealed class PassageNotFoundException() : Exception("Không tìm thấy đoạn văn bản này; có thể nó đã được gộp vào đoạn khác. Hãy tải lại trang.");

/// <summary>A save made against an older version of the passage: someone else saved first.</summary>
public sealed class PassageConflictException(PassageDto current)
    : Exception("Đoạn này vừa được người khác sửa trên thiết bị khác. Bản của bạn chưa được lưu: hãy chọn giữ bản nào.")
{
    public PassageDto Current { get; } = current;
}

/// <summary>
/// The meeting's one transcript: every change goes through here, under the meeting's lock, checked against the
/// passage's version and written together with its revision, so two devices never lose each other's work.
/// </summary>
public sealed partial class TranscriptStore(IDbContextFactory<MeetingDbContext> dbFactory, LiveMeetingService live, TimeProvider clock, SpeechService speech,
    Meetings.HallClock hall)
{
    private readonly string dataFolder = speech.DataFolder;
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    private async Task<T> UnderGateAsync<T>(int meetingId, Func<MeetingDbContext, Task<T>> work, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(meetingId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs an edit of one passage after checking it exists, is the meeting's, and is at the version the page saw.</summary>
    private Task<T> OnPassageAsync<T>(int meetingId, long passageId, int version, Func<MeetingDbContext, TranscriptPassage, Task<T>> work, CancellationToken ct) =>
        UnderGateAsync(meetingId, async db =>
        {
            var passage = await db.TranscriptPassages.FirstOrDefaultAsync(p => p.Id == passageId && p.MeetingId == meetingId, ct);
            if (passage is null || passage.Removed) throw new PassageNotFoundException();
            if (passage.Version != version) throw new PassageConflictException(await DtoAsync(db, passage, ct));
            return await work(db, passage);
        }, ct);

    private void Revise(MeetingDbContext db, TranscriptPassage passage, RevisionOperation operation, string? before, string? after, string by, object? detail = null) =>
        db.TranscriptRevisions.Add(new TranscriptRevision
        {
            MeetingId = passage.MeetingId,
            PassageId = passage.Id,
            Operation = operation,
            BeforeText = before,
            AfterText = after,
            Detail = detail is null ? null : JsonSerializer.Serialize(detail),
            By = by,
            AtUtc = clock.GetUtcNow().UtcDateTime,
        });

    public Task<PassageDto> EditAsync(int meetingId, long passageId, int version, string? text, string by, CancellationToken ct)
    {
        var cleaned = TranscriptEditing.CleanText(text);
        return OnPassageAsync(meetingId, passageId, version, async (db, p) =>
        {
            var before = p.Text;
            if (before == cleaned) return await DtoAsync(db, p, ct);
            TranscriptEditing.Edit(p, cleaned);
            Revise(db, p, RevisionOperation.Edit, before, p.Text, by);
            return await DtoAsync(db, p, ct);
        }, ct);
    }

    public Task<IReadOnlyList<PassageDto>> SplitAsync(int meetingId, long passageId, int version, int offset, string by, CancellationToken ct) =>
        OnPassageAsync<IReadOnlyList<PassageDto>>(meetingId, passageId, version, async (db, p) =>
        {
            var before = p.Text;
            var rest = TranscriptEditing.Split(p, offset);
            db.TranscriptPassages.Add(rest);
            await db.SaveChangesAsync(ct);
            Revise(db, p, RevisionOperation.Split, before, p.Text, by, new { newPassage = rest.Id, offset });
            Revise(db, rest, RevisionOperation.Split, before, rest.Text, by, new { from = p.Id, offset });
            return [await DtoAsync(db, p, ct), await DtoAsync(db, rest, ct)];
        }, ct);

    /// <summary>Joins the passage that follows this one in the same turn onto it; both versions must be the page's.</summary>
    public Task<PassageDto> MergeNextAsync(int meetingId, long passageId, int version, long nextId, int nextVersion, string by, CancellationToken ct) =>
        OnPassageAsync(meetingId, passageId, version, async (db, p) =>
        {
            var next = await db.TranscriptPassages.FirstOrDefaultAsync(n => n.Id == nextId && n.MeetingId == meetingId, ct);
            if (next is null || next.Removed) throw new PassageNotFoundException();
            if (next.Version != nextVersion) throw new PassageConflictException(await DtoAsync(db, next, ct));
            var between = await db.TranscriptPassages.AnyAsync(o => o.MeetingId == meetingId && !o.Removed && o.Id != p.Id && o.Id != next.Id
                && (o.StartMs > p.StartMs || (o.StartMs == p.StartMs && o.Id > p.Id))
                && (o.StartMs < next.StartMs || (o.StartMs == next.StartMs && o.Id < next.Id)), ct);
            var (before, nextBefore) = (p.Text, next.Text);
            TranscriptEditing.Merge(p, next, between);
            Revise(db, p, RevisionOperation.Merge, before, p.Text, by, new { merged = next.Id });
            Revise(db, next, RevisionOperation.Merge, nextBefore, null, by, new { into = p.Id });
            return await DtoAsync(db, p, ct);
        }, ct);

    public async Task<PassageDto> MoveAsync(int meetingId, long passageId, int version, int? turnId, string? speakerName, string by, CancellationToken ct)
    {
        var known = (await live.TurnsAsync(meetingId)).Select(t => t.TurnId).ToHashSet();
        var speaker = Common.UserText.Line(speakerName);
        return await OnPassageAsync(meetingId, passageId, version, async (db, p) =>
        {
            var from = new { turn = p.TurnId, speaker = p.SpeakerName };
            TranscriptEditing.Move(p, turnId, speaker, known);
            Revise(db, p, RevisionOperation.Move, null, null, by, new { from, to = new { turn = p.TurnId, speaker = p.SpeakerName } });
            return await DtoAsync(db, p, ct);
        }, ct);
    }

    public Task<PassageDto> MarkAsync(int meetingId, long passageId, int version, PassageMark mark, string by, CancellationToken ct) =>
        OnPassageAsync(meetingId, passageId, version, async (db, p) =>
        {
            if (!Enum.IsDefined(mark)) throw new TranscriptEditException("Loại đoạn không hợp lệ.");
            var from = p.Mark;
            p.Mark = mark;
            p.Version++;
            if (mark == PassageMark.Petition) await EnsurePetitionAsync(db, p, by, ct);
            Revise(db, p, RevisionOperation.Mark, null, null, by, new { from = from.ToString(), to = mark.ToString(), petition = p.PetitionId });
            return await DtoAsync(db, p, ct);
        }, ct);

    /// <summary>Puts back the text a passage had before one of its revisions (itself recorded as a revision).</summary>
    public Task<PassageDto> RestoreAsync(int meetingId, long passageId, int version, long revisionId, string by, CancellationToken ct) =>
        OnPassageAsync(meetingId, passageId, version, async (db, p) =>
        {
            var revision = await db.TranscriptRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revisionId && r.PassageId == passageId, ct);
            if (revision?.BeforeText is not { Length: > 0 } text)
                throw new TranscriptEditException("Thay đổi này không có văn bản cũ để khôi phục.");
            var before = p.Text;
            TranscriptEditing.Edit(p, text);
            Revise(db, p, RevisionOperation.Restore, before, p.Text, by, new { revision = revisionId });
            return await DtoAsync(db, p, ct);
        }, ct);

    /// <summary>Takes the machine's offer for a passage a person edited (the secretary decides, never the machine).</summary>
    public Task<PassageDto> TakeMachineOfferAsync(int meetingId, long passageId, int version, string by, CancellationToken ct) =>
        OnPassageAsync(meetingId, passageId, version, async (db, p) =>
        {
            if (p.MachineOffer is not { Length: > 0 } offer) throw new TranscriptEditException("Đoạn này không có văn bản máy đề xuất.");
            var before = p.Text;
            TranscriptEditing.Edit(p, offer);
            p.MachineOffer = null;
            Revise(db, p, RevisionOperation.AcceptMachine, before, p.Text, by);
            return await DtoAsync(db, p, ct);
        }, ct);

    public async Task<IReadOnlyList<RevisionDto>> HistoryAsync(int meetingId, long passageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.TranscriptPassages.AnyAsync(p => p.Id == passageId && p.MeetingId == meetingId, ct)) throw new PassageNotFoundException();
        return (await db.TranscriptRevisions.AsNoTracking().Where(r => r.PassageId == passageId).OrderByDescending(r => r.Id).ToListAsync(ct))
            .Select(r => new RevisionDto(r.Id, r.Operation, r.BeforeText, r.AfterText, r.Detail, r.By, r.AtUtc)).ToList();
    }

    public async Task<IReadOnlyList<FindHit>> FindAsync(int meetingId, string? term, CancellationToken ct)
    {
        var cleaned = Common.UserText.Line(term) ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return TranscriptEditing.Find(await db.TranscriptPassages.AsNoTracking().Where(p => p.MeetingId == meetingId && !p.Removed).ToListAsync(ct), cleaned);
    }

    /// <summary>Replaces in the passages the secretary kept in the preview (all with a hit when none are named); one revision each.</summary>
    public Task<int> ReplaceAsync(int meetingId, string? term, string? replacement, IReadOnlyCollection<long>? only, string by, CancellationToken ct)
    {
        var find = Common.UserText.Line(term) ?? throw new TranscriptEditException("Hãy nhập chữ cần tìm.");
        var with = Common.UserText.Line(replacement) ?? "";
        return UnderGateAsync(meetingId, async db =>
        {
            var passages = await db.TranscriptPassages.Where(p => p.MeetingId == meetingId && !p.Removed).ToListAsync(ct);
            var changed = TranscriptEditing.Replace(passages, find, with, only?.ToHashSet());
            foreach (var (p, before) in changed) Revise(db, p, RevisionOperation.Replace, before, p.Text, by, new { find, replacement = with });
            return changed.Count;
        }, ct);
    }

    public async Task RenameSpeakerAsync(int meetingId, string? from, string? to, string by, CancellationToken ct)
    {
        var (oldName, newName) = (Common.UserText.Line(from) ?? "", Common.UserText.Line(to) ?? "");
        var turnNames = (await live.TurnsAsync(meetingId)).Select(t => t.Speaker.Name);
        await UnderGateAsync(meetingId, async db =>
        {
            var rows = await db.TranscriptSpeakerNames.Where(n => n.MeetingId == meetingId).ToListAsync(ct);
            var overrides = await db.TranscriptPassages.Where(p => p.MeetingId == meetingId && p.SpeakerName != null).Select(p => p.SpeakerName!).Distinct().ToListAsync(ct);
            var renamed = SpeakerNames.Rename(rows.ToDictionary(r => r.FromName, r => r.ToName), turnNames.Concat(overrides), oldName, newName);
            db.TranscriptSpeakerNames.RemoveRange(rows);
            await db.SaveChangesAsync(ct);
            db.TranscriptSpeakerNames.AddRange(renamed.Select(r => new TranscriptSpeakerName { MeetingId = meetingId, FromName = r.Key, ToName = r.Value }));
            db.TranscriptRevisions.Add(new TranscriptRevision
            {
                MeetingId = meetingId,
                Operation = RevisionOperation.RenameSpeaker,
                BeforeText = oldName,
                AfterText = newName,
                By = by,
                AtUtc = clock.GetUtcNow().UtcDateTime,
            });
            return true;
        }, ct);
    }

    /// <summary>For the minutes: each turn's corrected text, its passages joined in the order they were spoken.</summary>
    public async Task<IReadOnlyDictionary<int, string>> CorrectedTextByTurnAsync(int meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var passages = await db.TranscriptPassages.AsNoTracking().Where(p => p.MeetingId == meetingId && !p.Removed && p.TurnId != null)
            .OrderBy(p => p.StartMs).ThenBy(p => p.Id).Select(p => new { TurnId = p.TurnId!.Value, p.Text }).ToListAsync(ct);
        return passages.GroupBy(p => p.TurnId).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Text)));
    }

    public async Task<TranscriptPassage> PassageAsync(int meetingId, long passageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TranscriptPassages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == passageId && p.MeetingId == meetingId && !p.Removed, ct)
            ?? throw new PassageNotFoundException();
    }

    /// <summary>Recorded speaker name → the name every view and export shows.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SpeakerRenamesAsync(int meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TranscriptSpeakerNames.AsNoTracking().Where(n => n.MeetingId == meetingId).ToDictionaryAsync(n => n.FromName, n => n.ToName, ct);
    }
}
