using MeetingAssist.Transcribe;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>An input the server can record from: what a page may choose, and the ffmpeg input it stands for.</summary>
public sealed record CaptureDevice(string Id, string Label, string Format, string Input, bool Realtime);

public sealed record CaptureDeviceDto(string Id, string Label);

/// <summary>
/// The only inputs server capture may open. A page picks one by its id; the ffmpeg format and input come from
/// this list, which the server builds from its own configuration and from what its sound system reports, so no
/// text from a client ever reaches ffmpeg's arguments (a free "device" let a filter graph write files or fetch
/// URLs). The test tone exists only when the server's own configuration turns it on.
/// </summary>
public sealed partial class CaptureDevices(IOptions<LiveOptions> options, TimeProvider time, ILogger<CaptureDevices> logger)
{
    public const string ConfiguredId = "configured";
    public const string TestToneId = "test-tone";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<CaptureDevice> Devices)? _cache;

    public async Task<IReadOnlyList<CaptureDevice>> ListAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_cache is { } c && time.GetUtcNow() - c.At < CacheFor) return c.Devices;
            var settings = options.Value.ServerCapture;
            var devices = new List<CaptureDevice>
            {
                new(ConfiguredId, $"Thiết bị cài đặt trên máy chủ ({settings.Format}: {settings.Device})", settings.Format, settings.Device, settings.Realtime),
            };
            if (settings.TestTone)
                devices.Add(new(TestToneId, "Âm thử 440 Hz (chỉ để kiểm tra)", "lavfi", "sine=frequency=440:sample_rate=16000", true));
            if (!OperatingSystem.IsWindows())
            {
                foreach (var format in (string[])["alsa", "pulse"])
                foreach (var (name, description) in await SourcesAsync(format, ct))
                {
                    var id = $"{format}:{name}";
                    if (devices.All(d => d.Id != id))
                        devices.Add(new(id, $"{description} ({format}: {name})", format, name, settings.Realtime));
                }
            }
            _cache = (time.GetUtcNow(), devices);
            return devices;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The device with this id, or null: anything not listed is refused.</summary>
    public async Task<CaptureDevice?> FindAsync(string? id, CancellationToken ct = default) =>
        string.IsNullOrEmpty(id) ? null : (await ListAsync(ct)).FirstOrDefault(d => d.Id == id);

    /// <summary>Sources as ffmpeg itself reports them (<c>ffmpeg -sources alsa|pulse</c>): the names it can open.</summary>
    private async Task<IReadOnlyList<(string Name, string Description)>> SourcesAsync(string format, CancellationToken ct)
    {
        try
        {
            using var process = Ffmpeg.Start(FfmpegProgram.Ffmpeg, ["-hide_banner", "-nostdin", "-sources", format]);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill();
                return [];
            }
            await stderr;
            return ParseSources(await stdout);
        }
        catch (Exception ex) when (ex is AudioDecodeException or IOException or InvalidOperationException)
        {
            LogListFailed(ex, format);
            return [];
        }
    }

    /// <summary>Lines look like <c>* name [description] (type)</c>; the star marks the default.</summary>
    internal static IReadOnlyList<(string Name, string Description)> ParseSources(string output)
    {
        var sources = new List<(string, string)>();
        foreach (var raw in output.Split('\n'))
        {
            if (!raw.StartsWith(' ') && !raw.StartsWith('*')) continue;
            var line = raw.TrimStart('*', ' ').TrimEnd();
            var bracket = line.IndexOf(" [", StringComparison.Ordinal);
            var name = bracket > 0 ? line[..bracket] : line;
            if (name.Length == 0 || name.Length > 200 || name.Any(char.IsControl)) continue;
            var description = bracket > 0 && line.IndexOf(']', bracket) is var end and > 0 ? line[(bracket + 2)..end] : name;
            sources.Add((name, description));
        }
        return sources;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not list {Format} capture sources")]
    private partial void LogListFailed(Exception ex, string format);
}
