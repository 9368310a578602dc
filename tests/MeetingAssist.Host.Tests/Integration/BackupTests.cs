using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Backup;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingAssist.Host.Tests.Integration;

public class BackupTests
{
    [Fact]
    public async Task Backup_WhileServing_RestoresOnAnotherServer_WithActionsRecordingsAndLogins()
    {
        var archive = Path.Combine(Path.GetTempPath(), $"ma-backup-{Guid.NewGuid():N}.tar.gz");
        var restored = MeetingHostFactory.NewDataFolder();
        int versionAtBackup;
        string phoneToken;
        int requestId;
        Dictionary<string, string> passwords;
        await using (var host = MeetingHostFactory.Start())
        {
            passwords = host.InitialPasswords();
            await using var chair = await host.ClientAsync("chair");
            await using var phone = await host.ClientAsync();
            var w = await chair.WatchAsync(1);
            await w.Invoke("StartMeeting");
            await w.Invoke("GiveFloor", (int?)null);
            var asked = await (await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { name = "Trần Thị Mơ", topic = "Hỏi về đường làng" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            requestId = asked.GetProperty("requestId").GetInt32();
            phoneToken = asked.GetProperty("token").GetString()!;
            versionAtBackup = (await w.Connection.InvokeAsync<MeetingAssist.Host.Queue.MeetingSnapshot>("Join", 1)).Version;
            var recording = Path.Combine(host.DataFolder, "recordings", "live", "1", "audio-1.ogg");
            Directory.CreateDirectory(Path.GetDirectoryName(recording)!);
            await File.WriteAllBytesAsync(recording, [1, 2, 3, 4, 5]);

            var output = new StringWriter();
            Assert.Equal(BackupCommand.Ok, await BackupCommand.RunAsync(["backup", archive, "--data", host.DataFolder], output, output));
            Assert.Contains("Đã sao lưu", output.ToString());
            // After the backup: not in the archive.
            await w.Invoke("EndTurn");
        }

        var log = new StringWriter();
        Assert.Equal(BackupCommand.Ok, await BackupCommand.RunAsync(["restore", archive, "--data", restored], log, log));
        Assert.Equal(BackupCommand.Failed, await BackupCommand.RunAsync(["restore", archive, "--data", restored], log, log));
        Assert.Contains("đã có cơ sở dữ liệu", log.ToString());

        await using var again = MeetingHostFactory.Start(restored);
        Assert.Equal(passwords, again.InitialPasswords());
        await using var chairAgain = await again.ClientAsync("chair");
        var snapshot = (await chairAgain.WatchAsync(1)).Initial!;
        Assert.Equal(versionAtBackup, snapshot.Version);
        Assert.NotNull(snapshot.Floor);
        Assert.Equal([1, 2, 3, 4, 5], await File.ReadAllBytesAsync(Path.Combine(restored, "recordings", "live", "1", "audio-1.ogg")));
        // The keys came along: the phone's token still reads its request.
        await using var phoneAgain = await again.ClientAsync();
        var status = await phoneAgain.Http.GetAsync($"/api/meetings/1/requests/{requestId}/status?token={Uri.EscapeDataString(phoneToken)}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        File.Delete(archive);
    }

    [Fact]
    public async Task Restore_RefusesAnArchiveThatWritesOutsideTheDataFolder()
    {
        var archive = Path.Combine(Path.GetTempPath(), $"ma-evil-{Guid.NewGuid():N}.tar.gz");
        var target = MeetingHostFactory.NewDataFolder();
        var outside = Path.Combine(Path.GetDirectoryName(target)!, "escaped-" + Guid.NewGuid().ToString("N")[..6]);
        await using (var file = File.Create(archive))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "meetingassist.db") { DataStream = new MemoryStream([1]) });
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "../" + Path.GetFileName(outside)) { DataStream = new MemoryStream([2]) });
        }
        var log = new StringWriter();
        Assert.Equal(BackupCommand.Failed, await BackupCommand.RunAsync(["restore", archive, "--data", target], log, log));
        Assert.Contains("đường dẫn không hợp lệ", log.ToString());
        Assert.False(File.Exists(outside));
        Assert.False(File.Exists(Path.Combine(target, "meetingassist.db")));
        File.Delete(archive);
    }
}
