using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

/// <param name="Reason">Why this model, in the words of the editor and the settings page.</param>
public sealed record SecondPassModel(ModelCatalogEntry Model, string Reason);

/// <summary>
/// The second pass's own model: it runs once, after the meeting, where there is time for a larger model than the live
/// one. The admin may choose it; otherwise the largest usable model installed is taken, since that is the point of the
/// pass.
/// </summary>
public sealed partial class SpeechService
{
    public const string SecondPassModelSetting = "Speech.SecondPassModel";
    public const string ChosenForSecondPassReason = "đã chọn cho lần nhận dạng lại";
    public const string LargestInstalledReason = "mô hình lớn nhất đã cài";

    public Task<string?> ChosenSecondPassModelAsync(CancellationToken ct = default) => SettingAsync(SecondPassModelSetting, ct);

    /// <summary>
    /// The admin's second-pass model while it is still there and usable; otherwise the largest usable one (saying the
    /// chosen one is gone); null only when no model is usable at all.
    /// </summary>
    public async Task<SecondPassModel?> ResolveSecondPassAsync(CancellationToken ct = default)
    {
        var usable = Catalog().Where(Usable).ToList();
        var chosen = await ChosenSecondPassModelAsync(ct);
        if (usable.FirstOrDefault(e => e.FileName == chosen) is { } picked) return new SecondPassModel(picked, ChosenForSecondPassReason);
        var largest = usable.OrderByDescending(Scale).ThenByDescending(e => e.SizeBytes).ThenBy(e => e.FileName, StringComparer.Ordinal)
            .FirstOrDefault();
        if (largest is null) return null;
        return new SecondPassModel(largest, chosen is null
            ? LargestInstalledReason
            : $"{LargestInstalledReason} (mô hình đã chọn {chosen} không còn trong thư mục mô hình hoặc không dùng được)");
    }

    /// <summary>
    /// Roughly the number of weights (width squared times layers), so a quantised large model outranks an f16 medium
    /// one although its file is smaller.
    /// </summary>
    private static long Scale(ModelCatalogEntry e)
    {
        var h = e.Info!.HyperParameters;
        return (long)h.AudioState * h.AudioState * h.AudioLayers + (long)h.TextState * h.TextState * h.TextLayers;
    }

    /// <summary>Records the admin's second-pass model after checking the whole file, like the active model.</summary>
    public async Task<ModelDto> ChooseSecondPassAsync(string? fileName, CancellationToken ct = default)
    {
        var entry = UsableEntry(fileName);
        await SaveSettingAsync(SecondPassModelSetting, entry.FileName, ct);
        LogSecondPassModelChosen(_logger, entry.FileName);
        return ToDto(entry, (await ResolveActiveAsync(ct))?.FileName) with { SecondPass = true, SecondPassReason = ChosenForSecondPassReason };
    }

    /// <summary>The second pass's model, loaded.</summary>
    public async Task<(WhisperFactory Factory, SecondPassModel Model)> AcquireForSecondPassAsync(CancellationToken ct = default)
    {
        if (!EngineAvailable(out _)) throw new SpeechUnavailableException(NoEngineMessage);
        var model = await ResolveSecondPassAsync(ct) ?? throw new SpeechUnavailableException((await StatusAsync(ct)).Message);
        return (await AcquireAsync(model.Model, ct), model);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Second-pass speech model set to {FileName}")]
    private static partial void LogSecondPassModelChosen(ILogger logger, string fileName);
}
