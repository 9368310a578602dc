using MeetingAssist.Host.People;
using System.Diagnostics;
using System.Net.Http.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.LiveTranscript;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Tests.Documents;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MeetingAssist.Host.Tests.Minutes;

/// <summary>
/// The demo meeting played in full (12 statements, an answer after every two, a passage of text per turn) and its
/// minutes built as DOCX and PDF, timed. The first page is left as a PNG for a person to look at.
/// </summary>
public class MinutesTimingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DemoMeetingMinutes_BuildAsDocxAndPdf_InReasonableTime()
    {
        PdfRenderingTests.RequireLibreOffice();
        await using var host = MeetingHostFactory.Start();
        var live = host.Services.GetRequiredService<LiveMeetingService>();
        var factory = host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>();
        var chair = new Actor("chair", "chair");
        List<SpeakerRef> responders;
        await using (var db = await factory.CreateDbContextAsync())
            responders = (await db.People.Where(p => p.Role == PersonRole.Responder).OrderBy(p => p.Id).ToListAsync()).Select(p => p.ToSpeaker()).ToList();
        await live.ExecuteAsync(1, new StartMeeting(), chair);
        for (var i = 0; i < 12; i++)
        {
            await live.ExecuteAsync(1, new GiveFloor(null), chair);
            await live.ExecuteAsync(1, new EndTurn(), chair);
            if (i % 2 == 1)
            {
                await live.ExecuteAsync(1, new CallResponder(responders[i / 2 % 2]), chair);
                await live.ExecuteAsync(1, new EndTurn(), chair);
            }
        }
        await live.ExecuteAsync(1, new EndMeeting(), chair);
        await using (var db = await factory.CreateDbContextAsync())
        {
            var store = host.Services.GetRequiredService<LiveSegmentStore>();
            foreach (var t in await db.FloorTurns.Where(t => t.MeetingId == 1).ToListAsync())
                await store.AddAsync(new LiveSegmentRow
                {
                    MeetingId = 1, TurnId = t.TurnId, SpeakerName = t.SpeakerName, StartMs = t.StartedAtMs, EndMs = t.StartedAtMs + 1000,
                    Text = "Kính thưa chủ tọa, thưa các vị đại biểu. Tôi xin phản ánh việc này đã kéo dài nhiều tháng, ảnh hưởng đến đời sống " +
                           "của bà con trong thôn; đề nghị xã sớm kiểm tra, giải quyết dứt điểm và trả lời bằng văn bản cho người dân được biết.",
                }, CancellationToken.None);
        }
        await using var secretary = await host.ClientAsync("secretary");
        (await secretary.Http.PutAsJsonAsync("/api/meetings/1/minutes/", MinutesApiTests.CompleteTexts("Giao các phòng chuyên môn trả lời bằng văn bản trong 10 ngày làm việc."))).EnsureSuccessStatusCode();

        var minutes = host.Services.GetRequiredService<MinutesService>();
        var composer = host.Services.GetRequiredService<MinutesComposer>();
        var renderer = host.Services.GetRequiredService<PdfRenderer>();
        byte[] docx = [];
        var docxTimes = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            var input = (await minutes.LoadAsync(1, CancellationToken.None))!;
            docx = DocxWriter.Write(composer.Compose(input));
            docxTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        byte[] pdf = [];
        var pdfTimes = new List<double>();
        for (var run = 0; run < 2; run++)
        {
            var watch = Stopwatch.StartNew();
            pdf = await renderer.RenderAsync(docx, CancellationToken.None);
            pdfTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        var png = await PdfRenderingTests.FirstPagePngAsync(pdf, "bien-ban-hoi-nghi-mau-trang-1");
        var pages = (await PdfRenderingTests.PdfTextAsync(pdf)).Split('\f').Count(p => p.Trim().Length > 0);
        output.WriteLine($"Demo meeting minutes: {pages} pages, DOCX {docx.Length:N0} bytes, PDF {pdf.Length:N0} bytes.");
        output.WriteLine($"Load + compose + DOCX (ms): {string.Join(", ", docxTimes.Select(t => t.ToString("F0")))}");
        output.WriteLine($"PDF through LibreOffice (ms): {string.Join(", ", pdfTimes.Select(t => t.ToString("F0")))}");
        output.WriteLine($"First page: {png}");
        Assert.True(pages >= 2, $"The demo minutes fill {pages} page(s).");
        Assert.True(docxTimes.Skip(1).Min() < 2_000, "Building the DOCX took over two seconds.");
        Assert.True(pdfTimes.Min() < 60_000, "Building the PDF took over a minute.");
    }
}
