using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.MeetingDocuments;

/// <summary>The documents through the real server: every kind as a valid DOCX, unknown kinds and ids, who may read what.</summary>
public class MeetingDocumentApiTests
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static async Task<int> CreateAsync(StaffClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/petitions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task EveryKind_IsAValidStateDocument_UnknownKindsAndIdsAre404_AndADepartmentReadsOnlyItsOwnReplies()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        await using var desk = await host.ClientAsync("desk");
        var accounts = await admin.Http.GetFromJsonAsync<JsonElement>("/api/petitions/department-accounts");
        var departmentUser = accounts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "department").GetProperty("userId").GetInt32();
        (await admin.Http.PutAsJsonAsync($"/api/petitions/department-accounts/{departmentUser}", new { department = "Phòng Kinh tế" })).EnsureSuccessStatusCode();

        // The demo meeting (id 1) gets three petitions: one answered by the Phòng Kinh tế, one of another department, one not yet answered.
        var road = await CreateAsync(desk, new { kind = "Request", petitioner = "Nguyễn Văn An", address = "Thôn Đông", source = "Letter", field = "Hạ tầng giao thông – thủy lợi", content = "Đường thôn Đông xuống cấp.", meetingId = 1 });
        var land = await CreateAsync(desk, new { kind = "Request", petitioner = "Trần Thị Bình", address = "Thôn Tây", source = "FatherlandFront", field = "Đất đai", content = "Chậm cấp giấy chứng nhận.", meetingId = 1 });
        var light = await CreateAsync(desk, new { kind = "Request", petitioner = "Hoàng Văn Em", address = "Tổ dân phố 3", source = "PublicPage", field = "Môi trường", content = "Xin lắp đèn đường.", meetingId = 1 });
        (await desk.Http.PostAsJsonAsync("/api/petitions/bulk-assign", new { ids = new[] { road, light }, department = "Phòng Kinh tế" })).EnsureSuccessStatusCode();
        (await desk.Http.PostAsJsonAsync("/api/petitions/bulk-assign", new { ids = new[] { land }, department = "Phòng Tài nguyên và Môi trường" })).EnsureSuccessStatusCode();
        (await desk.Http.PostAsJsonAsync($"/api/petitions/{road}/transition", new { to = "Answered", answer = "Xã sửa đường thôn Đông trong quý II." })).EnsureSuccessStatusCode();
        (await desk.Http.PostAsJsonAsync($"/api/petitions/{land}/transition", new { to = "Answered", answer = "Giấy chứng nhận được cấp trong tháng 5." })).EnsureSuccessStatusCode();

        var list = await desk.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/documents");
        var documents = list.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["thong-bao", "giay-moi", "phieu-hoi", "bao-cao-tra-loi", "thong-bao-ket-luan", "bao-cao-cap-tren"],
            documents.Select(d => d.GetProperty("kind").GetString()));
        Assert.StartsWith("Ban hành chậm nhất ", documents[0].GetProperty("due").GetString());

        foreach (var document in documents)
        {
            var response = await desk.Http.GetAsync(document.GetProperty("docxUrl").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(DocxType, response.Content.Headers.ContentType?.MediaType);
            var docx = await response.Content.ReadAsByteArrayAsync();
            var title = document.GetProperty("kind").GetString() switch
            {
                "thong-bao" or "thong-bao-ket-luan" => "THÔNG BÁO",
                "giay-moi" => "GIẤY MỜI",
                "phieu-hoi" => "PHIẾU HỎI Ý KIẾN",
                _ => "BÁO CÁO",
            };
            StateFormatChecklist.Check(docx, title);
        }
        var report = StateFormatChecklist.Texts(await desk.Http.GetByteArrayAsync("/api/meetings/1/documents/bao-cao-tra-loi.docx"));
        Assert.Contains("Tổng số: 3 ý kiến, kiến nghị (3 kiến nghị, 0 ý kiến), thuộc 3 lĩnh vực.", report);
        Assert.Contains("Trả lời (Phòng Kinh tế): Xã sửa đường thôn Đông trong quý II.", report);
        var notice = StateFormatChecklist.Texts(await desk.Http.GetByteArrayAsync("/api/meetings/1/documents/thong-bao.docx"));
        Assert.Contains(notice, t => t.Contains("/opinion?m=1", StringComparison.Ordinal));

        var unknown = await desk.Http.GetAsync("/api/meetings/1/documents/..%2F..%2Fetc%2Fpasswd.docx");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("Không có loại văn bản này.", await DetailOf(unknown));
        var noMeeting = await desk.Http.GetAsync("/api/meetings/987654/documents/thong-bao.docx");
        Assert.Equal(HttpStatusCode.NotFound, noMeeting.StatusCode);
        Assert.Equal("Không tìm thấy hội nghị.", await DetailOf(noMeeting));
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Http.GetAsync("/api/meetings/987654/documents")).StatusCode);

        // The reply: its department reads it, another department's reply is the same 404 as a petition that does not exist.
        await using var department = await host.ClientAsync("department");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.Http.GetAsync("/api/meetings/1/documents/thong-bao-ket-luan.docx")).StatusCode);
        var own = await department.Http.GetAsync($"/api/petitions/{road}/reply.docx");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var reply = await own.Content.ReadAsByteArrayAsync();
        StateFormatChecklist.CheckLetter(reply, new("V/v trả lời kiến nghị của ông (bà) Nguyễn Văn An", "Ông (bà) Nguyễn Văn An, Thôn Đông"));
        var replyTexts = StateFormatChecklist.Texts(reply);
        Assert.Contains("PHÒNG KINH TẾ", replyTexts);
        Assert.Contains("Xã sửa đường thôn Đông trong quý II.", replyTexts);
        // The Phòng Kinh tế's head is one of the demo meeting's responders: her name is printed under the signature.
        Assert.Contains("Nguyễn Thị Minh", replyTexts);
        var other = await department.Http.GetAsync($"/api/petitions/{land}/reply.docx");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("Không tìm thấy kiến nghị.", await DetailOf(other));
        Assert.Equal(HttpStatusCode.OK, (await desk.Http.GetAsync($"/api/petitions/{land}/reply.docx")).StatusCode);
        var unanswered = await department.Http.GetAsync($"/api/petitions/{light}/reply.docx");
        Assert.Equal(HttpStatusCode.Conflict, unanswered.StatusCode);
        Assert.Equal("Kiến nghị chưa có nội dung trả lời; hãy nhập trả lời trước khi in văn bản.", await DetailOf(unanswered));
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Http.GetAsync("/api/petitions/987654/reply.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await host.ClientAsync()).Http.GetAsync($"/api/petitions/{road}/reply.docx")).StatusCode);
    }

    [Fact]
    public async Task TheOfficeChoosesTheInvitees_FromRespondersDelegatesAndDepartments_AndTheInvitationPrintsThem()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        await CreateAsync(desk, new { kind = "Request", petitioner = "Trần Thị Bình", address = "Thôn Tây", source = "FatherlandFront", field = "Đất đai", content = "Chậm cấp giấy chứng nhận.", meetingId = 1 });
        var land = await CreateAsync(desk, new { kind = "Request", petitioner = "Lê Văn Cường", address = "Thôn Bắc", source = "Letter", field = "Đất đai", content = "Tranh chấp ranh giới.", meetingId = 1 });
        (await desk.Http.PostAsJsonAsync("/api/petitions/bulk-assign", new { ids = new[] { land }, department = "Phòng Tài nguyên và Môi trường" })).EnsureSuccessStatusCode();
        var factory = host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var draft = await db.Set<MinutesDraft>().FirstOrDefaultAsync(d => d.MeetingId == 1);
            if (draft is null) db.Set<MinutesDraft>().Add(draft = new MinutesDraft { MeetingId = 1 });
            draft.Delegates = "Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã\nBà Lê Thị Hoa, Chủ tịch Hội Phụ nữ xã";
            await db.SaveChangesAsync();
        }

        // Before the office chooses: the default (the responders, then departments without a head among them), and what it may tick.
        var before = await desk.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/invitation");
        Assert.False(before.GetProperty("chosen").GetBoolean());
        Assert.Contains("Lãnh đạo Phòng Tài nguyên và Môi trường", before.GetProperty("invitees").EnumerateArray().Select(e => e.GetString()));
        var candidates = before.GetProperty("candidates").EnumerateArray().Select(c => (c.GetProperty("group").GetString(), c.GetProperty("text").GetString())).ToList();
        Assert.Contains(("Đại biểu", "Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã"), candidates);
        Assert.Contains(("Đại biểu", "Bà Lê Thị Hoa, Chủ tịch Hội Phụ nữ xã"), candidates);
        Assert.Contains(("Phòng ban", "Lãnh đạo Phòng Tài nguyên và Môi trường"), candidates);
        Assert.Contains(candidates, c => c.Item1 == "Người trả lời");

        // A delegate, a department, a line typed as it would be printed (its marks are the document's) and a repeat.
        var saved = await desk.Http.PutAsJsonAsync("/api/meetings/1/invitation", new
        {
            invitees = new[] { "Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã", "Lãnh đạo Phòng Tài nguyên và Môi trường", "- Bí thư Chi bộ thôn Đông;", "  ", "Lãnh đạo Phòng Tài nguyên và Môi trường" },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("chosen").GetBoolean());
        Assert.Equal(["Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã", "Lãnh đạo Phòng Tài nguyên và Môi trường", "Bí thư Chi bộ thôn Đông"],
            view.GetProperty("invitees").EnumerateArray().Select(e => e.GetString()));

        var docx = await desk.Http.GetByteArrayAsync("/api/meetings/1/documents/giay-moi.docx");
        StateFormatChecklist.Check(docx, "GIẤY MỜI");
        var texts = StateFormatChecklist.Texts(docx);
        var invited = texts.IndexOf("- Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã;");
        Assert.True(invited > 0, string.Join("\n", texts));
        Assert.Equal(["- Lãnh đạo Phòng Tài nguyên và Môi trường;", "- Bí thư Chi bộ thôn Đông."], texts.Skip(invited + 1).Take(2));
        var recipients = texts.IndexOf("Nơi nhận:");
        Assert.Equal(["- Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã;", "- Lãnh đạo Phòng Tài nguyên và Môi trường;", "- Bí thư Chi bộ thôn Đông;", "- Lưu: VT."],
            texts.Skip(recipients + 1).Take(4));

        // Saved per meeting: a second meeting still has its default, and the list survives a new read.
        Assert.True((await desk.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/invitation")).GetProperty("chosen").GetBoolean());
        var empty = await desk.Http.PutAsJsonAsync("/api/meetings/1/invitation", new { invitees = new[] { " ", "-" } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Hãy chọn ít nhất một người hoặc cơ quan được mời.", await DetailOf(empty));
        var tooLong = await desk.Http.PutAsJsonAsync("/api/meetings/1/invitation", new { invitees = new[] { new string('a', 201) } });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("Mỗi dòng người được mời không quá 200 ký tự.", await DetailOf(tooLong));
        var missing = await desk.Http.PutAsJsonAsync("/api/meetings/987654/invitation", new { invitees = new[] { "Ông A" } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Không tìm thấy hội nghị.", await DetailOf(missing));
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Http.GetAsync("/api/meetings/987654/invitation")).StatusCode);
    }

    [Fact]
    public async Task AMeetingWithoutAnOrganisingBody_IsRefusedWithTheReason()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var factory = host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await db.Meetings.Where(m => m.Id == 1).ExecuteUpdateAsync(u => u.SetProperty(m => m.OrganisingBody, ""));
        var refused = await admin.Http.GetAsync("/api/meetings/1/documents/giay-moi.docx");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Chưa có tên cơ quan tổ chức hội nghị (nhập ở trang Thiết lập hội nghị).", await DetailOf(refused));
    }
}
