using System.Formats.Tar;
using System.IO.Compression;
using MeetingAssist.Host.Data;
using Microsoft.Data.Sqlite;

namespace MeetingAssist.Host.Backup;

/// <summary>
/// <c>backup ARCHIVE [--data FOLDER]</c> and <c>restore ARCHIVE [--data FOLDER]</c>: the whole data folder in one
/// .tar.gz. The database is copied with SQLite's online backup API, so a backup can run while the server serves
/// (it sees one consistent moment; commands after it are not in the archive). Recordings, the data-protection keys
/// (logins and phone tokens stay valid after a restore), the HTTPS certificate and the first passwords go in as files; speech models do
/// not (they are large and can be copied again).
/// </summary>
public static class BackupCommand
{
    public const int Ok = 0, Failed = 1, Usage = 2;

    private const string DatabaseName = "meetingassist.db";
    private static readonly string[] Folders = ["recordings", "keys", "https"];
    private static readonly string[] Files = [Access.InitialCredentials.FileName];

    private const string Help =
        "Cách dùng:\n" +
        "  backup TỆP.tar.gz [--data THƯ_MỤC]   sao lưu toàn bộ dữ liệu (cơ sở dữ liệu, ghi âm, khóa đăng nhập) khi máy chủ đang chạy\n" +
        "  restore TỆP.tar.gz [--data THƯ_MỤC]  khôi phục vào một thư mục dữ liệu chưa có cơ sở dữ liệu (máy chủ phải đang tắt)\n" +
        "  THƯ_MỤC mặc định: data (hoặc --MeetingAssist:Data:Folder=...). Mô hình nhận dạng không được sao lưu.";

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        if (args.Length < 2 || args[1] is "-h" or "--help")
        {
            await stdout.WriteLineAsync(Help);
            return args.Length < 2 ? Usage : Ok;
        }
        var folder = "data";
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Length) folder = args[++i];
            else if (args[i].StartsWith("--MeetingAssist:Data:Folder=", StringComparison.Ordinal)) folder = args[i][(args[i].IndexOf('=') + 1)..];
            else
            {
                await stderr.WriteLineAsync($"Không hiểu tham số: {args[i]}\n{Help}");
                return Usage;
            }
        }
        folder = Path.GetFullPath(folder);
        var archive = Path.GetFullPath(args[1]);
        try
        {
            if (args[0] == "backup")
            {
                var count = await BackupAsync(folder, archive);
                await stdout.WriteLineAsync($"Đã sao lưu {folder} vào {archive} ({count} tệp, {new FileInfo(archive).Length / 1024} KB).");
            }
            else
            {
                var count = await RestoreAsync(archive, folder);
                await stdout.WriteLineAsync($"Đã khôi phục {count} tệp từ {archive} vào {folder}.");
            }
            return Ok;
        }
        catch (BackupException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return Failed;
        }
    }

    /// <summary>Writes the archive; returns how many files it holds.</summary>
    public static async Task<int> BackupAsync(string dataFolder, string archive, CancellationToken ct = default)
    {
        var database = Path.Combine(dataFolder, DatabaseName);
        if (!File.Exists(database)) throw new BackupException($"Không có cơ sở dữ liệu trong {dataFolder}.");
        var snapshot = Path.Combine(Path.GetTempPath(), $"meetingassist-backup-{Guid.NewGuid():N}.db");
        try
        {
            // Pooling off: the files must be closed before they are read and deleted.
            using (var source = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
            using (var target = new SqliteConnection($"Data Source={snapshot};Pooling=False"))
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
            }
            var partial = archive + ".partial";
            var count = 0;
            await using (var file = File.Create(partial))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                await tar.WriteEntryAsync(snapshot, DatabaseName, ct);
                count++;
                foreach (var name in Files)
                {
                    var path = Path.Combine(dataFolder, name);
                    if (!File.Exists(path)) continue;
                    await tar.WriteEntryAsync(path, name, ct);
                    count++;
                }
                foreach (var sub in Folders)
                {
                    var root = Path.Combine(dataFolder, sub);
                    if (!Directory.Exists(root)) continue;
                    foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    {
                        // A live recording grows while it is read: the archive takes what is on disk now.
                        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                        var entry = new PaxTarEntry(TarEntryType.RegularFile, Path.GetRelativePath(dataFolder, path).Replace('\\', '/'))
                        {
                            DataStream = content,
                            ModificationTime = File.GetLastWriteTimeUtc(path),
                        };
                        await tar.WriteEntryAsync(entry, ct);
                        count++;
                    }
                }
            }
            File.Move(partial, archive, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    /// <summary>Unpacks the archive into a data folder that has no database yet; returns how many files it wrote.</summary>
    public static async Task<int> RestoreAsync(string archive, string dataFolder, CancellationToken ct = default)
    {
        if (!File.Exists(archive)) throw new BackupException($"Không tìm thấy tệp sao lưu {archive}.");
        if (File.Exists(Path.Combine(dataFolder, DatabaseName)))
            throw new BackupException($"Thư mục {dataFolder} đã có cơ sở dữ liệu; hãy khôi phục vào một thư mục trống để không ghi đè dữ liệu đang có.");
        Directory.CreateDirectory(dataFolder);
        var root = Path.GetFullPath(dataFolder) + Path.DirectorySeparatorChar;
        var staging = Path.Combine(dataFolder, $".restore-{Guid.NewGuid():N}");
        var count = 0;
        try
        {
            await using (var file = File.OpenRead(archive))
            await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            await using (var tar = new TarReader(gzip))
            {
                while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    if (entry.EntryType is TarEntryType.Directory) continue;
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                        throw new BackupException($"Tệp sao lưu có mục không phải tệp thường: {entry.Name}.");
                    // Only names inside the data folder: an archive must never write elsewhere ("../", absolute paths).
                    var target = Path.GetFullPath(Path.Combine(staging, entry.Name));
                    if (Path.IsPathRooted(entry.Name) || !target.StartsWith(Path.GetFullPath(staging) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                        throw new BackupException($"Tệp sao lưu có đường dẫn không hợp lệ: {entry.Name}.");
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await entry.ExtractToFileAsync(target, overwrite: false, ct);
                    count++;
                }
            }
            if (!File.Exists(Path.Combine(staging, DatabaseName)))
                throw new BackupException("Tệp sao lưu không có cơ sở dữ liệu của MeetingAssist.");
            // Everything was read without error: only now does it take the place of the data.
            foreach (var path in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
            {
                var destination = Path.Combine(root, Path.GetRelativePath(staging, path));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(path, destination, overwrite: true);
            }
            var credentials = Path.Combine(root, Access.InitialCredentials.FileName);
            if (File.Exists(credentials) && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return count;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new BackupException($"Tệp sao lưu bị hỏng hoặc không đúng định dạng: {ex.Message}");
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}

public sealed class BackupException(string message) : Exception(message);
