using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.LiveTranscript;
using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

public sealed record PassageTextInput(int? Version, string? Text);
public sealed record PassageSplitInput(int? Version, int? Offset);
public sealed record PassageMergeInput(int? Version, long? NextId, int? NextVersion);
public sealed record PassagePlaceInput(int? Version, int? TurnId, string? SpeakerName);
public sealed record PassageMarkInput(int? Version, PassageMark? Mark);
public sealed record PassageRestoreInput(int? Version, long? RevisionId);
public sealed record PassageVersionInput(int? Version);
public sealed record ReplaceInput(string? Term, string? Replacement, IReadOnlyList<long>? PassageIds);
public sealed record RenameSpeakerInput(string? From, string? To);
public sealed record AcceptInput(long? StartMs, IReadOnlyList<int?>? TurnIds);

/// <summary>The secretary's editor of the meeting's one transcript: secretary and admin only.</summary>
public static class TranscriptEditorEndpoints
{
    public static void AddTranscriptEditor(this IServiceCollection services) => services.AddSingleton<TranscriptStore>();

    /// <remarks>A body of JSON <c>null</c> binds as a null input: every field is then missing and answered with a 400.</remarks>
    public static void MapTranscriptEditor(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/meetings/{meetingId:int}/editor").RequireAntiforgery()
            .RequireAuthorization(p => p.RequireRole(Roles.Secretary, Roles.Admin));
        g.MapGet("/view", (int meetingId, TranscriptStore s, CancellationToken ct) => Run(() => s.ViewAsync(meetingId, ct)));
        g.MapGet("/glossary", (int meetingId, TranscriptStore s) => Run(() => s.GlossaryAsync(meetingId)));
        g.MapGet("/find", (int meetingId, string? term, TranscriptStore s, CancellationToken ct) => Run(() => s.FindAsync(meetingId, term, ct)));
        g.MapPost("/replace", (int meetingId, ReplaceInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(async () => new { changed = await s.ReplaceAsync(meetingId, input?.Term, input?.Replacement, input?.PassageIds, By(user), ct) }));
        g.MapPost("/rename-speaker", (int meetingId, RenameSpeakerInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(async () =>
            {
                await s.RenameSpeakerAsync(meetingId, input?.From, input?.To, By(user), ct);
                return new { renamed = true };
            }));

        g.MapGet("/second-pass", async (int meetingId, SecondPassQueue passes, CancellationToken ct) => Results.Ok(await passes.StatusAsync(meetingId, ct)));
        g.MapPost("/second-pass", async (int meetingId, SecondPassInput? input, SecondPassQueue passes, ClaimsPrincipal user, CancellationToken ct) =>
        {
            try
            {
                return Results.Ok(await passes.RequestAsync(meetingId, input?.TurnId, By(user), ct));
            }
            catch (SecondPassRefusedException ex)
            {
                return ApiProblems.Conflict(ex.Message);
            }
        });

        var p = g.MapGroup("/passages/{passageId:long}");
        p.MapPut("/text", (int meetingId, long passageId, PassageTextInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(() => s.EditAsync(meetingId, passageId, Version(input?.Version), input?.Text, By(user), ct)));
        p.MapPost("/split", (int meetingId, long passageId, PassageSplitInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(() => s.SplitAsync(meetingId, passageId, Version(input?.Version), input?.Offset ?? -1, By(user), ct)));
        p.MapPost("/merge-next", (int meetingId, long passageId, PassageMergeInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(() => s.MergeNextAsync(meetingId, passageId, Version(input?.Version), input?.NextId ?? throw Missing("đoạn kế tiếp"),
                Version(input?.NextVersion), By(user), ct)));
        p.MapPut("/place", (int meetingId, long passageId, PassagePlaceInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(() => s.MoveAsync(meetingId, passageId, Version(input?.Version), input?.TurnId, input?.SpeakerName, By(user), ct)));
        p.MapPut("/mark", (int meetingId, long passageId, PassageMarkInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(() => s.MarkAsync(meetingId, passageId, Version(input?.Version), input?.Mark ?? throw Missing("loại đoạn"), By(user), ct)));
        p.MapPost("/restore", (int meetingId, long passageId, PassageRestoreInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(() => s.RestoreAsync(meetingId, passageId, Version(input?.Version), input?.RevisionId ?? throw Missing("thay đổi cần khôi phục"), By(user), ct)));
        p.MapPost("/take-offer", (int meetingId, long passageId, PassageVersionInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(() => s.TakeMachineOfferAsync(meetingId, passageId, Version(input?.Version), By(user), ct)));
        p.MapGet("/history", (int meetingId, long passageId, TranscriptStore s, CancellationToken ct) => Run(() => s.HistoryAsync(meetingId, passageId, ct)));
        p.MapGet("/clip", Clip);

        var r = g.MapGroup("/recordings/{recordingId:int}");
        r.MapGet("/offers", (int meetingId, int recordingId, long? startMs, TranscriptStore s, CancellationToken ct) =>
            Run(() => s.OffersAsync(meetingId, recordingId, startMs, ct)));
        r.MapPost("/accept", (int meetingId, int recordingId, AcceptInput? input, TranscriptStore s, ClaimsPrincipal user, CancellationToken ct) =>
            Run(async () => new
            {
                changed = await s.AcceptAsync(meetingId, recordingId, input?.StartMs ?? throw Missing("giờ bắt đầu của tệp ghi âm"), input?.TurnIds, By(user), ct),
            }));
    }

    private static string By(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    private static TranscriptEditException Missing(string what) => new($"Thiếu {what}. Hãy tải lại trang và thử lại.");

    private static int Version(int? version) => version ?? throw Missing("phiên bản của đoạn");

    /// <summary>A passage cut from the meeting's live recording: the file that holds its start, and the next ones while it lasts.</summary>
    private static async Task<IResult> Clip(int meetingId, long passageId, TranscriptStore store, LiveSessions live, CancellationToken ct)
    {
        try
        {
            var passage = await store.PassageAsync(meetingId, passageId, ct);
            var files = LiveEndpoints.RecordingFiles(live, meetingId).OrderBy(f => f.StartMs).ToList();
            var first = files.FindLastIndex(f => f.StartMs <= passage.StartMs);
            if (first < 0) return ApiProblems.NotFound("Chưa có tệp ghi âm cho đoạn này.");
            var covering = files.Skip(first).TakeWhile((f, i) => i == 0 || f.StartMs < passage.EndMs).ToList();
            var bytes = await RecordingStart.ClipAsync(covering.Select(f => f.Path).ToList(), TimeSpan.FromMilliseconds(passage.StartMs - covering[0].StartMs),
                TimeSpan.FromMilliseconds(Math.Max(100, passage.EndMs - passage.StartMs)), ct);
            return Results.File(bytes, "audio/ogg", $"doan-{passageId}.ogg");
        }
        catch (PassageNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (AudioDecodeException ex)
        {
            return ApiProblems.Conflict(ex.UserMessage);
        }
    }

    private static async Task<IResult> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return Results.Ok(await action());
        }
        catch (PassageConflictException ex)
        {
            // The page shows both versions, so the secretary chooses instead of losing either.
            return Results.Problem(detail: ex.Message, statusCode: 409, title: "Không thực hiện được",
                extensions: new Dictionary<string, object?> { ["current"] = ex.Current });
        }
        catch (PassageNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (MeetingNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (TranscriptEditException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        catch (AudioDecodeException ex)
        {
            return ApiProblems.Conflict(ex.UserMessage);
        }
    }
}
