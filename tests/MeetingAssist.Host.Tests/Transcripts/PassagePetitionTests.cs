using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MeetingAssist.Host.Tests.Transcripts;

/// <summary>A passage marked "kiến nghị" in the editor becomes one draft petition in the registry, linked back to the audio.</summary>
public class PassagePetitionTests
{
    private static long Id(JsonElement p) => p.GetProperty("id").GetInt64();
    private static int Version(JsonElement p) => p.GetProperty("version").GetInt32();

    private static async Task<JsonElement> MarkAsync(EditorMeeting m, JsonElement passage, string mark)
    {
        var response = await m.Secretary.Http.PutAsJsonAsync(m.Api($"/passages/{Id(passage)}/mark"), new { version = Version(passage), mark });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> PetitionsOfAsync(EditorMeeting m) =>
        await m.Secretary.Http.GetFromJsonAsync<JsonElement>($"/api/petitions?meetingId={m.MeetingId}");

    [Fact]
    public async Task MarkingAPetition_CreatesOneDraftPetition_WithSpeakerTextMeetingAndAudioTime()
    {
        await using var m = await EditorMeeting.StartAsync();
        var startMs = m.FirstTurnStartMs + 2000;
        await m.AddLiveAsync(m.FirstTurn, startMs, startMs + 4000, "Đề nghị xã sửa cống thoát nước ở xóm Bến.");
        var passage = (await m.PassagesAsync()).Single();
        var turn = (await m.ViewAsync()).GetProperty("turns").EnumerateArray().Single(t => t.GetProperty("turnId").GetInt32() == m.FirstTurn);

        var marked = await MarkAsync(m, passage, "Petition");

        var petitionId = marked.GetProperty("petitionId").GetInt32();
        var list = await PetitionsOfAsync(m);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var detail = await m.Secretary.Http.GetFromJsonAsync<JsonElement>($"/api/petitions/{petitionId}");
        var petition = detail.GetProperty("petition");
        Assert.Equal(turn.GetProperty("speakerName").GetString(), petition.GetProperty("petitioner").GetString());
        Assert.Equal(turn.GetProperty("affiliation").GetString(), petition.GetProperty("address").GetString());
        Assert.Equal("Đề nghị xã sửa cống thoát nước ở xóm Bến.", petition.GetProperty("content").GetString());
        Assert.Equal("New", petition.GetProperty("status").GetString());
        Assert.Equal("Request", petition.GetProperty("kind").GetString());
        Assert.Equal("AtMeeting", petition.GetProperty("source").GetString());
        Assert.Equal(m.MeetingId, petition.GetProperty("meetingId").GetInt32());
        Assert.Equal(m.FirstTurn, detail.GetProperty("floorTurnId").GetInt32());
        Assert.Equal(startMs, detail.GetProperty("audioMs").GetInt64());
        var note = detail.GetProperty("history")[0].GetProperty("note").GetString()!;
        Assert.Contains($"đoạn số {Id(passage)}", note);
        Assert.Contains($"(số {m.MeetingId})", note);
    }

    [Fact]
    public async Task MarkingTwice_UnmarkingAndMarkingAgain_KeepsOnePetition()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 3000, "Kiến nghị làm đèn đường.");
        var passage = (await m.PassagesAsync()).Single();

        var first = await MarkAsync(m, passage, "Petition");
        var again = await MarkAsync(m, first, "Petition");
        var unmarked = await MarkAsync(m, again, "None");
        var remarked = await MarkAsync(m, unmarked, "Petition");

        Assert.Equal(1, (await PetitionsOfAsync(m)).GetProperty("total").GetInt32());
        Assert.Equal(first.GetProperty("petitionId").GetInt32(), remarked.GetProperty("petitionId").GetInt32());
        Assert.Equal(first.GetProperty("petitionId").GetInt32(), (await m.PassageAsync(Id(passage))).GetProperty("petitionId").GetInt32());
    }

    [Fact]
    public async Task ATurnTheChairAlreadyRecorded_LinksThePassageToThatPetition_InsteadOfASecond()
    {
        await using var m = await EditorMeeting.StartAsync();
        await using var chair = await m.Host.ClientAsync("chair");
        var recorded = await chair.Http.PostAsJsonAsync($"/api/meetings/{m.MeetingId}/turn-petitions/{m.FirstTurn}/record", new { key = "chair-record" });
        var chairs = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("petitionId").GetInt32();
        var spokenAt = m.FirstTurnStartMs + 1500;
        await m.AddLiveAsync(m.FirstTurn, spokenAt, spokenAt + 3000, "Xin xã làm đèn chiếu sáng đường xóm Bến.");
        await m.AddLiveAsync(m.FirstTurn, spokenAt + 4000, spokenAt + 6000, "Và nạo vét kênh tưới tiêu.");
        var passages = await m.PassagesAsync();

        var marked = await MarkAsync(m, passages[0], "Petition");

        Assert.Equal(chairs, marked.GetProperty("petitionId").GetInt32());
        Assert.Equal(1, (await PetitionsOfAsync(m)).GetProperty("total").GetInt32());
        var detail = await m.Secretary.Http.GetFromJsonAsync<JsonElement>($"/api/petitions/{chairs}");
        Assert.Equal(spokenAt, detail.GetProperty("audioMs").GetInt64());
        Assert.Contains("không tạo kiến nghị thứ hai", detail.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());

        // Another passage of the same turn is another petition the secretary chose to make: the chair's is taken.
        var second = await MarkAsync(m, passages[1], "Petition");
        Assert.NotEqual(chairs, second.GetProperty("petitionId").GetInt32());
        Assert.Equal(2, (await PetitionsOfAsync(m)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task OtherMarks_CreateNoPetition()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 1000, m.FirstTurnStartMs + 3000, "Tôi xin trả lời như sau.");
        var marked = await MarkAsync(m, (await m.PassagesAsync()).Single(), "Answer");
        Assert.Equal(JsonValueKind.Null, marked.GetProperty("petitionId").ValueKind);
        Assert.Equal(0, (await PetitionsOfAsync(m)).GetProperty("total").GetInt32());
    }
}
