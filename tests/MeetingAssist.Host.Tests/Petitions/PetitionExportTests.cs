using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Petitions.Import;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Petitions;

/// <summary>The registry exported as the office's .xlsx list, and each account's saved filter sets.</summary>
public class PetitionExportTests
{
    private static async Task<int> CreateAsync(StaffClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/petitions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task SeedAsync(StaffClient desk)
    {
        await CreateAsync(desk, new { kind = "Request", petitioner = "Nguyễn Văn Ấn", address = "Thôn Đông", source = "Letter", field = "Đất đai", department = "Phòng Tài nguyên và Môi trường", content = "Chậm cấp giấy chứng nhận quyền sử dụng đất cho 12 hộ thôn Đông." });
        await CreateAsync(desk, new { kind = "Request", petitioner = "Trần Thị Bưởi", address = "Thôn Tây", source = "FatherlandFront", field = "Hạ tầng giao thông – thủy lợi", department = "Phòng Kinh tế", content = "Đường liên thôn Tây xuống cấp, mùa mưa lầy lội." });
        await CreateAsync(desk, new { kind = "Request", petitioner = "Lê Văn Cường", address = "Thôn Nam", source = "Letter", field = "Đất đai", department = "Phòng Kinh tế", content = "Đề nghị công khai quy hoạch khu dân cư mới thôn Nam." });
        await CreateAsync(desk, new { kind = "Opinion", petitioner = "Hội Cựu chiến binh xã", address = "", source = "Email", field = "Chính sách xã hội", department = "", content = "Ghi nhận việc chi trả trợ cấp đúng hạn." });
    }

    private static async Task<(byte[] Bytes, HttpResponseMessage Response)> ExportAsync(StaffClient client, string query)
    {
        var response = await client.Http.GetAsync("/api/petitions/export.xlsx" + query);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    /// <summary>What the list shows for the same filters, in the fields the sheet carries back.</summary>
    private static async Task<List<(string Name, string Address, string Content, string Field, string Department)>> ListedAsync(StaffClient client, string query)
    {
        var page = await client.Http.GetFromJsonAsync<JsonElement>("/api/petitions" + query + (query.Length == 0 ? "?" : "&") + "pageSize=200");
        return page.GetProperty("items").EnumerateArray().Select(p => (p.GetProperty("petitioner").GetString()!, p.GetProperty("address").GetString()!,
            p.GetProperty("content").GetString()!, p.GetProperty("field").GetString()!, p.GetProperty("department").GetString() ?? "")).ToList();
    }

    private static IEnumerable<(string Name, string Address, string Content, string Field, string Department)> Fields(IEnumerable<JsonElement> rows) =>
        rows.Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("address").GetString()!, r.GetProperty("content").GetString()!,
            r.GetProperty("field").GetString()!, r.GetProperty("department").GetString()!));

    [Fact]
    public async Task Export_ThenImportPreview_ReadsTheSameRowsBack()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        await using var secretary = await host.ClientAsync("secretary");
        await SeedAsync(desk);

        var (bytes, response) = await ExportAsync(secretary, "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("danh-sach-kien-nghi-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var preview = await secretary.Http.PostAsync("/api/petitions/import/preview", new MultipartFormDataContent { { file, "file", "xuat.xlsx" } });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var read = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(read.GetProperty("canCommit").GetBoolean(), read.ToString());

        var expected = (await ListedAsync(secretary, "")).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var readBack = Fields(read.GetProperty("rows").EnumerateArray()).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, readBack);
        // Every row already in the registry is flagged as a likely duplicate of itself.
        Assert.Equal(4, read.GetProperty("duplicates").EnumerateArray().Count(d => d.GetProperty("sameAsExistingKey").ValueKind == JsonValueKind.String));
    }

    [Fact]
    public async Task Export_UsesTheListFilters_AndSaysThemUnderTheTitle()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        await SeedAsync(desk);

        var query = "?field=" + Uri.EscapeDataString("Đất đai");
        var (bytes, response) = await ExportAsync(desk, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = PetitionSheetReader.Read(new MemoryStream(bytes), "xuat.xlsx");
        Assert.Equal(["Lê Văn Cường", "Nguyễn Văn Ấn"], preview.Rows.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(preview.Rows, r => Assert.Equal("Đất đai", r.Field));
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
        Assert.Equal("(lĩnh vực Đất đai)", workbook.Worksheet(1).Cell(5, 1).GetString());
    }

    [Fact]
    public async Task Export_AsDepartment_HoldsOnlyItsOwnPetitions_AndAnonymousIsRefused()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        await using var desk = await host.ClientAsync("desk");
        await SeedAsync(desk);
        var accounts = await admin.Http.GetFromJsonAsync<JsonElement>("/api/petitions/department-accounts");
        var departmentUser = accounts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "department").GetProperty("userId").GetInt32();
        (await admin.Http.PutAsJsonAsync($"/api/petitions/department-accounts/{departmentUser}", new { department = "Phòng Kinh tế" })).EnsureSuccessStatusCode();

        await using var department = await host.ClientAsync("department");
        // Asking for another department's petitions gives nothing of theirs, only an empty list.
        var (bytes, response) = await ExportAsync(department, "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = PetitionSheetReader.Read(new MemoryStream(bytes), "xuat.xlsx");
        Assert.Equal(["Lê Văn Cường", "Trần Thị Bưởi"], preview.Rows.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(preview.Rows, r => Assert.Equal("Phòng Kinh tế", r.Department));
        var (_, other) = await ExportAsync(department, "?department=" + Uri.EscapeDataString("Phòng Tài nguyên và Môi trường"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        await using var anonymous = await host.ClientAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/petitions/export.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Export_OfMoreRowsThanAFileHolds_IsA400AskingToFilter_AndAFilteredExportStillWorks()
    {
        await using var host = MeetingHostFactory.Start();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>().CreateDbContextAsync())
        {
            db.Set<Petition>().AddRange(Enumerable.Range(1, PetitionEndpoints.MaxExportRows + 1).Select(i => new Petition
            {
                Petitioner = $"Cử tri {i}", Content = $"Kiến nghị số {i}.", Field = i == 1 ? "Môi trường" : "Đất đai",
            }));
            await db.SaveChangesAsync();
        }
        await using var secretary = await host.ClientAsync("secretary");

        var (_, response) = await ExportAsync(secretary, "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal("Danh sách đang lọc có 10.001 kiến nghị, quá 10.000 dòng cho một tệp. Hãy lọc bớt (theo lĩnh vực, phòng ban, trạng thái) rồi xuất lại.", detail);

        var (bytes, filtered) = await ExportAsync(secretary, "?field=" + Uri.EscapeDataString("Môi trường"));
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Equal("Cử tri 1", Assert.Single(PetitionSheetReader.Read(new MemoryStream(bytes), "xuat.xlsx").Rows).Name);
    }

    [Fact]
    public async Task SavedFilters_AreKeptPerAccount_KeepOnlyFilterKeys_AndCanBeReplacedAndDeleted()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        await using var secretary = await host.ClientAsync("secretary");

        var saved = await desk.Http.PutAsJsonAsync("/api/petitions/saved-filters",
            new { name = "  Quá hạn – Phòng Kinh tế ", query = "department=Ph%C3%B2ng%20Kinh%20t%E1%BA%BF&overdue=true&page=3&evil=%3Cb%3E" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var list = await desk.Http.GetFromJsonAsync<JsonElement>("/api/petitions/saved-filters");
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal("Quá hạn – Phòng Kinh tế", only.GetProperty("name").GetString());
        Assert.Equal("department=Ph%C3%B2ng%20Kinh%20t%E1%BA%BF&overdue=true", only.GetProperty("query").GetString());

        Assert.Empty((await secretary.Http.GetFromJsonAsync<JsonElement>("/api/petitions/saved-filters")).EnumerateArray());

        (await desk.Http.PutAsJsonAsync("/api/petitions/saved-filters", new { name = "Quá hạn – Phòng Kinh tế", query = "status=Assigned" })).EnsureSuccessStatusCode();
        list = await desk.Http.GetFromJsonAsync<JsonElement>("/api/petitions/saved-filters");
        Assert.Equal("status=Assigned", Assert.Single(list.EnumerateArray()).GetProperty("query").GetString());

        var unnamed = await desk.Http.PutAsJsonAsync("/api/petitions/saved-filters", new { name = " ", query = "status=New" });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Equal("Hãy đặt tên cho bộ lọc.", (await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await secretary.Http.DeleteAsync("/api/petitions/saved-filters?name=" + Uri.EscapeDataString("Quá hạn – Phòng Kinh tế"))).StatusCode);
        var deleted = await desk.Http.DeleteAsync("/api/petitions/saved-filters?name=" + Uri.EscapeDataString("Quá hạn – Phòng Kinh tế"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty((await desk.Http.GetFromJsonAsync<JsonElement>("/api/petitions/saved-filters")).EnumerateArray());
    }
}
