using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Transcripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Transcripts;

public class TranscriptEditorApiTests
{
    private static long Id(JsonElement p) => p.GetProperty("id").GetInt64();
    private static int Version(JsonElement p) => p.GetProperty("version").GetInt32();
    private static string Text(JsonElement p) => p.GetProperty("text").GetString()!;

    [Fact]
    public async Task SaveAgainstAStaleVersion_IsRefused409_WithBothVersionsKept()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 4000, "tôi xin hỏi về con đường");
        var passage = (await m.PassagesAsync()).Single();
        await using var otherDevice = await m.Host.ClientAsync("secretary");

        var first = await m.Secretary.Http.PutAsJsonAsync(m.Api($"/passages/{Id(passage)}/text"), new { version = Version(passage), text = "Tôi xin hỏi về con đường thôn Đông." });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await otherDevice.Http.PutAsJsonAsync(m.Api($"/passages/{Id(passage)}/text"), new { version = Version(passage), text = "Tôi xin hỏi về đường." });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("người khác sửa", problem.GetProperty("detail").GetString());
        Assert.Equal("Tôi xin hỏi về con đường thôn Đông.", Text(problem.GetProperty("current")));
        Assert.Equal("Tôi xin hỏi về con đường thôn Đông.", Text(await m.PassageAsync(Id(passage))));
        var history = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api($"/passages/{Id(passage)}/history"));
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public async Task SecondLook_AfterAPersonsEdit_KeepsTheEdit_AndOffersTheMachineText()
    {
        await using var m = await EditorMeeting.StartAsync();
        var editedSegment = await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 3000, "ong hung thon dong");
        var machineSegment = await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 3000, m.FirstTurnStartMs + 5000, "xin cam on");
        var passages = await m.PassagesAsync();
        var edited = passages.Single(p => Text(p) == "ong hung thon dong");
        (await m.Secretary.Http.PutAsJsonAsync(m.Api($"/passages/{Id(edited)}/text"), new { version = Version(edited), text = "Ông Hùng, thôn Đông" })).EnsureSuccessStatusCode();

        await m.Store.ImproveAsync(m.MeetingId, editedSegment, r => r.Text = "ông hùng thôn đông", CancellationToken.None);
        await m.Store.ImproveAsync(m.MeetingId, machineSegment, r => r.Text = "xin cảm ơn", CancellationToken.None);

        var after = await m.PassagesAsync();
        var kept = after.Single(p => Id(p) == Id(edited));
        Assert.Equal("Ông Hùng, thôn Đông", Text(kept));
        Assert.True(kept.GetProperty("edited").GetBoolean());
        Assert.Equal("ông hùng thôn đông", kept.GetProperty("machineOffer").GetString());
        Assert.Contains(after, p => Text(p) == "xin cảm ơn");
    }

    [Fact]
    public async Task SplitMergeMoveAndRename_ShowInTheViewAndTheMinutesText()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 9000, "Kính thưa chủ tọa. Tôi hỏi về điện.");
        var p = (await m.PassagesAsync()).Single();
        var split = await m.Secretary.Http.PostAsJsonAsync(m.Api($"/passages/{Id(p)}/split"), new { version = Version(p), offset = 18 });
        var halves = await split.Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.NotNull(halves);
        Assert.Equal(["Kính thưa chủ tọa.", "Tôi hỏi về điện."], halves.Select(Text));

        var store = m.Host.Services.GetRequiredService<TranscriptStore>();
        Assert.Equal("Kính thưa chủ tọa. Tôi hỏi về điện.", (await store.CorrectedTextByTurnAsync(m.MeetingId, default))[m.FirstTurn]);

        var moved = await m.Secretary.Http.PutAsJsonAsync(m.Api($"/passages/{Id(halves[1])}/place"), new { version = Version(halves[1]), turnId = m.SecondTurn });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var text = await store.CorrectedTextByTurnAsync(m.MeetingId, default);
        Assert.Equal("Tôi hỏi về điện.", text[m.SecondTurn]);

        var back = await moved.Content.ReadFromJsonAsync<JsonElement>();
        (await m.Secretary.Http.PutAsJsonAsync(m.Api($"/passages/{Id(back)}/place"), new { version = Version(back), turnId = m.FirstTurn })).EnsureSuccessStatusCode();
        var first = await m.PassageAsync(Id(halves[0]));
        var second = await m.PassageAsync(Id(halves[1]));
        var merged = await m.Secretary.Http.PostAsJsonAsync(m.Api($"/passages/{Id(first)}/merge-next"),
            new { version = Version(first), nextId = Id(second), nextVersion = Version(second) });
        Assert.Equal("Kính thưa chủ tọa. Tôi hỏi về điện.", Text(await merged.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single(await m.PassagesAsync());

        var view = await m.ViewAsync();
        var oldName = view.GetProperty("turns").EnumerateArray().Single(t => t.GetProperty("turnId").GetInt32() == m.FirstTurn).GetProperty("speakerName").GetString();
        (await m.Secretary.Http.PostAsJsonAsync(m.Api("/rename-speaker"), new { from = oldName, to = "Ông Đặng Văn Tên Mới" })).EnsureSuccessStatusCode();
        view = await m.ViewAsync();
        Assert.Equal("Ông Đặng Văn Tên Mới", view.GetProperty("turns").EnumerateArray().Single(t => t.GetProperty("turnId").GetInt32() == m.FirstTurn).GetProperty("speakerName").GetString());
        Assert.Equal("Ông Đặng Văn Tên Mới", view.GetProperty("passages")[0].GetProperty("speakerName").GetString());
        Assert.Equal("Ông Đặng Văn Tên Mới", (await store.SpeakerRenamesAsync(m.MeetingId, default))[oldName!]);
    }

    [Fact]
    public async Task FindAndReplace_PreviewsThenAppliesOneRevisionPerPassage()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 2000, "thôn đông hoà có điện");
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 2000, m.FirstTurnStartMs + 3000, "Đông Hoà thiếu nước");
        var hits = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/find?term=" + Uri.EscapeDataString("đông hoà")));
        Assert.Equal(2, hits.GetArrayLength());
        var result = await m.Secretary.Http.PostAsJsonAsync(m.Api("/replace"), new { term = "đông hoà", replacement = "Đông Hòa" });
        Assert.Equal(2, (await result.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32());
        var passages = await m.PassagesAsync();
        Assert.Equal(["thôn Đông Hòa có điện", "Đông Hòa thiếu nước"], passages.Select(Text));
        foreach (var p in passages)
        {
            var history = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api($"/passages/{Id(p)}/history"));
            Assert.Equal("Replace", history.EnumerateArray().Single().GetProperty("operation").GetString());
        }
    }

    [Fact]
    public async Task UploadedRecording_AlignsToTurnsByItsStart_AndAcceptingNeverReplacesEditedText()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.SecondTurn, m.SecondTurnStartMs + 1000, m.SecondTurnStartMs + 3000, "máy nghe sai");
        var live = (await m.PassagesAsync()).Single();
        (await m.Secretary.Http.PutAsJsonAsync(m.Api($"/passages/{Id(live)}/text"), new { version = Version(live), text = "Thư ký đã sửa." })).EnsureSuccessStatusCode();
        int recordingId;
        await using (var db = await m.Host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>().CreateDbContextAsync())
        {
            var recording = new Recording { MeetingId = m.MeetingId, OriginalFileName = "ghi-am.wav", StoredPath = "recordings/none.wav", State = RecordingState.Done };
            db.Recordings.Add(recording);
            await db.SaveChangesAsync();
            recordingId = recording.Id;
            db.TranscriptSegments.AddRange(
                new TranscriptSegmentRow { MeetingId = m.MeetingId, RecordingId = recordingId, StartMs = 11_000, EndMs = 13_000, Text = "bản máy tốt hơn", ModelName = "m", Parameters = "" },
                new TranscriptSegmentRow { MeetingId = m.MeetingId, RecordingId = recordingId, StartMs = 14_000, EndMs = 15_000, Text = "câu mới", ModelName = "m", Parameters = "" });
            await db.SaveChangesAsync();
        }
        // The recorder was started 10 s before the (open) second turn.
        var start = m.SecondTurnStartMs - 10_000;
        var preview = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api($"/recordings/{recordingId}/offers?startMs={start}"));
        Assert.Equal("entered", preview.GetProperty("startSource").GetString());
        Assert.All(preview.GetProperty("placements").EnumerateArray(), p => Assert.Equal(m.SecondTurn, p.GetProperty("turnId").GetInt32()));
        var accepted = await m.Secretary.Http.PostAsJsonAsync(m.Api($"/recordings/{recordingId}/accept"), new { startMs = start });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var passages = await m.PassagesAsync();
        Assert.Equal(["Thư ký đã sửa.", "câu mới"], passages.Select(Text));
        Assert.Equal("bản máy tốt hơn", passages[0].GetProperty("machineOffer").GetString());
        Assert.Equal("Upload", passages[1].GetProperty("source").GetString());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("chair", HttpStatusCode.Forbidden)]
    [InlineData("desk", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task OnlySecretaryAndAdmin_ReadOrEdit(string? role, HttpStatusCode expected)
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 2000, "văn bản");
        var p = (await m.PassagesAsync()).Single();
        await using var client = await m.Host.ClientAsync(role);
        Assert.Equal(expected, (await client.Http.GetAsync(m.Api("/view"))).StatusCode);
        var edit = await client.Http.PutAsJsonAsync(m.Api($"/passages/{Id(p)}/text"), new { version = Version(p), text = "đổi" });
        Assert.Equal(expected, edit.StatusCode);
        Assert.Equal(role == "admin" ? "đổi" : "văn bản", Text(await m.PassageAsync(Id(p))));
    }

    [Fact]
    public async Task NullBodiesAndMissingFields_Are400InVietnamese_NeverA500()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 2000, "văn bản");
        var id = (await m.PassagesAsync()).Single().GetProperty("id").GetInt64();
        foreach (var (method, path) in new[] { ("PUT", $"/passages/{id}/text"), ("POST", $"/passages/{id}/split"), ("POST", "/replace"), ("POST", "/rename-speaker"), ("POST", "/recordings/1/accept") })
            foreach (var body in new[] { "null", "{}" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), m.Api(path)) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                var response = await m.Secretary.Http.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{method} {path} {body}: {(int)response.StatusCode}");
                var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
                Assert.Matches("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", detail);
            }
    }
}
