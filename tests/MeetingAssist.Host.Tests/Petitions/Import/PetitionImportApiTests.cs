using Microsoft.EntityFrameworkCore;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Data;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingAssist.Host.Petitions.Import;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Petitions.Import;

public class PetitionImportApiTests
{
    /// <summary>Stands in for the registry, which is built apart: keeps what it is given, or fails like a broken database.</summary>
    private sealed class RecordingSink(bool fail = false) : IPetitionImportSink
    {
        public List<(IReadOnlyList<ImportedPetition> Rows, string Actor)> Saves { get; } = [];

        public Task<int> SaveAllAsync(IReadOnlyList<ImportedPetition> rows, string actor, CancellationToken ct)
        {
            if (fail) throw new InvalidOperationException("disk full");
            Saves.Add((rows, actor));
            return Task.FromResult(rows.Count);
        }

        public Task<IReadOnlyList<ExistingPetition>> ExistingAsync(CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ExistingPetition>>([new("P-1", "Nguyễn Văn Cử Tri 2", "Thôn 2",
                "Đề nghị sửa chữa đường giao thông nông thôn đoạn số 2 bị xuống cấp, mùa mưa lầy lội, đi lại khó khăn.")]);
    }

    private static MultipartFormDataContent Form(Stream file, string name)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Preview_MessyFile_ReturnsRowsAndProblems()
    {
        await using var host = MeetingHostFactory.Start();
        await using var secretary = await host.ClientAsync("secretary");

        var response = await secretary.Http.PostAsync("/api/petitions/import/preview", Form(PetitionWorkbooks.Messy(), "tong-hop.xlsx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, preview.GetProperty("rows").GetArrayLength());
        Assert.Equal("Lê Thị Hoa", preview.GetProperty("rows")[1].GetProperty("name").GetString());
        Assert.Equal("Dòng 16: thiếu nội dung kiến nghị.", preview.GetProperty("rowProblems")[0].GetProperty("message").GetString());
        Assert.False(preview.GetProperty("canCommit").GetBoolean());
    }

    [Fact]
    public async Task Preview_NonExcelFileRenamedXlsx_IsA400WithAVietnameseMessage()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");

        var response = await admin.Http.PostAsync("/api/petitions/import/preview",
            Form(new MemoryStream(Encoding.UTF8.GetBytes("<html>không phải Excel</html>")), "ds.xlsx"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy chọn đúng tệp .xlsx hoặc .csv.", await DetailAsync(response));
    }

    [Fact]
    public async Task Preview_WithoutAFile_IsA400()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var response = await admin.Http.PostAsync("/api/petitions/import/preview", new MultipartFormDataContent { { new StringContent("x"), "note" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Hãy chọn tệp", await DetailAsync(response));
    }

    [Fact]
    public async Task Commit_IntoTheRegistry_TracksEveryRow_AndAReimportIsFlaggedAsDuplicate()
    {
        await using var host = MeetingHostFactory.Start();
        await using var secretary = await host.ClientAsync("secretary");
        var response = await secretary.Http.PostAsync("/api/petitions/import/commit", Form(PetitionWorkbooks.Clean(4), "ds.xlsx"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("saved").GetInt32());

        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>().CreateDbContextAsync())
        {
            var imported = await db.Set<Petition>().Where(p => p.Source == PetitionSource.ExcelImport).ToListAsync();
            Assert.Equal(4, imported.Count);
            var ids = imported.Select(p => p.Id).ToList();
            var history = await db.Set<PetitionHistory>().Where(h => ids.Contains(h.PetitionId)).ToListAsync();
            Assert.Equal(4, history.Count);
            Assert.All(history, h => Assert.Equal("secretary", h.By));
            Assert.All(history, h => Assert.StartsWith("Nhập từ tệp, dòng", h.Note));
        }

        // The same list again: the preview names every row as already in the registry.
        var again = await secretary.Http.PostAsync("/api/petitions/import/preview", Form(PetitionWorkbooks.Clean(4), "ds.xlsx"));
        var preview = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, preview.GetProperty("duplicates").GetArrayLength());
    }

    [Fact]
    public async Task Commit_CleanFile_SavesEveryRowOnceAsTheSignedInUser()
    {
        var sink = new RecordingSink();
        await using var host = MeetingHostFactory.Start(services: s => s.AddSingleton<IPetitionImportSink>(sink));
        await using var secretary = await host.ClientAsync("secretary");

        var response = await secretary.Http.PostAsync("/api/petitions/import/commit", Form(PetitionWorkbooks.Clean(4), "ds.xlsx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("saved").GetInt32());
        var (rows, actor) = Assert.Single(sink.Saves);
        Assert.Equal(4, rows.Count);
        Assert.Equal("secretary", actor);
    }

    [Fact]
    public async Task Commit_FileWithAProblem_SavesNothing()
    {
        var sink = new RecordingSink();
        await using var host = MeetingHostFactory.Start(services: s => s.AddSingleton<IPetitionImportSink>(sink));
        await using var admin = await host.ClientAsync("admin");

        var response = await admin.Http.PostAsync("/api/petitions/import/commit", Form(PetitionWorkbooks.Messy(), "ds.xlsx"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Tệp còn 1 lỗi; chưa lưu dòng nào. Hãy sửa tệp rồi nhập lại.", body.GetProperty("detail").GetString());
        Assert.Equal("Dòng 16: thiếu nội dung kiến nghị.", body.GetProperty("problems")[0].GetString());
        Assert.Empty(sink.Saves);
    }

    [Fact]
    public async Task Commit_WhenTheRegistryFails_IsA409NotA500()
    {
        await using var host = MeetingHostFactory.Start(services: s => s.AddSingleton<IPetitionImportSink>(new RecordingSink(fail: true)));
        await using var admin = await host.ClientAsync("admin");
        var response = await admin.Http.PostAsync("/api/petitions/import/commit", Form(PetitionWorkbooks.Clean(), "ds.xlsx"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("Lưu không thành công", await DetailAsync(response));
        // A failed save is an error the office must see in the server's log, with its cause.
        Assert.Contains(host.Logs.Errors(), e => e.Contains("rolled back") && e.Contains("disk full"));
        host.ErrorLogsExpected = true;
    }

    [Fact]
    public async Task Preview_WithARegistry_FlagsRowsAlreadyRegistered()
    {
        await using var host = MeetingHostFactory.Start(services: s => s.AddSingleton<IPetitionImportSink>(new RecordingSink()));
        await using var admin = await host.ClientAsync("admin");
        var response = await admin.Http.PostAsync("/api/petitions/import/preview", Form(PetitionWorkbooks.Clean(3), "ds.xlsx"));
        var duplicates = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates");
        var duplicate = Assert.Single(duplicates.EnumerateArray());
        Assert.Equal(3, duplicate.GetProperty("rowNumber").GetInt32());
        Assert.Equal("P-1", duplicate.GetProperty("sameAsExistingKey").GetString());
    }
}
