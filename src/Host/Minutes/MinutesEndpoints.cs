using System.Security.Claims;
using System.Text;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Minutes;

/// <summary>The biên bản API: the secretary (and the admin) fill and approve it; the chair may read it.</summary>
public static class MinutesEndpoints
{
    private static readonly string[] Writers = [Roles.Secretary, Roles.Admin];
    private static readonly string[] Readers = [Roles.Secretary, Roles.Admin, Roles.Chair];

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string NoMeeting = "Không tìm thấy hội nghị.";

    public static void AddMinutes(this IServiceCollection services)
    {
        services.AddOptions<PdfOptions>().BindConfiguration("MeetingAssist:Pdf");
        services.AddSingleton<PdfRenderer>();
        services.AddSingleton<MinutesClock>();
        services.AddSingleton<MinutesComposer>();
        services.AddSingleton<ITurnTranscript, CorrectedTurnTranscript>();
        services.AddSingleton<MinutesService>();
    }

    public static void MapMinutes(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/meetings/{id:int}/minutes").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(Readers));
        read.MapGet("/", View);
        read.MapGet("/problems", async (int id, MinutesService minutes, MinutesComposer composer, CancellationToken ct) =>
            await minutes.LoadAsync(id, ct) is { } input ? Results.Ok(composer.Problems(input)) : ApiProblems.NotFound(NoMeeting));
        read.MapGet("/docx", CurrentDocx);
        read.MapGet("/pdf", CurrentPdf);
        read.MapGet("/versions/{number:int}/docx", async (int id, int number, MinutesService minutes, CancellationToken ct) =>
            await minutes.VersionAsync(id, number, ct) is { } v ? Results.File(v.Docx, DocxType, FileName(id, v.Number, "docx")) : ApiProblems.NotFound("Không có bản đã duyệt này."));
        read.MapGet("/versions/{number:int}/pdf", async (int id, int number, MinutesService minutes, PdfRenderer pdf, CancellationToken ct) =>
            await minutes.VersionAsync(id, number, ct) is { } v ? await Pdf(pdf, v.Docx, FileName(id, v.Number, "pdf"), ct) : ApiProblems.NotFound("Không có bản đã duyệt này."));
        read.MapGet("/transcript/{format}", Transcript);

        var write = app.MapGroup("/api/meetings/{id:int}/minutes").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(Writers));
        write.MapPut("/", SaveTexts);
        write.MapPut("/turns/{turnId:int}", SaveTurn);
        write.MapPost("/approve", async (int id, HttpContext ctx, MinutesService minutes, CancellationToken ct) =>
            await Guarded(id, minutes, ct, async () => Results.Ok(Version(id, await minutes.ApproveAsync(id, User(ctx), ct), ctx.RequestServices))));
        write.MapPost("/amend", async (int id, HttpContext ctx, MinutesService minutes, CancellationToken ct) =>
            await Guarded(id, minutes, ct, async () =>
            {
                await minutes.AmendAsync(id, User(ctx), ct);
                return Results.NoContent();
            }));
    }

    private static string User(HttpContext ctx) => ctx.User.FindFirstValue(ClaimTypes.Name) ?? "";

    private static string FileName(int meetingId, int? version, string extension) =>
        version is { } v ? $"bien-ban-hoi-nghi-{meetingId}-ban-{v}.{extension}" : $"bien-ban-hoi-nghi-{meetingId}-du-thao.{extension}";

    private static async Task<IResult> View(int id, MinutesService minutes, MinutesComposer composer, MinutesClock clock, PdfRenderer pdf, IServiceProvider services, CancellationToken ct)
    {
        if (await minutes.LoadAsync(id, ct) is not { } input) return ApiProblems.NotFound(NoMeeting);
        var versions = await minutes.VersionsAsync(id, ct);
        var turns = input.RecordedTurns.Select(t => new MinutesTurnView(t.TurnId, t.Kind.ToString(), SnapshotBuilder.TurnKindLabel(t.Kind), input.HeaderOf(t),
            t.SpeakerName, clock.Short(t.StartedAtMs), t.EndedAtMs is { } e ? clock.Short(e) : null, input.ModeOf(t.TurnId).ToString(),
            input.SummaryOf(t.TurnId), input.VerbatimOf(t.TurnId))).ToList();
        return Results.Ok(new MinutesView(id, input.Meeting.Title, input.Draft.LockedByVersion is not null, input.Draft.LockedByVersion,
            MinutesTextsDto.From(input.Draft), MinutesComposer.DefaultNumber, MinutesComposer.PlaceNameOf(input.Meeting.OrganisingBody),
            string.Join("\n", MinutesComposer.DefaultRecipients),
            input.ConclusionLabels, turns, composer.Problems(input), versions.Select(v => Version(id, v, services)).ToList(),
            pdf.IsAvailable, pdf.IsAvailable ? null : PdfRenderer.NotInstalledMessage));
    }

    private static MinutesVersionDto Version(int meetingId, MinutesVersion v, IServiceProvider services)
    {
        var clock = services.GetRequiredService<MinutesClock>();
        var at = clock.Hall(v.ApprovedAtUtc).ToString("HH:mm 'ngày' dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var label = v.Number == 1 ? "Bản đã duyệt" : $"Bản sửa đổi lần {v.Number - 1}";
        var root = $"/api/meetings/{meetingId}/minutes/versions/{v.Number}";
        return new MinutesVersionDto(v.Number, label, at, v.ApprovedBy, v.Sha256, v.Docx.LongLength, root + "/docx", root + "/pdf");
    }

    /// <summary>The approved bytes while the minutes are locked; otherwise the draft as it stands now.</summary>
    private static async Task<(byte[] Docx, int? Version)?> CurrentAsync(int id, MinutesService minutes, MinutesComposer composer, CancellationToken ct)
    {
        if (await minutes.LoadAsync(id, ct) is not { } input) return null;
        if (input.Draft.LockedByVersion is { } locked && await minutes.VersionAsync(id, locked, ct) is { } v) return (v.Docx, v.Number);
        return (DocxWriter.Write(composer.Compose(input)), null);
    }

    private static async Task<IResult> CurrentDocx(int id, MinutesService minutes, MinutesComposer composer, CancellationToken ct) =>
        await CurrentAsync(id, minutes, composer, ct) is { } doc ? Results.File(doc.Docx, DocxType, FileName(id, doc.Version, "docx")) : ApiProblems.NotFound(NoMeeting);

    private static async Task<IResult> CurrentPdf(int id, MinutesService minutes, MinutesComposer composer, PdfRenderer pdf, CancellationToken ct) =>
        await CurrentAsync(id, minutes, composer, ct) is { } doc ? await Pdf(pdf, doc.Docx, FileName(id, doc.Version, "pdf"), ct) : ApiProblems.NotFound(NoMeeting);

    private static async Task<IResult> Pdf(PdfRenderer pdf, byte[] docx, string fileName, CancellationToken ct)
    {
        if (!pdf.IsAvailable) return ApiProblems.Problem(503, PdfRenderer.NotInstalledMessage);
        try
        {
            return Results.File(await pdf.RenderAsync(docx, ct), "application/pdf", fileName);
        }
        catch (PdfUnavailableException ex)
        {
            return ApiProblems.Problem(503, ex.Message);
        }
    }

    private static async Task<IResult> Transcript(int id, string format, MinutesService minutes, MinutesClock clock, CancellationToken ct)
    {
        if (!TurnTranscriptExport.Formats.Contains(format)) return ApiProblems.NotFound("Chỉ tải được bản ghi dạng txt, srt hoặc vtt.");
        if (await minutes.LoadAsync(id, ct) is not { } input) return ApiProblems.NotFound(NoMeeting);
        var text = TurnTranscriptExport.Write(format, input, clock);
        return Results.File(Encoding.UTF8.GetBytes(text), TurnTranscriptExport.ContentType(format), $"ban-ghi-hoi-nghi-{id}.{format}");
    }

    private static async Task<IResult> SaveTexts(int id, MinutesTextsDto? input, HttpContext ctx, MinutesService minutes, CancellationToken ct)
    {
        if (input is null) return ApiProblems.BadRequest("Thiếu nội dung biên bản.");
        var errors = input.Validate();
        if (errors.Count > 0) return Results.ValidationProblem(errors, detail: "Có trường chưa hợp lệ.", title: "Dữ liệu không hợp lệ");
        return await Guarded(id, minutes, ct, async () =>
        {
            await minutes.UpdateDraftAsync(id, User(ctx), input.ApplyTo, ct);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SaveTurn(int id, int turnId, TurnChoiceInput? input, HttpContext ctx, MinutesService minutes, CancellationToken ct)
    {
        if (input is null || !Enum.TryParse<TurnTextMode>(input.Mode, ignoreCase: false, out var mode) || !Enum.IsDefined(mode) || input.Mode!.Any(char.IsDigit))
            return ApiProblems.BadRequest("Hãy chọn nguyên văn, tóm tắt hoặc chỉ ghi dòng tiêu đề.");
        if ((input.Summary?.Length ?? 0) > MinutesTextsDto.MaxText) return ApiProblems.BadRequest("Tóm tắt quá dài.");
        return await Guarded(id, minutes, ct, async () =>
        {
            var turns = (await minutes.LoadAsync(id, ct))!.RecordedTurns;
            if (!turns.Any(t => t.TurnId == turnId)) return ApiProblems.NotFound("Không tìm thấy lượt phát biểu này trong hội nghị.");
            await minutes.SetTurnAsync(id, turnId, mode, Common.UserText.Text(input.Summary) ?? "", User(ctx), ct);
            return Results.NoContent();
        });
    }

    /// <summary>404 for a meeting that does not exist; 409 with the Vietnamese reason (and the problems) when refused.</summary>
    private static async Task<IResult> Guarded(int id, MinutesService minutes, CancellationToken ct, Func<Task<IResult>> action)
    {
        if (!await minutes.MeetingExistsAsync(id, ct)) return ApiProblems.NotFound(NoMeeting);
        try
        {
            return await action();
        }
        catch (MinutesConflictException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: 409, title: "Không thực hiện được",
                extensions: ex.Problems.Count > 0 ? new Dictionary<string, object?> { ["problems"] = ex.Problems } : null);
        }
    }
}
