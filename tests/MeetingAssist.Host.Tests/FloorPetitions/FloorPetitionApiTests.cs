using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.AspNetCore.SignalR;

namespace MeetingAssist.Host.Tests.FloorPetitions;

/// <summary>
/// Petitions at the meeting on the real server: the desk names a petition on a slip, the chair sees it, marks the
/// outcome through the registry's steps, and records a new petition from a statement turn exactly once.
/// </summary>
public class FloorPetitionApiTests
{
    private const int Demo = 1;

    private static async Task<int> CreateAsync(StaffClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/petitions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> DetailAsync(StaffClient client, int id) =>
        await client.Http.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");

    /// <summary>A petition taken to «đã giải quyết» by the registry's own transitions.</summary>
    private static async Task<int> ResolvedAsync(StaffClient desk)
    {
        var id = await CreateAsync(desk, new { kind = "Request", petitioner = "Phạm Văn Đức", content = "Cấp nước sạch xóm Bến.", department = "Phòng Kinh tế" });
        foreach (var step in new object[] { new { to = "Assigned" }, new { to = "Answered", answer = "Đã lắp đường ống." }, new { to = "AnsweredAtMeeting" }, new { to = "Resolved" } })
            (await desk.Http.PostAsJsonAsync($"/api/petitions/{id}/transition", step)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task DeskNamesAPetition_ChairSeesIt_MarksWalkTheSteps_RetryIsAnswered_AndCrossingOutcomesIsRefused()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        await using var chair = await host.ClientAsync("chair");
        var road = await CreateAsync(desk, new { kind = "Request", petitioner = "Lê Thị Hoa", address = "Thôn Đông", content = "Đường liên thôn Đông – Tây xuống cấp, xin sửa trước mùa mưa." });
        var closed = await ResolvedAsync(desk);

        // The picker: accent-free words, or the number; a closed petition of no meeting is not offered.
        var found = await desk.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{Demo}/floor-petitions?q=duong lien thon");
        Assert.Equal([road], found.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToArray());
        var byNumber = await desk.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{Demo}/floor-petitions?q=%23{road}");
        Assert.Equal(road, byNumber[0].GetProperty("id").GetInt32());
        var all = await desk.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{Demo}/floor-petitions");
        Assert.DoesNotContain(all.EnumerateArray(), p => p.GetProperty("id").GetInt32() == closed);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Http.GetAsync("/api/meetings/999/floor-petitions")).StatusCode);

        var deskHub = await desk.WatchAsync(Demo);
        var unknown = await Assert.ThrowsAsync<HubException>(() => deskHub.Invoke("Register", new RegisterInput(null, "Lê Thị Hoa", "Thôn Đông", "Đường liên thôn", null, null, 99999)));
        Assert.Contains("Không tìm thấy kiến nghị số 99999", unknown.Message);
        var refused = await Assert.ThrowsAsync<HubException>(() => deskHub.Invoke("Register", new RegisterInput(null, "Lê Thị Hoa", "Thôn Đông", "Đường liên thôn", null, null, closed)));
        Assert.Contains("đã giải quyết xong", refused.Message);
        var registered = await deskHub.WaitForVersionAsync(await deskHub.Invoke("Register",
            new RegisterInput(null, "Lê Thị Hoa", "Thôn Đông", "Đường liên thôn Đông – Tây xuống cấp", null, null, road)));
        var entry = registered.Queue.Single(r => r.Speaker.Name == "Lê Thị Hoa");
        Assert.Equal(road, entry.Petition!.Id);
        Assert.Equal("Lê Thị Hoa", entry.Petition.Petitioner);
        // The projector and the phones are not shown which petition a slip names.
        await using var anonymous = await host.ClientAsync();
        var publicView = (await anonymous.WatchAsync(Demo)).Initial!;
        Assert.Null(publicView.Queue.Single(r => r.RequestId == entry.RequestId).Petition);

        var chairHub = await chair.WatchAsync(Demo);
        await chairHub.Invoke("StartMeeting");
        var speaking = await chairHub.WaitForVersionAsync(await chairHub.Invoke("GiveFloor", entry.RequestId));
        Assert.Equal(road, speaking.Floor!.Petition!.Id);
        var turnId = speaking.Floor.TurnId;
        var panel = await chair.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{Demo}/turn-petitions");
        Assert.Equal(turnId, panel.GetProperty("turnId").GetInt32());
        Assert.True(panel.GetProperty("current").GetBoolean());
        Assert.Equal(road, panel.GetProperty("referenced").GetProperty("id").GetInt32());
        Assert.Equal(3, panel.GetProperty("referenced").GetProperty("marksAllowed").GetArrayLength());

        // The head of the economy department answers; the chair marks it answered here while the answer is on the floor.
        await chairHub.Invoke("EndTurn");
        var minh = speaking.Responders!.Single(r => r.Name == "Nguyễn Thị Minh");
        await chairHub.Invoke("CallResponder", minh.PersonId, new[] { entry.RequestId });
        var mark = new { petitionId = road, mark = "AnsweredAtMeeting", key = "mark-road-1" };
        var marked = await chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{turnId}/mark", mark);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var result = await JsonOf(marked);
        Assert.True(result.GetProperty("changed").GetBoolean());
        Assert.Equal("AnsweredAtMeeting", result.GetProperty("panel").GetProperty("referenced").GetProperty("status").GetString());

        var retry = await JsonOf(await chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{turnId}/mark", mark));
        Assert.False(retry.GetProperty("changed").GetBoolean());

        var detail = await DetailAsync(chair, road);
        Assert.Equal("Phòng Kinh tế", detail.GetProperty("petition").GetProperty("department").GetString());
        Assert.Equal(Demo, detail.GetProperty("petition").GetProperty("meetingId").GetInt32());
        Assert.Contains("Nguyễn Thị Minh", detail.GetProperty("answer").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(
            [("Mới", "Mới"), ("Mới", "Đã phân công"), ("Đã phân công", "Đã có trả lời"), ("Đã có trả lời", "Trả lời tại hội nghị")],
            history.Select(h => (h.GetProperty("from").GetString(), h.GetProperty("to").GetString())).ToList());
        foreach (var step in history.Skip(1))
        {
            Assert.Equal("chair", step.GetProperty("by").GetString());
            Assert.Contains($"(số {Demo})", step.GetProperty("note").GetString());
            Assert.Contains($"lượt phát biểu số {turnId} của Lê Thị Hoa", step.GetProperty("note").GetString());
        }

        var across = await chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{turnId}/mark", new { petitionId = road, mark = "WrittenAnswerNeeded", key = "mark-road-2" });
        Assert.Equal(HttpStatusCode.Conflict, across.StatusCode);
        Assert.Contains("không thể chuyển sang «Cần trả lời bằng văn bản»", (await JsonOf(across)).GetProperty("detail").GetString());
        Assert.Equal(4, (await DetailAsync(chair, road)).GetProperty("history").GetArrayLength());

        var notOfTurn = await chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{turnId}/mark", new { petitionId = closed, mark = "ForwardedUp" });
        Assert.Equal(HttpStatusCode.NotFound, notOfTurn.StatusCode);
        var notAMark = await chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{turnId}/mark", new { petitionId = road, mark = "Resolved" });
        Assert.Equal(HttpStatusCode.BadRequest, notAMark.StatusCode);
        var badKey = await chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{turnId}/mark", new { petitionId = road, mark = "ForwardedUp", key = "<script>" });
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.Http.GetAsync($"/api/meetings/{Demo}/turn-petitions?turnId=99999")).StatusCode);
    }

    [Fact]
    public async Task RecordingFromATurn_CreatesOnePetition_ASecondTapOrRetryFindsIt()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var hub = await chair.WatchAsync(Demo);
        await hub.Invoke("StartMeeting");
        // Before anyone has spoken there is no turn to show.
        var none = await chair.Http.GetAsync($"/api/meetings/{Demo}/turn-petitions");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.True((await none.Content.ReadAsStringAsync()) is "" or "null");
        var floor = (await hub.WaitForVersionAsync(await hub.Invoke("GiveFloor", (int?)null))).Floor!;
        Assert.Equal(JsonValueKind.Null, (await chair.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{Demo}/turn-petitions")).GetProperty("recorded").ValueKind);

        var url = $"/api/meetings/{Demo}/turn-petitions/{floor.TurnId}/record";
        var first = await JsonOf(await chair.Http.PostAsJsonAsync(url, new { key = "record-1" }));
        var secondTap = await JsonOf(await chair.Http.PostAsJsonAsync(url, new { key = "record-2" }));
        var retry = await JsonOf(await chair.Http.PostAsJsonAsync(url, new { key = "record-1" }));

        var id = first.GetProperty("petitionId").GetInt32();
        Assert.True(first.GetProperty("created").GetBoolean());
        Assert.False(secondTap.GetProperty("created").GetBoolean());
        Assert.Contains($"đã có kiến nghị số {id}", secondTap.GetProperty("message").GetString());
        Assert.False(retry.GetProperty("created").GetBoolean());
        Assert.Equal(id, secondTap.GetProperty("petitionId").GetInt32());
        Assert.Equal(id, retry.GetProperty("petitionId").GetInt32());
        Assert.Equal(1, (await chair.Http.GetFromJsonAsync<JsonElement>($"/api/petitions?meetingId={Demo}")).GetProperty("total").GetInt32());

        var detail = await DetailAsync(chair, id);
        var petition = detail.GetProperty("petition");
        Assert.Equal(floor.Speaker.Name, petition.GetProperty("petitioner").GetString());
        Assert.Equal(floor.Speaker.Affiliation, petition.GetProperty("address").GetString());
        Assert.Equal(floor.Topic, petition.GetProperty("content").GetString());
        Assert.Equal("AtMeeting", petition.GetProperty("source").GetString());
        Assert.Equal("New", petition.GetProperty("status").GetString());
        Assert.Equal(Demo, petition.GetProperty("meetingId").GetInt32());
        Assert.Equal(floor.TurnId, detail.GetProperty("floorTurnId").GetInt32());
        Assert.Equal(floor.StartedAtMs, detail.GetProperty("audioMs").GetInt64());
        Assert.Contains($"lượt phát biểu số {floor.TurnId}", detail.GetProperty("history")[0].GetProperty("note").GetString());

        // A later statement becomes the panel's default; the earlier one stays reachable by its turn.
        await hub.Invoke("EndTurn");
        var next = (await hub.WaitForVersionAsync(await hub.Invoke("GiveFloor", (int?)null))).Floor!;
        var latest = await chair.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{Demo}/turn-petitions");
        Assert.Equal(next.TurnId, latest.GetProperty("turnId").GetInt32());
        Assert.Equal([next.TurnId, floor.TurnId], latest.GetProperty("recent").EnumerateArray().Select(t => t.GetProperty("turnId").GetInt32()).ToArray());
        var earlier = await chair.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{Demo}/turn-petitions?turnId={floor.TurnId}");
        Assert.Equal(id, earlier.GetProperty("recorded").GetProperty("id").GetInt32());
        Assert.False(earlier.GetProperty("current").GetBoolean());

        // The key of one command cannot be spent on another.
        var reused = await chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{floor.TurnId}/mark", new { petitionId = id, mark = "ForwardedUp", key = "record-1" });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
    }

    [Fact]
    public async Task ConcurrentTaps_StillMakeOnePetition()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var hub = await chair.WatchAsync(Demo);
        await hub.Invoke("StartMeeting");
        var floor = (await hub.WaitForVersionAsync(await hub.Invoke("GiveFloor", (int?)null))).Floor!;

        var taps = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            chair.Http.PostAsJsonAsync($"/api/meetings/{Demo}/turn-petitions/{floor.TurnId}/record", new { key = $"tap-{i}" })));

        Assert.All(taps, t => Assert.Equal(HttpStatusCode.OK, t.StatusCode));
        var ids = new HashSet<int>();
        foreach (var t in taps) ids.Add((await JsonOf(t)).GetProperty("petitionId").GetInt32());
        Assert.Single(ids);
        Assert.Equal(1, (await chair.Http.GetFromJsonAsync<JsonElement>($"/api/petitions?meetingId={Demo}")).GetProperty("total").GetInt32());
    }
}
