using MeetingAssist.Host.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>Where imported petitions go: the registry. Saving is all-or-nothing.</summary>
public interface IPetitionImportSink
{
    /// <summary>Saves every row in ONE transaction, or none of them if anything fails; returns how many were saved.</summary>
    Task<int> SaveAllAsync(IReadOnlyList<ImportedPetition> rows, string actor, CancellationToken ct);

    /// <summary>Petitions already registered, for the duplicate check in the preview.</summary>
    Task<IReadOnlyList<ExistingPetition>> ExistingAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ExistingPetition>>([]);
}

/// <summary>
/// Upload a petition list, see what would be imported (<c>/preview</c>), then import it (<c>/commit</c>): the file is
/// sent again and re-read, so what is saved is exactly what the file holds, and nothing is saved while any problem remains.
/// </summary>
public static partial class PetitionImportEndpoints
{
    public const long MaxUploadBytes = 20L * 1024 * 1024;
    private static readonly string[] Importers = [Roles.Secretary, Roles.Admin];

    public static void MapPetitionImport(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/petitions/import").RequireAntiforgery().RequireAuthorization(p => p.RequireRole(Importers));
        // Room above the file for the multipart envelope.
        var bodyLimit = new RequestSizeLimitAttribute(MaxUploadBytes + 64 * 1024);
        group.MapPost("/preview", PreviewAsync).WithMetadata(bodyLimit);
        group.MapPost("/commit", CommitAsync).WithMetadata(bodyLimit);
    }

    private static async Task<IResult> PreviewAsync(HttpContext ctx, IServiceProvider services, CancellationToken ct)
    {
        var upload = await ReadUploadAsync(ctx, ct);
        if (upload.Error is not null) return upload.Error;
        var preview = await Task.Run(() => PetitionSheetReader.Read(upload.Content!, upload.FileName!), ct);
        if (preview.Rows.Count == 0 && preview.SheetProblems.Count > 0) return ApiProblems.BadRequest(preview.SheetProblems[0].Message);
        if (services.GetService<IPetitionImportSink>() is { } sink)
            preview = preview with { Duplicates = [.. preview.Duplicates, .. PetitionDuplicates.AgainstExisting(preview.Rows, await sink.ExistingAsync(ct))] };
        return Results.Ok(preview);
    }

    private static async Task<IResult> CommitAsync(HttpContext ctx, IServiceProvider services, ILoggerFactory loggers, CancellationToken ct)
    {
        var upload = await ReadUploadAsync(ctx, ct);
        if (upload.Error is not null) return upload.Error;
        var sink = services.GetRequiredService<IPetitionImportSink>();
        var preview = await Task.Run(() => PetitionSheetReader.Read(upload.Content!, upload.FileName!), ct);
        if (!preview.CanCommit)
        {
            var problems = preview.SheetProblems.Concat(preview.RowProblems).ToList();
            var detail = problems.Count == 0 ? "Tệp không có dòng kiến nghị nào để nhập." : $"Tệp còn {problems.Count} lỗi; chưa lưu dòng nào. Hãy sửa tệp rồi nhập lại.";
            return Results.Problem(detail: detail, statusCode: 400, title: "Dữ liệu không hợp lệ",
                extensions: new Dictionary<string, object?> { ["problems"] = problems.Select(p => p.Message).ToList() });
        }
        try
        {
            var saved = await sink.SaveAllAsync(preview.Rows, ctx.User.Identity?.Name ?? "", ct);
            return Results.Ok(new { saved });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSaveFailed(loggers.CreateLogger(typeof(PetitionImportEndpoints).FullName!), ex, preview.Rows.Count);
            return ApiProblems.Conflict("Lưu không thành công nên không kiến nghị nào được lưu. Hãy thử lại.");
        }
    }

    private sealed record Upload(MemoryStream? Content, string? FileName, IResult? Error);

    private static async Task<Upload> ReadUploadAsync(HttpContext ctx, CancellationToken ct)
    {
        static Upload Refused(int status, string message) => new(null, null, ApiProblems.Problem(status, message));
        if (!ctx.Request.HasFormContentType) return Refused(400, "Hãy chọn tệp danh sách kiến nghị (.xlsx hoặc .csv) để tải lên.");
        if (ctx.Request.ContentLength > MaxUploadBytes + 64 * 1024) return Refused(413, "Tệp lớn quá 20 MB. Hãy chia danh sách thành nhiều tệp.");
        ctx.Features.Set<IFormFeature>(new FormFeature(ctx.Request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024, ValueCountLimit = 16, BufferBodyLengthLimit = MaxUploadBytes + 64 * 1024,
        }));
        IFormCollection form;
        try
        {
            form = await ctx.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Refused(400, "Không nhận được tệp: dữ liệu tải lên không đầy đủ hoặc quá lớn (tối đa 20 MB).");
        }
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0) return Refused(400, "Hãy chọn tệp danh sách kiến nghị (.xlsx hoặc .csv) để tải lên.");
        if (file.Length > MaxUploadBytes) return Refused(413, "Tệp lớn quá 20 MB. Hãy chia danh sách thành nhiều tệp.");
        var content = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream()) await stream.CopyToAsync(content, ct);
        content.Position = 0;
        return new Upload(content, Path.GetFileName(file.FileName), null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving {Count} imported petitions failed; the import was rolled back")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, int count);
}
