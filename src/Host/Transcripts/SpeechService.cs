using MeetingAssist.Host.Data;
using MeetingAssist.Transcribe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Transcripts;

public sealed record SpeechStatusDto(
    bool EngineAvailable, string EngineDetail, string ModelsFolder, string? ActiveModel, bool ActiveModelChosen,
    bool Ready, string Message);

public sealed record ModelDto(
    string FileName, long SizeBytes, string Size, bool Valid, string? Type, string? Variant, bool? Multilingual,
    string? Quantization, string? Reason, string? TechnicalReason, bool Active, bool SecondPass = false,
    string? SecondPassReason = null);

/// <summary>Speech is unusable right now (no engine, no model); the message is for the screen.</summary>
public sealed class SpeechUnavailableException(string message) : Exception(message);

/// <summary>
/// Knows the engine, the models folder and the admin's choices of model (the active one for live speech and uploads,
/// another for the second pass: <c>SpeechService.SecondPass.cs</c>), and keeps each model in use loaded once for all jobs. Nothing else in the product depends on it, so a server without speech still runs meetings.
/// </summary>
public sealed partial class SpeechService : IDisposable
{
    public const string ActiveModelSetting = "Speech.ActiveModel";

    private readonly IDbContextFactory<MeetingDbContext> _db;
    private readonly ILogger<SpeechService> _logger;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    /// <summary>
    /// Loaded models, most recently used last. Two stay loaded, so a second pass with its own model does not make the
    /// live meeting's model load again for every window.
    /// </summary>
    private readonly List<(string Path, DateTime Stamp, WhisperFactory Factory)> _loaded = [];
    private const int LoadedModelsKept = 2;

    public SpeechService(IDbContextFactory<MeetingDbContext> db, IOptions<SpeechOptions> options, IOptions<DataOptions> data, ILogger<SpeechService> logger)
    {
        _db = db;
        _logger = logger;
        Options = options.Value;
        DataFolder = Path.GetFullPath(data.Value.Folder);
        ModelsFolder = Options.ResolveModelsFolder(DataFolder);
        Directory.CreateDirectory(ModelsFolder);
        // The engine's probe lines and warnings are what an operator reads when speech does not start.
        WhisperRuntime.Log = line => LogNative(_logger, line);
    }

    public SpeechOptions Options { get; }

    /// <summary>The guard for recordings: the same rules and default thresholds as the live path.</summary>
    public MeetingAssist.Transcribe.Live.HallucinationGuard Guard { get; } = new();
    public string DataFolder { get; }
    public string ModelsFolder { get; }

    public static string NoEngineMessage =>
        "Bộ nhận dạng giọng nói không chạy được trên máy chủ này nên chưa chuyển được ghi âm thành văn bản " +
        "(cần máy x64 có AVX2 và Linux với glibc 2.34 trở lên). Các chức năng khác vẫn dùng bình thường.";

    public string NoModelMessage =>
        $"Chưa có mô hình nhận dạng giọng nói. Hãy chép tệp mô hình Whisper (ggml-….bin) vào thư mục {ModelsFolder} " +
        "rồi chọn mô hình trong trang Cài đặt nhận dạng. Các chức năng khác vẫn dùng bình thường.";

    public bool EngineAvailable(out string detail) => WhisperRuntime.IsAvailable(out detail);

    /// <summary>
    /// Every file in the models folder, each read in full: a half-copied file whose header reads correctly is
    /// refused here, so it never becomes the active model.
    /// </summary>
    public IReadOnlyList<ModelCatalogEntry> Catalog() => ModelCatalog.List(ModelsFolder, checkBodies: true);

    public async Task<IReadOnlyList<ModelDto>> ListModelsAsync(CancellationToken ct = default)
    {
        var active = await ResolveActiveAsync(ct);
        var secondPass = await ResolveSecondPassAsync(ct);
        return Catalog().Select(e => ToDto(e, active?.FileName) with
        {
            SecondPass = e.FileName == secondPass?.Model.FileName,
            SecondPassReason = e.FileName == secondPass?.Model.FileName ? secondPass.Reason : null,
        }).ToList();
    }

    public Task<string?> ChosenModelAsync(CancellationToken ct = default) => SettingAsync(ActiveModelSetting, ct);

    private async Task<string?> SettingAsync(string key, CancellationToken ct)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        return (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct))?.Value;
    }

    private async Task SaveSettingAsync(string key, string value, CancellationToken ct)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null) db.Settings.Add(new AppSetting { Key = key, Value = value });
        else row.Value = value;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The admin's model if it is still there and usable; otherwise the first usable file, so a newcomer who
    /// drops one model into the folder can transcribe without visiting the settings page.
    /// </summary>
    public async Task<ModelCatalogEntry?> ResolveActiveAsync(CancellationToken ct = default)
    {
        var usable = Catalog().Where(Usable).ToList();
        var chosen = await ChosenModelAsync(ct);
        return usable.FirstOrDefault(e => e.FileName == chosen) ?? (chosen is null ? usable.FirstOrDefault() : null);
    }

    public async Task<SpeechStatusDto> StatusAsync(CancellationToken ct = default)
    {
        var engine = EngineAvailable(out var detail);
        var chosen = await ChosenModelAsync(ct);
        var active = await ResolveActiveAsync(ct);
        string message;
        if (!engine) message = NoEngineMessage;
        else if (active is not null)
            message = $"Sẵn sàng nhận dạng tiếng Việt với mô hình {active.FileName} ({active.Info!.Variant}, {active.Info.Quantization}).";
        else if (chosen is not null)
            message = $"Mô hình đã chọn ({chosen}) không còn trong thư mục mô hình hoặc không dùng được. Người quản trị hãy chọn mô hình khác trong trang Cài đặt nhận dạng.";
        else message = NoModelMessage;
        return new SpeechStatusDto(engine, detail, ModelsFolder, active?.FileName, chosen is not null, engine && active is not null, message);
    }

    /// <summary>
    /// Records the admin's choice after checking the whole file in managed code; the model is loaded
    /// natively only when a job needs it.
    /// </summary>
    public async Task<ModelDto> ChooseAsync(string? fileName, CancellationToken ct = default)
    {
        var entry = UsableEntry(fileName);
        await SaveSettingAsync(ActiveModelSetting, entry.FileName, ct);
        LogModelChosen(_logger, entry.FileName);
        return ToDto(entry, entry.FileName);
    }

    /// <summary>The file, read in full, if it can be chosen; otherwise why not, in Vietnamese.</summary>
    private ModelCatalogEntry UsableEntry(string? fileName)
    {
        var entry = Catalog().FirstOrDefault(e => e.FileName == fileName)
            ?? throw new SpeechUnavailableException("Không tìm thấy tệp mô hình này trong thư mục mô hình.");
        if (!entry.IsValid) throw new SpeechUnavailableException(VietnameseReason(entry.Problem!.Value));
        if (!entry.Info!.IsMultilingual) throw new SpeechUnavailableException(EnglishOnlyMessage);
        return entry;
    }

    /// <summary>The loaded active model, loading it on first use or after the admin changed it or the file changed.</summary>
    public async Task<WhisperFactory> AcquireAsync(CancellationToken ct = default)
    {
        if (!EngineAvailable(out _)) throw new SpeechUnavailableException(NoEngineMessage);
        var active = await ResolveActiveAsync(ct) ?? throw new SpeechUnavailableException((await StatusAsync(ct)).Message);
        return await AcquireAsync(active, ct);
    }

    /// <summary>The given model loaded, loading it on first use or after the file changed.</summary>
    public async Task<WhisperFactory> AcquireAsync(ModelCatalogEntry model, CancellationToken ct = default)
    {
        if (!EngineAvailable(out _)) throw new SpeechUnavailableException(NoEngineMessage);
        await _loadGate.WaitAsync(ct);
        try
        {
            var stamp = File.GetLastWriteTimeUtc(model.Path);
            var index = _loaded.FindIndex(l => l.Path == model.Path);
            if (index >= 0)
            {
                var loaded = _loaded[index];
                _loaded.RemoveAt(index);
                if (loaded.Stamp == stamp)
                {
                    _loaded.Add(loaded);
                    return loaded.Factory;
                }
                loaded.Factory.Dispose(); // the file changed; processors still running on it keep its weights alive
            }
            WhisperFactory factory;
            try
            {
                factory = await Task.Run(() => WhisperFactory.FromPath(model.Path), ct);
            }
            catch (InvalidModelException ex)
            {
                throw new SpeechUnavailableException(VietnameseReason(ex.Problem));
            }
            catch (WhisperException ex)
            {
                throw new SpeechUnavailableException(EngineMessage(ex.Kind));
            }
            _loaded.Add((model.Path, stamp, factory));
            while (_loaded.Count > LoadedModelsKept)
            {
                _loaded[0].Factory.Dispose();
                _loaded.RemoveAt(0);
            }
            LogModelLoaded(_logger, model.FileName, factory.LoadTime.TotalMilliseconds);
            return factory;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public const string EnglishOnlyMessage = "Mô hình này chỉ nhận dạng tiếng Anh (.en), không dùng được cho tiếng Việt.";

    /// <summary>Why a model file was refused, in the words of the settings page.</summary>
    public static string VietnameseReason(ModelProblem problem)
    {
        const string notModel = "Tệp không phải mô hình Whisper (ggml) hợp lệ";
        return problem switch
        {
            ModelProblem.NotGgml => notModel + ": phần đầu tệp không đúng dạng ggml.",
            ModelProblem.Truncated => notModel + ": tệp bị thiếu phần cuối (có thể chép chưa xong). Hãy chép lại tệp.",
            ModelProblem.Float32Weights => "Mô hình dạng f32 không chạy được với bộ nhận dạng này; hãy dùng bản f16 hoặc bản lượng tử hóa (q5_0, q8_0).",
            ModelProblem.Unreadable => "Máy chủ không đọc được tệp này (kiểm tra quyền truy cập tệp).",
            ModelProblem.HeaderOutOfRange => notModel + ": thông số trong phần đầu tệp nằm ngoài giới hạn của mô hình Whisper.",
            ModelProblem.Inconsistent => notModel + ": nội dung tệp không khớp với cấu trúc mô hình.",
            _ => notModel + ".",
        };
    }

    /// <summary>What an engine failure means for the secretary.</summary>
    public static string EngineMessage(WhisperErrorKind kind) => kind switch
    {
        WhisperErrorKind.EngineMissing => NoEngineMessage,
        WhisperErrorKind.ModelLoadFailed => "Bộ nhận dạng không nạp được mô hình đã chọn. Người quản trị hãy chọn mô hình khác trong trang Cài đặt nhận dạng.",
        _ => "Bộ nhận dạng giọng nói gặp lỗi khi xử lý tệp này. Hãy thử lại.",
    };

    private static bool Usable(ModelCatalogEntry e) => e.Info is { IsMultilingual: true };

    private static ModelDto ToDto(ModelCatalogEntry e, string? active)
    {
        var reason = e.Problem is { } problem ? VietnameseReason(problem) : e.Info!.IsMultilingual ? null : EnglishOnlyMessage;
        return new ModelDto(e.FileName, e.SizeBytes, SizeLabel(e.SizeBytes), e.Info is not null && reason is null,
            e.Info?.Type.ToString().ToLowerInvariant(), e.Info?.Variant, e.Info?.IsMultilingual, e.Info?.Quantization,
            reason, e.Error, e.FileName == active);
    }

    public static string SizeLabel(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB").Replace('.', ','),
        >= 1L << 20 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0} MB"),
        _ => $"{Math.Max(1, bytes / 1024)} KB",
    };

    public void Dispose()
    {
        foreach (var loaded in _loaded) loaded.Factory.Dispose();
        _loadGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogNative(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Active speech model set to {FileName}")]
    private static partial void LogModelChosen(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Speech model {FileName} loaded in {Milliseconds:0} ms")]
    private static partial void LogModelLoaded(ILogger logger, string fileName, double milliseconds);
}
