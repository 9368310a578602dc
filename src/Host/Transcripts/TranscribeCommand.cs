using MeetingAssist.Host.Common;
using System.Globalization;
using System.Text;
using MeetingAssist.Host.Data;
using MeetingAssist.Transcribe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// <c>transcribe FILE [--model PATH_OR_NAME] [--format srt|vtt|txt] [--out FILE] [--threads N] [--max-tokens N]</c>:
/// transcribes a recording with the same engine, models folder and settings as the server, without starting it.
/// </summary>
public static class TranscribeCommand
{
    public const int Ok = 0, Usage = 2, NoEngine = 3, NoModel = 4, BadAudio = 5, Failed = 1;

    private const string Help =
        "Cách dùng: transcribe TỆP [--model ĐƯỜNG_DẪN_HOẶC_TÊN] [--format srt|vtt|txt] [--out TỆP] [--threads N] [--max-tokens N]\n" +
        "  Chuyển tệp ghi âm thành văn bản tiếng Việt. Kết quả in ra màn hình hoặc ghi vào --out.\n" +
        "  Không có --model: dùng mô hình đã chọn trong trang Cài đặt nhận dạng, nếu chưa chọn thì mô hình hợp lệ đầu tiên trong thư mục mô hình.\n" +
        "  Các thiết lập khác như khi chạy máy chủ, ví dụ --MeetingAssist:Data:Folder=data.";

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        string? file = null, model = null, output = null, format = null;
        int? threads = null, maxTokens = null;
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Thiếu giá trị sau {args[i]}.");
            try
            {
                switch (args[i])
                {
                    case "-h" or "--help":
                        await stdout.WriteLineAsync(Help);
                        return Ok;
                    case "--model": model = Value(); break;
                    case "--format": format = Value(); break;
                    case "--out" or "-o": output = Value(); break;
                    case "--threads": threads = PositiveInt(Value(), "--threads"); break;
                    case "--max-tokens": maxTokens = PositiveInt(Value(), "--max-tokens"); break;
                    case var a when a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='): configuration.Add(a); break;
                    case var a when a.StartsWith('-'): throw new ArgumentException($"Không hiểu tùy chọn {a}.");
                    case var a when file is null: file = a; break;
                    default: throw new ArgumentException("Chỉ nhận một tệp ghi âm mỗi lần.");
                }
            }
            catch (ArgumentException ex)
            {
                await stderr.WriteLineAsync(ex.Message + "\n" + Help);
                return Usage;
            }
        }

        // Without --format the extension of --out decides, so "--out bien-ban.srt" just works.
        var kind = ExportFormat.Txt;
        var formatText = format ?? (output is null ? null : Path.GetExtension(output).TrimStart('.'));
        if (formatText is { Length: > 0 } && !TranscriptExport.TryParse(formatText, out kind))
        {
            if (format is not null)
            {
                await stderr.WriteLineAsync("Định dạng phải là srt, vtt hoặc txt.");
                return Usage;
            }
            kind = ExportFormat.Txt;
        }
        if (file is null)
        {
            await stderr.WriteLineAsync("Chưa nêu tệp ghi âm.\n" + Help);
            return Usage;
        }
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"Không tìm thấy tệp ghi âm: {file}");
            return BadAudio;
        }

        // The same configuration sources as the server (appsettings.json, environment, --Key=value).
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(configuration.ToArray());
        builder.Logging.ClearProviders();
        var dataOptions = builder.Configuration.GetSection("MeetingAssist:Data").Get<DataOptions>() ?? new DataOptions();
        builder.Services.AddOptions<DataOptions>().BindConfiguration("MeetingAssist:Data");
        builder.Services.AddOptions<SpeechOptions>().BindConfiguration("MeetingAssist:Speech").ValidatedOnStart();
        builder.Services.AddDbContextFactory<MeetingDbContext>(o => DataSetup.Configure(o, dataOptions.DatabasePath));
        builder.Services.AddSingleton<SpeechService>();
        using var host = builder.Build();
        var speech = host.Services.GetRequiredService<SpeechService>();

        if (!speech.EngineAvailable(out var detail))
        {
            await stderr.WriteLineAsync(SpeechService.NoEngineMessage + "\n(" + detail + ")");
            return NoEngine;
        }

        var modelPath = await ResolveModelAsync(speech, model, File.Exists(dataOptions.DatabasePath), stderr);
        if (modelPath is null) return NoModel;

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var defaults = speech.Options.ToWhisperOptions();
            var options = defaults with { Threads = threads ?? defaults.Threads, MaxTokens = maxTokens ?? defaults.MaxTokens };
            await stderr.WriteLineAsync($"Mô hình: {modelPath}");
            using var factory = WhisperFactory.FromPath(modelPath);
            var (vad, vadFallback) = MeetingAssist.Transcribe.Vad.SharedVoiceDetector.Get();
            if (vadFallback is not null)
                await stderr.WriteLineAsync("CẢNH BÁO: " + vadFallback + " Tiếng ồn, vỗ tay, nhạc có thể bị ghi thành chữ.");
            await stderr.WriteLineAsync($"Đang nhận dạng ({SpeechOptions.Describe(options)}; phát hiện giọng nói: {vad.Name})…");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var segments = new List<TranscriptSegment>();
            FileProgress? progress = null;
            await using (var processor = factory.CreateProcessor(options))
            {
                var transcriber = new FileTranscriber(processor, vad, speech.Guard) { Progress = p => progress = p };
                await foreach (var passage in transcriber.TranscribeAsync(file, cancellationToken: cancel.Token))
                {
                    var segment = passage.Segment;
                    segments.Add(segment);
                    await stderr.WriteLineAsync($"  [{TranscriptExport.Clock(segment.Start)}] {segment.Text}");
                }
            }
            var duration = progress?.Decoded ?? TimeSpan.Zero;
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Xong: {TranscriptExport.Clock(duration)} âm thanh, {segments.Count} đoạn ({progress?.Dropped ?? 0} đoạn bị loại vì không có lời nói) trong {elapsed.TotalSeconds:0.0} giây (nhanh gấp {duration / Math.Max(0.001, elapsed.TotalSeconds) / TimeSpan.FromSeconds(1):0.0} lần thời gian thực)."));

            if (progress?.LastDropReason is { } reason)
                await stderr.WriteLineAsync($"Lý do loại gần nhất: {reason}");

            var text = TranscriptExport.Write(kind, segments);
            if (output is null) await stdout.WriteAsync(text);
            else
            {
                await File.WriteAllTextAsync(output, text, new UTF8Encoding(false));
                await stderr.WriteLineAsync($"Đã ghi {output}");
            }
            return Ok;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("Đã dừng theo yêu cầu.");
            return Failed;
        }
        catch (InvalidModelException ex)
        {
            await stderr.WriteLineAsync($"{SpeechService.VietnameseReason(ex.Problem)}\n({ex.Reason})");
            return NoModel;
        }
        catch (AudioDecodeException ex)
        {
            await stderr.WriteLineAsync($"{ex.UserMessage}\n({ex.Message})");
            return BadAudio;
        }
        catch (WhisperException ex)
        {
            await stderr.WriteLineAsync($"{SpeechService.EngineMessage(ex.Kind)}\n({ex.Message})");
            return Failed;
        }
    }

    private static async Task<string?> ResolveModelAsync(SpeechService speech, string? requested, bool databaseExists, TextWriter stderr)
    {
        if (requested is not null)
        {
            if (File.Exists(requested)) return requested;
            foreach (var candidate in (string[])[requested, requested + ".bin", "ggml-" + requested + ".bin"])
            {
                var inFolder = Path.Combine(speech.ModelsFolder, candidate);
                if (File.Exists(inFolder)) return inFolder;
            }
            await stderr.WriteLineAsync($"Không tìm thấy mô hình \"{requested}\" (đã tìm cả trong thư mục {speech.ModelsFolder}).");
            return null;
        }

        ModelCatalogEntry? entry;
        if (databaseExists)
        {
            try
            {
                entry = await speech.ResolveActiveAsync();
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // A database from before the settings table existed: fall back to the folder.
                entry = speech.Catalog().FirstOrDefault(e => e.Info is { IsMultilingual: true });
            }
        }
        else
        {
            entry = speech.Catalog().FirstOrDefault(e => e.Info is { IsMultilingual: true });
        }

        if (entry is null) await stderr.WriteLineAsync(speech.NoModelMessage);
        return entry?.Path;
    }

    private static int PositiveInt(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} cần một số nguyên dương.");
}
