using System.Diagnostics;

namespace MeetingAssist.Host.Documents;

/// <summary>LibreOffice is not installed, or a conversion failed: the message is Vietnamese and shown as it is.</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);

public sealed class PdfOptions
{
    /// <summary>The LibreOffice program; found on the PATH when not set.</summary>
    public string? SofficePath { get; set; }

    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// The one seam over LibreOffice: turns a DOCX into the same document as PDF with <c>soffice --headless</c>.
/// Conversions run one at a time (LibreOffice is heavy on a small hall machine), each with its own user profile in
/// a temporary folder (two profiles in use at once make soffice exit without converting) and a time limit after
/// which the whole process tree is killed. The file names are ours; nothing a user typed reaches the command line.
/// </summary>
public sealed class PdfRenderer(Microsoft.Extensions.Options.IOptions<PdfOptions> options, ILogger<PdfRenderer> log)
{
    public const string NotInstalledMessage = "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; tệp DOCX vẫn tải được.";
    public const string FailedMessage = "LibreOffice không chuyển được tài liệu sang PDF. Tệp DOCX vẫn tải được; hãy thử lại sau.";
    public const string TimedOutMessage = "LibreOffice chuyển tài liệu sang PDF quá lâu nên đã bị dừng. Tệp DOCX vẫn tải được; hãy thử lại.";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>The soffice program, or null when LibreOffice is not installed.</summary>
    public string? Soffice => FindSoffice(options.Value.SofficePath);

    public bool IsAvailable => Soffice is not null;

    public async Task<byte[]> RenderAsync(byte[] docx, CancellationToken ct)
    {
        var soffice = Soffice ?? throw new PdfUnavailableException(NotInstalledMessage);
        await _oneAtATime.WaitAsync(ct);
        var work = Directory.CreateTempSubdirectory("meetingassist-pdf-");
        try
        {
            var input = Path.Combine(work.FullName, "document.docx");
            var output = Path.Combine(work.FullName, "out");
            var profile = Path.Combine(work.FullName, "profile");
            await File.WriteAllBytesAsync(input, docx, ct);
            Directory.CreateDirectory(Path.Combine(profile, "user"));
            await File.WriteAllTextAsync(Path.Combine(profile, "user", "registrymodifications.xcu"), FontReplacementTable, ct);
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work.FullName,
            };
            foreach (var arg in new[]
                     {
                         "-env:UserInstallation=" + new Uri(profile + "/").AbsoluteUri, "--headless", "--norestore", "--nologo",
                         "--nodefault", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", output, input,
                     })
                start.ArgumentList.Add(arg);
            // LibreOffice writes its profile under HOME when the variable points nowhere useful; keep it in our folder.
            start.Environment["HOME"] = work.FullName;
            using var process = Process.Start(start) ?? throw new PdfUnavailableException(FailedMessage);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
                log.LogWarning("LibreOffice did not finish within {Seconds} s and was stopped.", options.Value.TimeoutSeconds);
                throw new PdfUnavailableException(TimedOutMessage);
            }
            var pdf = Path.Combine(output, "document.pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                log.LogWarning("LibreOffice exited with {Code} without a PDF: {Out} {Err}", process.ExitCode, await stdout, await stderr);
                throw new PdfUnavailableException(FailedMessage);
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            _oneAtATime.Release();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                log.LogWarning(ex, "Could not delete the conversion folder {Folder}.", work.FullName);
            }
        }
    }

    /// <summary>
    /// LibreOffice's own replacement table (Tools ▸ Options ▸ Fonts) in the fresh profile: Times New Roman is drawn
    /// with Tinos, its metric twin from fonts-croscore, which has every Vietnamese letter. Without it LibreOffice
    /// follows its built-in list and picks Liberation Serif whatever fontconfig prefers, and older Liberation
    /// releases lack letters such as "ể", which then come from another face. Tinos has the same widths, so the
    /// pages break where they would in Word with Times New Roman.
    /// </summary>
    private const string FontReplacementTable = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_0" oor:op="replace"><prop oor:name="Always" oor:op="fuse"><value>true</value></prop><prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop><prop oor:name="ReplaceFont" oor:op="fuse"><value>Times New Roman</value></prop><prop oor:name="SubstituteFont" oor:op="fuse"><value>Tinos</value></prop></node></item>
        </oor:items>
        """;

    private static string? FindSoffice(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "soffice", "libreoffice", "soffice.exe" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
