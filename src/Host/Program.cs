var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "MeetingAssist");
app.Run();

public partial class Program;
