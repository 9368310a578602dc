using MeetingAssist.Host;
using MeetingAssist.Host.Transcripts;

// The command line transcribes a file without starting the web server.
if (args is ["transcribe", ..]) return await TranscribeCommand.RunAsync(args[1..]);
if (args is ["backup" or "restore", ..]) return await MeetingAssist.Host.Backup.BackupCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddMeetingAssist();
var app = builder.Build();
await app.PrepareDataAsync();
app.UseMeetingAssist();
app.Run();
return 0;

public partial class Program;
