using MeetingAssist.Host.Common;
using System.Security.Claims;
using System.Text;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Transcribe;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Transcripts;

public sealed record ChooseModelInput(string? FileName);

public sealed record RecordingDto(
    int Id, int MeetingId, string FileName, long SizeBytes, long DurationMs, DateTime UploadedAtUtc, string UploadedBy,
    RecordingState State, string StateLabel, double Progress, string? Error, string? ModelName, int Segments);

public sealed record SegmentDto(
    long Id, int RecordingId, long StartMs, long EndMs, string Start, string Text,
    float AverageTokenProbability, float NoSpeechProbability, string ModelName, string Parameters);

public static class TranscriptEndpoints
{
    private static readonly string[] Uploaders = [Roles.Secretary, Roles.Admin];

    public static void AddTranscripts(this IServiceCollection services)
    {
        services.AddOptions<SpeechOptions>().BindConfiguration("MeetingAssist:Speech").ValidatedOnStart();
        services.AddSingleton<SpeechService>();
        services.AddSingleton<TranscriptionQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptionQueue>());
        services.AddSingleton<SecondPassQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<SecondPassQueue>());
        services.AddTranscriptEditor();
    }

    public static void MapTranscripts(this IEndpointRouteBuilder app)
    {
        var speech = app.MapGroup("/api/speech").RequireAntiforgery();
        speech.MapGet("/status", (SpeechService s, CancellationToken ct) => s.StatusAsync(ct)).RequireAuthorization(p => p.RequireRole(Roles.All));
        speech.MapGet("/models", (SpeechService s, CancellationToken ct) => s.ListModelsAsync(ct)).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        speech.MapPut("/active-model", ChooseModel).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        speech.MapPut("/second-pass-model", ChooseSecondPassModel).RequireAuthorization(p => p.RequireRole(Roles.Admin));

        var meetings = app.MapGroup("/api/meetings/{meetingId:int}").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(Uploaders));
        meetings.MapPost("/recordings", Upload)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());
        meetings.MapGet("/recordings", ListRecordings);
        meetings.MapGet("/transcript", ListSegments);
        meetings.MapGet("/transcript/{format}", Export);

        app.MapTranscriptEditor();

        var recordings = app.MapGroup("/api/recordings/{id:int}").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(Uploaders));
        recordings.MapGet("/", GetRecording);
        recordings.MapPost("/cancel", async (int id, TranscriptionQueue queue, MeetingDbContext db) =>
        {
            if (!await db.Recordings.AnyAsync(r => r.Id == id)) return ApiProblems.NotFound("Không tìm thấy tệp ghi âm.");
            return await queue.CancelAsync(id)
                ? Results.Ok(await RecordingAsync(db, id))
                : ApiProblems.Conflict("Việc nhận dạng tệp này đã kết thúc, không còn gì để hủy.");
        });
    }

    private static async Task<IResult> ChooseModel(ChooseModelInput input, SpeechService speech, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.FileName)) return ApiProblems.BadRequest("Chưa chọn mô hình.");
        try
        {
            return Results.Ok(await speech.ChooseAsync(input.FileName, ct));
        }
        catch (SpeechUnavailableException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> ChooseSecondPassModel(ChooseModelInput input, SpeechService speech, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.FileName)) return ApiProblems.BadRequest("Chưa chọn mô hình cho lần nhận dạng lại.");
        try
        {
            return Results.Ok(await speech.ChooseSecondPassAsync(input.FileName, ct));
        }
        catch (SpeechUnavailableException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
    }

    /// <summary>
    /// The body is the file itself (not a form), so a 2 GB recording streams straight to disk and the page
    /// can report upload progress; the original name travels in the query string.
    /// </summary>
    private static async Task<IResult> Upload(int meetingId, string? fileName, HttpContext ctx, MeetingDbContext db,
        SpeechService speech, TranscriptionQueue queue, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct)) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        var status = await speech.StatusAsync(ct);
        if (!status.Ready) return ApiProblems.Conflict(status.Message);

        var limit = speech.Options.MaxUploadBytes;
        var limitText = SpeechService.SizeLabel(limit);
        if (ctx.Request.ContentLength > limit)
            return ApiProblems.Problem(413, $"Tệp quá lớn: máy chủ nhận tệp ghi âm tối đa {limitText}.");
        if (ctx.Request.ContentLength == 0) return ApiProblems.BadRequest("Tệp âm thanh rỗng.");
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit;

        var name = CleanFileName(fileName);
        var folder = Path.Combine(speech.DataFolder, "recordings", meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var stored = Path.Combine(folder, $"{Guid.NewGuid():N}{SafeExtension(name)}");
        long size;
        TimeSpan duration;
        try
        {
            await using (var file = new FileStream(stored, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await ctx.Request.Body.CopyToAsync(file, ct);
                size = file.Length;
            }
            if (size > limit) throw new BadHttpRequestException("too large", 413);
            await UploadedAudioCheck.CheckAsync(stored, ct);
            duration = await AudioProbe.DurationAsync(stored, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
        {
            File.Delete(stored);
            return ApiProblems.Problem(413, $"Tệp quá lớn: máy chủ nhận tệp ghi âm tối đa {limitText}.");
        }
        catch (AudioDecodeException ex)
        {
            File.Delete(stored);
            return ApiProblems.BadRequest(ex.UserMessage);
        }
        catch
        {
            File.Delete(stored);
            throw;
        }

        var recording = new Recording
        {
            MeetingId = meetingId,
            OriginalFileName = name,
            StoredPath = Path.GetRelativePath(speech.DataFolder, stored),
            SizeBytes = size,
            DurationMs = (long)duration.TotalMilliseconds,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            UploadedBy = ctx.User.FindFirstValue(ClaimTypes.Name) ?? "",
            State = RecordingState.Queued,
        };
        db.Recordings.Add(recording);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(recording.Id);
        return Results.Accepted($"/api/recordings/{recording.Id}", await RecordingAsync(db, recording.Id));
    }

    private static async Task<IResult> ListRecordings(int meetingId, MeetingDbContext db)
    {
        var ids = await db.Recordings.AsNoTracking().Where(r => r.MeetingId == meetingId).OrderByDescending(r => r.Id).Select(r => r.Id).ToListAsync();
        var list = new List<RecordingDto>();
        foreach (var id in ids) list.Add((await RecordingAsync(db, id))!);
        return Results.Ok(list);
    }

    private static async Task<IResult> GetRecording(int id, MeetingDbContext db) =>
        await RecordingAsync(db, id) is { } dto ? Results.Ok(dto) : ApiProblems.NotFound("Không tìm thấy tệp ghi âm.");

    private static async Task<RecordingDto?> RecordingAsync(MeetingDbContext db, int id)
    {
        var r = await db.Recordings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (r is null) return null;
        var count = await db.TranscriptSegments.CountAsync(s => s.RecordingId == id);
        return new RecordingDto(r.Id, r.MeetingId, r.OriginalFileName, r.SizeBytes, r.DurationMs, r.UploadedAtUtc, r.UploadedBy,
            r.State, RecordingStateLabels.Label(r.State), Math.Round(r.Progress, 1), r.Error, r.ModelName, count);
    }

    private static async Task<List<TranscriptSegmentRow>> SegmentsAsync(MeetingDbContext db, int meetingId, int? recording) =>
        await db.TranscriptSegments.AsNoTracking()
            .Where(s => s.MeetingId == meetingId && (recording == null || s.RecordingId == recording))
            .OrderBy(s => s.RecordingId).ThenBy(s => s.StartMs).ThenBy(s => s.Id).ToListAsync();

    private static async Task<IResult> ListSegments(int meetingId, int? recording, MeetingDbContext db)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId)) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        var rows = await SegmentsAsync(db, meetingId, recording);
        return Results.Ok(rows.Select(s => new SegmentDto(s.Id, s.RecordingId, s.StartMs, s.EndMs,
            TranscriptExport.Clock(TimeSpan.FromMilliseconds(s.StartMs)), s.Text, s.AverageTokenProbability, s.NoSpeechProbability,
            s.ModelName, s.Parameters)));
    }

    private static async Task<IResult> Export(int meetingId, string format, int? recording, MeetingDbContext db)
    {
        if (!TranscriptExport.TryParse(format, out var kind)) return ApiProblems.BadRequest("Định dạng tải về phải là srt, vtt hoặc txt.");
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId);
        if (meeting is null) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        var rows = await SegmentsAsync(db, meetingId, recording);
        var segments = rows.Select(s => new TranscriptSegment(TimeSpan.FromMilliseconds(s.StartMs), TimeSpan.FromMilliseconds(s.EndMs), s.Text));
        var body = Encoding.UTF8.GetBytes(TranscriptExport.Write(kind, segments));
        // Results.File writes both filename (ASCII fallback) and filename* (UTF-8), so Vietnamese names survive.
        var downloadName = CleanFileName($"Bản ghi nháp - {meeting.Title}").TrimEnd('.') + TranscriptExport.Extension(kind);
        return Results.File(body, TranscriptExport.ContentType(kind), downloadName);
    }

    private static string CleanFileName(string? name)
    {
        var text = Path.GetFileName((name ?? "").Replace('\\', '/')).Normalize(NormalizationForm.FormC);
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '<', '>', '|', ':', '*', '?']).ToHashSet();
        var clean = new string(text.Where(c => !invalid.Contains(c) && !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length > 150) clean = clean[..150];
        return clean.Length == 0 ? "ghi-am" : clean;
    }

    private static string SafeExtension(string name)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        return ext.Length is > 1 and <= 6 && ext[1..].All(char.IsAsciiLetterOrDigit) ? ext : ".bin";
    }
}
