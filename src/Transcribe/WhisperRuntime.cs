using Whisper.net.LibraryLoader;
using Whisper.net.Logger;

namespace MeetingAssist.Transcribe;

/// <summary>
/// The whisper.cpp runtime that Whisper.net.Runtime ships (CPU, linux-x64 with AVX2/FMA/F16C, glibc 2.34 or newer):
/// whether it loads on this machine, and where its log lines go.
/// </summary>
public static class WhisperRuntime
{
    /// <summary>The Whisper.net release the options mapping and the model validator are written against.</summary>
    public const string PackageVersion = "1.9.1";

    private static readonly Lock Gate = new();
    private static (bool Available, string Detail)? _probe;
    private static Action<string>? _log;
    private static bool _loggerAdded;

    /// <summary>Receives the engine's warnings and errors, one line each.</summary>
    public static Action<string>? Log
    {
        get => Volatile.Read(ref _log);
        set
        {
            Volatile.Write(ref _log, value);
            lock (Gate)
            {
                if (_loggerAdded)
                {
                    return;
                }

                // Info and debug lines are many per model load; warnings and errors are what an operator needs.
                LogProvider.AddLogger((level, message) =>
                {
                    if (level is WhisperLogLevel.Warning or WhisperLogLevel.Error && !string.IsNullOrWhiteSpace(message))
                    {
                        Volatile.Read(ref _log)?.Invoke($"whisper.cpp: {message.TrimEnd()}");
                    }
                });
                _loggerAdded = true;
            }
        }
    }

    /// <summary>Loads the runtime once; false with the loader's reason when it cannot run here.</summary>
    public static bool IsAvailable(out string detail)
    {
        lock (Gate)
        {
            _probe ??= Probe();
            detail = _probe.Value.Detail;
            return _probe.Value.Available;
        }
    }

    /// <summary>whisper.cpp's description of the CPU features it runs with.</summary>
    public static string SystemInfo()
    {
        Require();
        return Whisper.net.WhisperFactory.GetRuntimeInfo()?.Trim() ?? "";
    }

    /// <summary>The languages the engine knows, by code.</summary>
    internal static IReadOnlySet<string> Languages => LanguageSet.Value;

    private static readonly Lazy<HashSet<string>> LanguageSet =
        new(() => Whisper.net.WhisperFactory.GetSupportedLanguages().ToHashSet(StringComparer.Ordinal));

    internal static void Require()
    {
        if (!IsAvailable(out var detail))
        {
            throw new WhisperException(WhisperErrorKind.EngineMissing, detail);
        }
    }

    private static (bool, string) Probe()
    {
        try
        {
            var info = Whisper.net.WhisperFactory.GetRuntimeInfo()?.Trim();
            var library = RuntimeOptions.LoadedLibrary?.ToString() ?? "?";
            return (true, $"Whisper.net {PackageVersion}, runtime {library}: {info}");
        }
        // The loader reports a missing or unloadable library (wrong CPU, old glibc) with several exception types;
        // each means the same here: no speech on this machine, everything else runs.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = $"the whisper runtime of Whisper.net {PackageVersion} could not be loaded: {ex.Message}";
            Volatile.Read(ref _log)?.Invoke("whisper: " + reason);
            return (false, reason);
        }
    }
}
