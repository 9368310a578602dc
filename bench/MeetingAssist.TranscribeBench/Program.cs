using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Testing;

// Measures the speech engine (Whisper.net with its bundled whisper.cpp runtime) on generated models of the
// published base and small dimensions, and whisper-cli when one is given (--cli), on the same files.
// Each measurement runs in its own child process so peak memory is per run. Quantised files are made with
// whisper-quantize (--quantize) when they are not in the work folder yet.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["--generate", var size, var target])
{
    // Writes one generated model, so another program (e.g. the previous engine's bench) can use the same file.
    GgmlModelWriter.Write(target, size switch { "base" => GgmlModelSpec.Base, "small" => GgmlModelSpec.Small, _ => GgmlModelSpec.Tiny });
    return 0;
}

if (args is ["--one", var model, var audio, var threads, var maxTokens])
{
    return await Bench.RunOneAsync(model, audio, int.Parse(threads), int.Parse(maxTokens));
}

var options = BenchOptions.Parse(args);
return await Bench.RunAllAsync(options);

internal sealed record BenchOptions(string[] Models, string[] Quantizations, double[] Durations, int Threads, int MaxTokens, string WorkFolder, double[] LongDurationsForSmall, string? Cli, string? Quantize)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        double[] Numbers(string text) => text.Length == 0 ? [] : text.Split(',').Select(double.Parse).ToArray();
        return new BenchOptions(
            Get("--models", "base,small").Split(','),
            Get("--quant", "f16,q8_0").Split(','),
            Numbers(Get("--durations", "30,600")),
            int.Parse(Get("--threads", "2")),
            int.Parse(Get("--max-tokens", "150")),
            Get("--work", Path.Combine(Path.GetTempPath(), "meetingassist-bench")),
            Numbers(Get("--small-durations", "")),
            Get("--cli", "") is { Length: > 0 } cli ? cli : null,
            Get("--quantize", "") is { Length: > 0 } quantize ? quantize : null);
    }
}

internal static partial class Bench
{
    public static async Task<int> RunAllAsync(BenchOptions o)
    {
        if (!WhisperRuntime.IsAvailable(out var detail))
        {
            Console.Error.WriteLine(detail);
            return 1;
        }

        Directory.CreateDirectory(o.WorkFolder);
        Console.WriteLine($"# engine {detail}");
        Console.WriteLine($"# reference: {o.Cli ?? "none (pass --cli PATH/whisper-cli)"}");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, threads {o.Threads}, greedy, no fallback");

        var sentence = Path.Combine(o.WorkFolder, "sentence.wav");
        if (!File.Exists(sentence))
        {
            SpeechSamples.Speak(SpeechSamples.Sentence + " " + "Xin cảm ơn các đồng chí đã đến dự buổi tiếp xúc cử tri hôm nay.", sentence);
        }

        var rows = new List<string>();
        foreach (var model in o.Models)
        {
            var spec = model switch
            {
                "base" => GgmlModelSpec.Base,
                "small" => GgmlModelSpec.Small,
                "tiny" => GgmlModelSpec.Tiny,
                _ => throw new ArgumentException($"unknown model size '{model}'"),
            };
            var f16 = Path.Combine(o.WorkFolder, $"ggml-{model}-f16.bin");
            if (!File.Exists(f16))
            {
                Console.WriteLine($"# generating {f16}");
                GgmlModelWriter.Write(f16, spec);
            }

            var durations = model == "small" && o.LongDurationsForSmall.Length > 0 ? o.LongDurationsForSmall : o.Durations;
            foreach (var quant in o.Quantizations)
            {
                var path = f16;
                if (quant != "f16")
                {
                    path = Path.Combine(o.WorkFolder, $"ggml-{model}-{quant}.bin");
                    if (!File.Exists(path))
                    {
                        Console.WriteLine($"# quantising to {path}");
                        if (o.Quantize is null)
                        {
                            Console.WriteLine($"# skipping {quant}: {path} is missing and no --quantize tool was given");
                            continue;
                        }

                        SpeechSamples.RunTool(o.Quantize, "(a whisper-quantize binary)", [f16, path, quant]);
                    }
                }

                foreach (var seconds in durations)
                {
                    var wav = Path.Combine(o.WorkFolder, $"speech-{seconds}s.wav");
                    if (!File.Exists(wav))
                    {
                        SpeechSamples.Loop(sentence, wav, seconds);
                    }

                    // Same settings as whisper-cli (which has no per-window token cap), then the product's cap.
                    var same = await RunChildAsync(path, wav, o.Threads, maxTokens: 0);
                    var capped = await RunChildAsync(path, wav, o.Threads, o.MaxTokens);
                    var reference = o.Cli is null ? null : await RunCliAsync(o.Cli, path, wav, o.Threads);
                    var ratio = reference is null ? double.NaN : same.TranscribeSeconds / reference.TranscribeSeconds;
                    reference ??= new Measurement(double.NaN, double.NaN, double.NaN, double.NaN);
                    var row = $"| {model} | {quant} | {seconds:0} s | {same.LoadSeconds:0.00} / {reference.LoadSeconds:0.00} s | " +
                              $"{same.TranscribeSeconds:0.0} s (RTF {same.TranscribeSeconds / seconds:0.000}) | {reference.TranscribeSeconds:0.0} s (RTF {reference.TranscribeSeconds / seconds:0.000}) | " +
                              $"**{ratio:0.000}** | {capped.TranscribeSeconds:0.0} s (RTF {capped.TranscribeSeconds / seconds:0.000}) | " +
                              $"{same.EncodeMs:0} / {reference.EncodeMs:0} ms | {same.PeakMiB:0} / {reference.PeakMiB:0} MiB |";
                    Console.WriteLine(row);
                    rows.Add(row);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Model | Weights | Audio | Load ours / cli | Ours, same settings as cli | whisper-cli | Ours ÷ cli | Ours, max_tokens " + o.MaxTokens + " | Encoder per 30 s window ours / cli | Peak RSS ours / cli |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    public static async Task<int> RunOneAsync(string model, string audio, int threads, int maxTokens)
    {
        var samples = await AudioDecoder.DecodeFileAsync(audio);
        using var factory = WhisperFactory.FromPath(model);
        await using var processor = factory.CreateProcessor(new WhisperOptions
        {
            Threads = threads,
            MaxTokens = maxTokens,
            TemperatureIncrement = 0,
        });
        var watch = Stopwatch.StartNew();
        var segments = 0;
        await foreach (var _ in processor.ProcessAsync(samples))
        {
            segments++;
        }

        watch.Stop();
        var encode = await processor.MeasureEncoderAsync(samples);
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT {factory.LoadTime.TotalSeconds} {watch.Elapsed.TotalSeconds} {encode.TotalMilliseconds} {PeakMiB()} {segments}"));
        return 0;
    }

    private static async Task<Measurement> RunChildAsync(string model, string audio, int threads, int maxTokens)
    {
        var self = Environment.ProcessPath!;
        List<string> args = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Bench).Assembly.Location] : [];
        args.AddRange(["--one", model, audio, threads.ToString(), maxTokens.ToString()]);
        var (output, _) = await RunAsync(self, args);
        var line = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        var f = line.Split(' ').Skip(1).Select(double.Parse).ToArray();
        return new Measurement(f[0], f[1], f[2], f[3]);
    }

    private static async Task<Measurement> RunCliAsync(string cli, string model, string wav, int threads)
    {
        var (_, errors) = await RunAsync("/usr/bin/time",
            ["-v", cli, "-m", model, "-f", wav, "-t", threads.ToString(), "-l", "vi", "-bs", "1", "-bo", "1", "-nf", "-ng"]);
        double Ms(Regex regex) => double.Parse(regex.Match(errors) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"whisper-cli output lacks {regex}:\n{errors}"));
        var load = Ms(LoadTime()) / 1000;
        var total = Ms(TotalTime()) / 1000;
        return new Measurement(load, total - load, Ms(EncodeTime()), Ms(MaxRss()) / 1024);
    }

    private static async Task<(string Output, string Errors)> RunAsync(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await errors}");
        }

        return (await output, await errors);
    }

    private static double PeakMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }

    [GeneratedRegex(@"load time =\s*([\d.]+) ms")]
    private static partial Regex LoadTime();

    [GeneratedRegex(@"total time =\s*([\d.]+) ms")]
    private static partial Regex TotalTime();

    [GeneratedRegex(@"encode time =.*\(\s*([\d.]+) ms per run\)")]
    private static partial Regex EncodeTime();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();

    private sealed record Measurement(double LoadSeconds, double TranscribeSeconds, double EncodeMs, double PeakMiB);
}
