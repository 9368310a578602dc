using MeetingAssist.Host.Transcripts;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.LiveTranscript;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Minutes;

/// <summary>
/// The secretary's road from a finished meeting to an approved biên bản on the real server: the gaps are listed and
/// block approval, approval locks the record on the server, and an amendment keeps the approved version and its hash.
/// </summary>
public class MinutesApiTests
{
    public sealed record Played(int MeetingId, int FirstStatement, int SecondStatement, int Answer, int FollowUp, int Voided);

    /// <summary>
    /// The demo meeting played through the live service: two statements answered together by one department head,
    /// the first citizen's follow-up, and a floor given by mistake and undone. The live draft has text for some turns.
    /// </summary>
    public static async Task<Played> PlayDemoMeetingAsync(MeetingHostFactory host)
    {
        var live = host.Services.GetRequiredService<LiveMeetingService>();
        var factory = host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>();
        const int meetingId = 1;
        var chair = new Actor("chair", "chair");
        SpeakerRef responder;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var minh = await db.People.SingleAsync(p => p.Name == "Nguyễn Thị Minh");
            responder = minh.ToSpeaker();
        }
        await live.ExecuteAsync(meetingId, new StartMeeting(), chair);
        async Task<int> Turn(MeetingCommand command)
        {
            await live.ExecuteAsync(meetingId, command, chair);
            var turns = await live.TurnsAsync(meetingId);
            return turns[^1].TurnId;
        }
        var first = await Turn(new GiveFloor(null));
        await live.ExecuteAsync(meetingId, new EndTurn(), chair);
        var second = await Turn(new GiveFloor(null));
        await live.ExecuteAsync(meetingId, new EndTurn(), chair);
        var answer = await Turn(new CallResponder(responder));
        await live.ExecuteAsync(meetingId, new EndTurn(), chair);
        var statements = (await live.TurnsAsync(meetingId)).Where(t => t.Kind == TurnKind.Statement).ToList();
        var followUp = await Turn(new GiveFollowUp(statements[0].RequestId));
        await live.ExecuteAsync(meetingId, new EndTurn(), chair);
        var voided = await Turn(new GiveFloor(null));
        await live.ExecuteAsync(meetingId, new Undo(), chair);
        await live.ExecuteAsync(meetingId, new EndMeeting(), chair);

        await using (var db = await factory.CreateDbContextAsync())
        {
            // The live recogniser's passages go through the same store as in the hall, into the meeting's one transcript.
            var store = host.Services.GetRequiredService<LiveSegmentStore>();
            var turns = await db.FloorTurns.Where(t => t.MeetingId == meetingId).ToDictionaryAsync(t => t.TurnId);
            var offset = 0;
            Task Say(int turn, string text) => store.AddAsync(new LiveSegmentRow
            {
                MeetingId = meetingId, TurnId = turn, SpeakerName = turns[turn].SpeakerName, Text = text,
                StartMs = turns[turn].StartedAtMs + 500 + offset++, EndMs = turns[turn].StartedAtMs + 2500,
            }, CancellationToken.None);
            await Say(first, "Đường liên thôn xuống cấp,");
            await Say(first, "đề nghị xã sửa trước mùa mưa.");
            await Say(answer, "Xã sẽ sửa đường trong quý II.");
            await Say(voided, "Lời của người được mời nhầm.");
        }
        return new Played(meetingId, first, second, answer, followUp, voided);
    }

    public static object CompleteTexts(string conclusion) => new
    {
        opening = "Đồng chí Phó Chủ tịch UBND xã tuyên bố lý do, giới thiệu đại biểu.",
        introduction = "Chủ tọa nêu mục đích, yêu cầu của hội nghị.",
        noPetitionReport = true,
        attendance = new[] { new { group = "Nhân dân", count = 120 }, new { group = "Đại biểu", count = 15 } },
        conclusions = new[] { "", "", "", conclusion },
        recipients = "Thường trực Đảng ủy xã\nLưu: VT",
    };

    [Fact]
    public async Task SecretarysCorrections_AndASpeakerRenamedOnce_ReachTheMinutes()
    {
        await using var host = MeetingHostFactory.Start();
        var played = await PlayDemoMeetingAsync(host);
        var store = host.Services.GetRequiredService<TranscriptStore>();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>().CreateDbContextAsync())
        {
            var passage = await db.TranscriptPassages.Where(p => p.MeetingId == played.MeetingId && p.TurnId == played.Answer).SingleAsync();
            await store.EditAsync(played.MeetingId, passage.Id, passage.Version, "Xã sẽ sửa đường liên thôn trong quý II năm 2027.", "secretary", CancellationToken.None);
        }
        var turns = await host.Services.GetRequiredService<LiveMeetingService>().TurnsAsync(played.MeetingId);
        var recordedName = turns.Single(t => t.TurnId == played.FirstStatement).Speaker.Name;
        await store.RenameSpeakerAsync(played.MeetingId, recordedName, "Nguyễn Văn Bính", "secretary", CancellationToken.None);

        await using var secretary = await host.ClientAsync("secretary");
        var view = await secretary.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{played.MeetingId}/minutes/");
        var answer = view.GetProperty("turns").EnumerateArray().Single(t => t.GetProperty("turnId").GetInt32() == played.Answer);
        Assert.Equal("Xã sẽ sửa đường liên thôn trong quý II năm 2027.", answer.GetProperty("verbatim").GetString());
        var first = view.GetProperty("turns").EnumerateArray().Single(t => t.GetProperty("turnId").GetInt32() == played.FirstStatement);
        Assert.Contains("Nguyễn Văn Bính", first.GetProperty("header").GetString());
        Assert.DoesNotContain(recordedName, first.GetProperty("header").GetString());
    }

    [Fact]
    public async Task FromDraftToApproved_ProblemsBlock_ApprovalLocks_AmendmentKeepsTheApprovedVersion()
    {
        await using var host = MeetingHostFactory.Start();
        var played = await PlayDemoMeetingAsync(host);
        await using var secretary = await host.ClientAsync("secretary");
        var http = secretary.Http;
        var root = $"/api/meetings/{played.MeetingId}/minutes";

        var view = await http.GetFromJsonAsync<JsonElement>(root + "/");
        var turnIds = view.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("turnId").GetInt32()).ToList();
        Assert.Equal([played.FirstStatement, played.SecondStatement, played.Answer, played.FollowUp], turnIds);
        Assert.Equal("Đường liên thôn xuống cấp, đề nghị xã sửa trước mùa mưa.",
            view.GetProperty("turns")[0].GetProperty("verbatim").GetString());
        Assert.Contains("trả lời ý kiến của Nguyễn Văn Bình, Trần Thị Hương", view.GetProperty("turns")[2].GetProperty("header").GetString());

        // The second statement and the follow-up have no text: both are listed, and approval is refused.
        var problems = await http.GetFromJsonAsync<List<MinutesProblem>>(root + "/problems");
        Assert.Contains(problems!, p => p.TurnId == played.SecondStatement);
        Assert.Contains(problems!, p => p.TurnId == played.FollowUp);
        Assert.Contains(problems!, p => p.Field == "opening");
        var refused = await http.PostAsync(root + "/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("chỗ thiếu", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsJsonAsync(root + "/", CompleteTexts("Giao Phòng Kinh tế sửa đường trước 30/4."))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsJsonAsync($"{root}/turns/{played.SecondStatement}",
            new { mode = "Summary", summary = "Bà Hương đề nghị cấp sớm giấy chứng nhận quyền sử dụng đất." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsJsonAsync($"{root}/turns/{played.FollowUp}", new { mode = "HeaderOnly" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsJsonAsync($"{root}/turns/{played.Voided}", new { mode = "HeaderOnly" })).StatusCode);
        Assert.Empty((await http.GetFromJsonAsync<List<MinutesProblem>>(root + "/problems"))!);

        var approve = await http.PostAsync(root + "/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var first = await approve.Content.ReadFromJsonAsync<JsonElement>();
        var firstHash = first.GetProperty("sha256").GetString()!;
        var firstBytes = await http.GetByteArrayAsync(root + "/versions/1/docx");
        Assert.Equal(firstHash, Convert.ToHexStringLower(SHA256.HashData(firstBytes)));
        Assert.Equal(firstBytes, await http.GetByteArrayAsync(root + "/docx"));

        // Locked on the server: a direct call, not just the page, is refused.
        foreach (var change in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => http.PutAsJsonAsync(root + "/", CompleteTexts("Sửa lén sau khi duyệt.")),
                     () => http.PutAsJsonAsync($"{root}/turns/{played.FirstStatement}", new { mode = "Summary", summary = "Sửa lén." }),
                     () => http.PostAsync(root + "/approve", null),
                 })
        {
            var response = await change();
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        }
        var locked = await http.PutAsJsonAsync(root + "/", CompleteTexts("Sửa lén sau khi duyệt."));
        Assert.Equal(MinutesService.LockedMessage, (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await using (var admin = await host.ClientAsync("admin"))
            Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PutAsJsonAsync(root + "/", CompleteTexts("Quản trị sửa."))).StatusCode);
        await using (var chair = await host.ClientAsync("chair"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await chair.Http.PostAsync(root + "/amend", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await chair.Http.GetAsync(root + "/docx")).StatusCode);
        }

        // The amended version: editable again, approved as version 2; version 1 keeps its bytes and hash.
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(root + "/amend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsJsonAsync(root + "/", CompleteTexts("Giao Phòng Kinh tế sửa đường trước 15/4."))).StatusCode);
        var second = await (await http.PostAsync(root + "/approve", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, second.GetProperty("number").GetInt32());
        Assert.Equal("Bản sửa đổi lần 1", second.GetProperty("label").GetString());
        Assert.NotEqual(firstHash, second.GetProperty("sha256").GetString());
        Assert.Equal(firstBytes, await http.GetByteArrayAsync(root + "/versions/1/docx"));
        var versions = (await http.GetFromJsonAsync<JsonElement>(root + "/")).GetProperty("versions");
        Assert.Equal([firstHash, second.GetProperty("sha256").GetString()!], versions.EnumerateArray().Select(v => v.GetProperty("sha256").GetString()!));
    }

    [Fact]
    public async Task TranscriptExports_NameTheSpeakers_AndLeaveTheVoidedTurnOut()
    {
        await using var host = MeetingHostFactory.Start();
        await PlayDemoMeetingAsync(host);
        await using var secretary = await host.ClientAsync("secretary");
        var txt = await secretary.Http.GetStringAsync("/api/meetings/1/minutes/transcript/txt");
        Assert.Contains("Nguyễn Văn Bình (Thôn Đông) phát biểu về: Đường liên thôn xuống cấp, đề nghị sửa chữa trước mùa mưa\nĐường liên thôn xuống cấp, đề nghị xã sửa trước mùa mưa.", txt);
        Assert.Contains("Nguyễn Thị Minh, Trưởng phòng Kinh tế trả lời", txt);
        Assert.DoesNotContain("mời nhầm", txt);
        var srt = await secretary.Http.GetStringAsync("/api/meetings/1/minutes/transcript/srt");
        Assert.StartsWith("1\n00:", srt);
        Assert.Contains("Nguyễn Thị Minh (Phòng Kinh tế): Xã sẽ sửa đường trong quý II.", srt);
        var vtt = await secretary.Http.GetStringAsync("/api/meetings/1/minutes/transcript/vtt");
        Assert.StartsWith("WEBVTT\n\n", vtt);
        Assert.Contains("<v Nguyễn Văn Bình (Thôn Đông)>Đường liên thôn", vtt);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.Http.GetAsync("/api/meetings/1/minutes/transcript/docx")).StatusCode);
    }

    [Fact]
    public async Task Pdf_OfTheDraft_IsRenderedByLibreOffice()
    {
        Documents.PdfRenderingTests.RequireLibreOffice();
        await using var host = MeetingHostFactory.Start();
        await PlayDemoMeetingAsync(host);
        await using var secretary = await host.ClientAsync("secretary");
        var response = await secretary.Http.GetAsync("/api/meetings/1/minutes/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = await Documents.PdfRenderingTests.PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("BIÊN BẢN", text);
        Assert.Contains("Nguyễn Thị Minh", text);
    }

    [Fact]
    public async Task Pdf_WithoutLibreOffice_Is503InVietnamese_AndDocxStillWorks()
    {
        await using var host = MeetingHostFactory.Start(settings: new Dictionary<string, string?> { ["MeetingAssist:Pdf:SofficePath"] = "/nonexistent/soffice" });
        await using var secretary = await host.ClientAsync("secretary");
        var response = await secretary.Http.GetAsync("/api/meetings/1/minutes/pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; tệp DOCX vẫn tải được.",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await secretary.Http.GetAsync("/api/meetings/1/minutes/docx")).StatusCode);
        var view = await secretary.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/minutes/");
        Assert.False(view.GetProperty("pdfAvailable").GetBoolean());
    }
}
