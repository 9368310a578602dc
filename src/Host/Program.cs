using MeetingAssist.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeetingAssist();
var app = builder.Build();
await app.PrepareDataAsync();
app.UseMeetingAssist();
app.Run();

public partial class Program;
