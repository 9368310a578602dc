using System.Text;
using MeetingAssist.Host.Common;

namespace MeetingAssist.Host.Transcripts;

/// <summary>A refused transcript operation, with the Vietnamese reason the secretary reads.</summary>
public sealed class TranscriptEditException(string message) : Exception(message);

/// <summary>One place a search term occurs, with a little text either side for the preview.</summary>
public sealed record FindHit(long PassageId, int Offset, int Length, string Before, string Match, string After);

/// <summary>
/// The secretary's operations on passages, as plain functions over the passages (no database): split, merge,
/// move, find and replace, machine text that never overwrites a person's. The store persists what they return.
/// </summary>
public static class TranscriptEditing
{
    public const int MaxTextLength = 20_000;

    /// <summary>The text as stored: cleaned like any typed text, but line breaks a person typed are spaces here.</summary>
    public static string CleanText(string? text)
    {
        var cleaned = UserText.Line(text) ?? "";
        if (cleaned.Length > MaxTextLength) throw new TranscriptEditException($"Đoạn văn bản dài quá {MaxTextLength} ký tự; hãy tách thành nhiều đoạn.");
        return cleaned;
    }

    /// <summary>
    /// A machine pass brings text for a passage: it replaces machine text, but text a person has edited stays and
    /// the machine's is kept as an offer. Returns whether the visible text changed.
    /// </summary>
    public static bool ApplyMachineText(TranscriptPassage passage, string text, float confidence, string? flag, PassageSource source)
    {
        if (passage.EditedByPerson)
        {
            passage.MachineOffer = text;
            passage.Version++;
            return false;
        }
        var changed = passage.Text != text;
        passage.Text = text;
        passage.Confidence = confidence;
        passage.Flag = flag;
        passage.Source = source;
        passage.Version++;
        return changed;
    }

    /// <summary>A person's new text for the passage.</summary>
    public static void Edit(TranscriptPassage passage, string text)
    {
        if (text.Length == 0) throw new TranscriptEditException("Đoạn văn bản không được để trống. Muốn bỏ đoạn này, hãy gộp nó với đoạn bên cạnh.");
        passage.Text = text;
        passage.EditedByPerson = true;
        passage.Version++;
    }

    /// <summary>
    /// Splits at a character offset of the text: the passage keeps the part before, the new one takes the rest; the
    /// time is divided in proportion to the text, the best guess without word timings.
    /// </summary>
    public static TranscriptPassage Split(TranscriptPassage passage, int offset)
    {
        var text = passage.Text;
        if (offset <= 0 || offset >= text.Length)
            throw new TranscriptEditException("Hãy đặt con trỏ vào giữa đoạn văn bản (không ở đầu hay cuối) rồi mới tách.");
        var first = text[..offset].TrimEnd();
        var second = text[offset..].TrimStart();
        if (first.Length == 0 || second.Length == 0)
            throw new TranscriptEditException("Cả hai phần sau khi tách đều phải có chữ.");
        var splitMs = passage.StartMs + (long)Math.Round((passage.EndMs - passage.StartMs) * (offset / (double)text.Length));
        var rest = new TranscriptPassage
        {
            MeetingId = passage.MeetingId,
            TurnId = passage.TurnId,
            SpeakerName = passage.SpeakerName,
            StartMs = splitMs,
            EndMs = passage.EndMs,
            Text = second,
            Confidence = passage.Confidence,
            Source = passage.Source,
            // A person shaped these halves: a machine pass's text for the whole passage must not land on either.
            EditedByPerson = true,
            Mark = passage.Mark,
            // Both halves lead to the petition the whole one made, so marking either again never makes a second.
            PetitionId = passage.PetitionId,
            Flag = passage.Flag,
        };
        passage.Text = first;
        passage.EndMs = splitMs;
        passage.EditedByPerson = true;
        // The machine's offer no longer matches either half.
        passage.MachineOffer = null;
        passage.Version++;
        return rest;
    }

    /// <summary>
    /// Joins <paramref name="next"/> onto <paramref name="passage"/>: they must be neighbours in the same turn
    /// (<paramref name="between"/> says whether any passage lies between them). The next one is marked removed.
    /// </summary>
    public static void Merge(TranscriptPassage passage, TranscriptPassage next, bool between)
    {
        if (passage.Id == next.Id || passage.MeetingId != next.MeetingId || passage.Removed || next.Removed)
            throw new TranscriptEditException("Không gộp được: hai đoạn này không còn trong bản ghi.");
        if (passage.TurnId != next.TurnId || between || next.StartMs < passage.StartMs)
            throw new TranscriptEditException("Chỉ gộp được hai đoạn liền nhau trong cùng một lượt phát biểu.");
        var (a, b) = (Math.Max(1, passage.Text.Length), Math.Max(1, next.Text.Length));
        passage.Confidence = (passage.Confidence * a + next.Confidence * b) / (a + b);
        passage.Text = (passage.Text + " " + next.Text).Trim();
        passage.EndMs = Math.Max(passage.EndMs, next.EndMs);
        passage.EditedByPerson = true;
        passage.MachineOffer = passage.MachineOffer is null && next.MachineOffer is null ? null
            : ((passage.MachineOffer ?? "") + " " + (next.MachineOffer ?? "")).Trim();
        passage.Flag = passage.Flag ?? next.Flag;
        passage.Version++;
        next.Removed = true;
        next.Version++;
    }

    /// <summary>Moves a passage to another turn (or "chưa gán": null) and/or names another speaker (null: the turn's).</summary>
    public static void Move(TranscriptPassage passage, int? turnId, string? speakerName, IReadOnlySet<int> knownTurns)
    {
        if (turnId is { } id && !knownTurns.Contains(id))
            throw new TranscriptEditException("Lượt phát biểu này không có trong hội nghị.");
        passage.TurnId = turnId;
        passage.SpeakerName = string.IsNullOrWhiteSpace(speakerName) ? null : speakerName;
        passage.Version++;
    }

    /// <summary>Every occurrence of <paramref name="term"/> (ignoring case), in transcript order, for the preview.</summary>
    public static IReadOnlyList<FindHit> Find(IEnumerable<TranscriptPassage> passages, string term, int context = 30)
    {
        if (term.Length == 0) throw new TranscriptEditException("Hãy nhập chữ cần tìm.");
        var hits = new List<FindHit>();
        foreach (var p in passages.Where(p => !p.Removed).OrderBy(p => p.StartMs).ThenBy(p => p.Id))
        {
            for (var at = p.Text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = p.Text.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
            {
                var from = Math.Max(0, at - context);
                var to = Math.Min(p.Text.Length, at + term.Length + context);
                hits.Add(new FindHit(p.Id, at, term.Length, p.Text[from..at], p.Text.Substring(at, term.Length), p.Text[(at + term.Length)..to]));
            }
        }
        return hits;
    }

    /// <summary>The text with every occurrence of <paramref name="term"/> (ignoring case) replaced.</summary>
    public static string ReplaceAll(string text, string term, string replacement)
    {
        if (term.Length == 0) throw new TranscriptEditException("Hãy nhập chữ cần tìm.");
        var sb = new StringBuilder();
        var from = 0;
        for (var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(term, from, StringComparison.OrdinalIgnoreCase))
        {
            sb.Append(text, from, at - from).Append(replacement);
            from = at + term.Length;
        }
        return sb.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>
    /// Replaces in the chosen passages (all those with a hit when <paramref name="only"/> is null); each one changed
    /// is returned with its text before, so the store records one revision per passage.
    /// </summary>
    public static IReadOnlyList<(TranscriptPassage Passage, string Before)> Replace(IEnumerable<TranscriptPassage> passages, string term, string replacement,
        IReadOnlySet<long>? only)
    {
        var changed = new List<(TranscriptPassage, string)>();
        foreach (var p in passages.Where(p => !p.Removed && (only is null || only.Contains(p.Id))))
        {
            var text = ReplaceAll(p.Text, term, replacement).Trim();
            if (text == p.Text || text.Length == 0) continue;
            var before = p.Text;
            p.Text = text;
            p.EditedByPerson = true;
            p.Version++;
            changed.Add((p, before));
        }
        return changed;
    }
}
