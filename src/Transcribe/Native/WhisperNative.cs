using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeetingAssist.Transcribe;

/// <summary>Finds and loads the whisper.cpp engine and our shim once, and says whether it is usable.</summary>
public static class WhisperNative
{
    /// <summary>The whisper.cpp release the shim and the model validator are written against.</summary>
    public const string EngineVersion = "1.9.1";

    /// <summary>Environment variable naming a folder that holds libwhisper.so and libma_whisper_shim.so.</summary>
    public const string LibraryFolderVariable = "MEETINGASSIST_WHISPER_LIB";

    internal const string WhisperLibrary = "whisper";
    internal const string ShimLibrary = "ma_whisper_shim";
    internal const int ExpectedShimAbi = 2;

    private static readonly Lock Gate = new();
    private static LoadResult? _result;
    private static Action<string>? _log;

    static WhisperNative()
    {
        NativeLibrary.SetDllImportResolver(typeof(WhisperNative).Assembly, Resolve);
    }

    /// <summary>Receives one line per probed path and the engine's own warnings and errors.</summary>
    public static Action<string>? Log
    {
        get => Volatile.Read(ref _log);
        set => Volatile.Write(ref _log, value);
    }

    /// <summary>Folders searched for the engine, in the order they are tried.</summary>
    public static IReadOnlyList<string> ProbeFolders()
    {
        var folders = new List<string>();
        var fromEnv = Environment.GetEnvironmentVariable(LibraryFolderVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            folders.Add(Path.GetFullPath(fromEnv));
        }

        folders.Add(Path.Combine(CacheRoot(), "whisper", $"{EngineVersion}-cpu", "lib"));
        folders.Add(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return folders;
    }

    /// <summary>Loads the engine if needed; false with a readable reason when it is not installed.</summary>
    public static bool IsAvailable(out string reason)
    {
        var result = Load();
        reason = result.Error ?? $"whisper.cpp {EngineVersion} loaded from {result.Folder}";
        return result.Error is null;
    }

    /// <summary>The folder the engine was loaded from, or null when it is not available.</summary>
    public static string? LoadedFrom => Load().Folder;

    /// <summary>whisper.cpp's description of the CPU features it was built with.</summary>
    public static string SystemInfo()
    {
        EnsureLoaded();
        return Marshal.PtrToStringUTF8(Imports.whisper_print_system_info()) ?? "";
    }

    internal static void EnsureLoaded()
    {
        var result = Load();
        if (result.Error is not null)
        {
            throw new WhisperEngineNotFoundException(result.Error);
        }
    }

    internal static string TakeNativeError()
    {
        var text = Marshal.PtrToStringUTF8(Imports.ma_last_error()) ?? "";
        Imports.ma_clear_error();
        return text.Trim();
    }

    private static LoadResult Load()
    {
        var existing = Volatile.Read(ref _result);
        if (existing is not null)
        {
            return existing;
        }

        lock (Gate)
        {
            _result ??= Probe();
            return _result;
        }
    }

    private static LoadResult Probe()
    {
        var whisperFile = LibraryFileName(WhisperLibrary);
        var shimFile = LibraryFileName(ShimLibrary);
        var tried = new List<string>();
        foreach (var folder in ProbeFolders())
        {
            var whisperPath = Path.Combine(folder, whisperFile);
            var shimPath = Path.Combine(folder, shimFile);
            var hasWhisper = File.Exists(whisperPath);
            var hasShim = File.Exists(shimPath);
            Log?.Invoke($"whisper: probing {folder}: {whisperFile} {(hasWhisper ? "found" : "missing")}, {shimFile} {(hasShim ? "found" : "missing")}");
            if (!hasWhisper || !hasShim)
            {
                tried.Add($"{folder} ({(hasWhisper ? "" : whisperFile + " missing ")}{(hasShim ? "" : shimFile + " missing")})".Replace(" )", ")"));
                continue;
            }

            try
            {
                // Loading libwhisper by full path first lets the shim's dependency resolve to this copy.
                var whisper = NativeLibrary.Load(whisperPath);
                var shim = NativeLibrary.Load(shimPath);
                var result = new LoadResult(folder, whisper, shim, null);
                Volatile.Write(ref _result, result);
                var abi = Imports.ma_shim_abi();
                if (abi != ExpectedShimAbi)
                {
                    return Fail($"{shimPath} has ABI {abi}, this build expects {ExpectedShimAbi}; rebuild it with scripts/build-whisper.sh");
                }

                var size = Imports.ma_options_size();
                if (size != Unsafe.SizeOf<Imports.MaOptions>())
                {
                    return Fail($"{shimPath} options struct is {size} bytes, managed mirror is {Unsafe.SizeOf<Imports.MaOptions>()}; rebuild it with scripts/build-whisper.sh");
                }

                unsafe
                {
                    Imports.ma_set_log(&OnNativeLog);
                }

                Log?.Invoke($"whisper: loaded engine from {folder}");
                return result;
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
            {
                Log?.Invoke($"whisper: could not load from {folder}: {ex.Message}");
                tried.Add($"{folder} (load failed: {ex.Message})");
            }
        }

        return Fail($"whisper.cpp engine not found: need {whisperFile} and {shimFile} in one folder. Tried: {string.Join("; ", tried)}. " +
                    $"Build it with scripts/build-whisper.sh, or set {LibraryFolderVariable} to the folder that holds them.");

        LoadResult Fail(string error)
        {
            Log?.Invoke($"whisper: {error}");
            return new LoadResult(null, 0, 0, error);
        }
    }

    private static string CacheRoot()
    {
        var configured = Environment.GetEnvironmentVariable("MEETINGASSIST_CACHE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "meetingassist");
    }

    private static string LibraryFileName(string name) =>
        OperatingSystem.IsWindows() ? $"{name}.dll" : OperatingSystem.IsMacOS() ? $"lib{name}.dylib" : $"lib{name}.so";

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName is not (WhisperLibrary or ShimLibrary))
        {
            return IntPtr.Zero;
        }

        var result = Load();
        if (result.Error is not null)
        {
            throw new WhisperEngineNotFoundException(result.Error);
        }

        return libraryName == WhisperLibrary ? result.Whisper : result.Shim;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnNativeLog(int level, byte* text)
    {
        // Info and debug lines are many per model load; warnings and errors are what an operator needs.
        const int warn = 3, error = 4;
        try
        {
            var log = Log;
            if (log is not null && level is warn or error && text is not null)
            {
                var line = Marshal.PtrToStringUTF8((IntPtr)text)?.TrimEnd();
                if (!string.IsNullOrEmpty(line))
                {
                    log($"whisper.cpp: {line}");
                }
            }
        }
        catch
        {
            // An exception must never unwind into native code.
        }
    }

    private sealed record LoadResult(string? Folder, IntPtr Whisper, IntPtr Shim, string? Error);
}
