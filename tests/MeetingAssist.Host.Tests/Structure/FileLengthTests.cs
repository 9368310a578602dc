namespace MeetingAssist.Host.Tests.Structure;

/// <summary>
/// A source file over 300 lines is usually doing several jobs. Some have a reason to stay whole; that reason must be
/// written at the top of the file, where the next person to grow it will read it.
/// </summary>
public sealed class FileLengthTests
{
    private const int Limit = 300;
    private const string Reason = "Longer than 300 lines on purpose:";

    private static readonly string[] Extensions = [".cs", ".js", ".css", ".html"];

    /// <summary>Generated or third-party code: EF migrations, npm packages, build output, bundled libraries.</summary>
    private static readonly string[] NotOurs = ["/Migrations/", "/node_modules/", "/bin/", "/obj/", "/wwwroot/lib/"];

    [Fact]
    public void EveryLongSourceFile_StatesWhyAtItsTop()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Where(f => !NotOurs.Any(n => f.Replace('\\', '/').Contains(n, StringComparison.Ordinal)))
            .ToList();
        Assert.True(files.Count > 50, $"only {files.Count} source files found under {src}");

        var unexplained = files
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadAllLines(f)))
            .Where(f => f.Lines.Length > Limit && !f.Lines.Take(5).Any(l => l.Contains(Reason, StringComparison.Ordinal)))
            .Select(f => $"{f.File} ({f.Lines.Length} lines)")
            .ToList();
        Assert.True(unexplained.Count == 0,
            $"Over {Limit} lines without \"{Reason} …\" in the first five lines — split the file or say why it stays whole:\n" + string.Join("\n", unexplained));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MeetingAssist.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (MeetingAssist.sln) not found above " + AppContext.BaseDirectory);
    }
}
