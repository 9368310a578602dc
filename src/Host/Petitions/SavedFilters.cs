using System.Security.Claims;
using System.Text.Json;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

/// <summary>A named set of the registry's filters, as the list's query string (only the filter keys, never the page).</summary>
public sealed record SavedFilter(string Name, string Query);

public sealed record SavedFilterInput(string? Name, string? Query);

/// <summary>
/// Each account's named filter sets for the registry ("Quá hạn – Phòng Kinh tế"), kept on the server so they follow
/// the account to another machine. Stored as one setting per account; a handful of short rows needs no table.
/// </summary>
public static partial class PetitionEndpoints
{
    public const int MaxSavedFilters = 30;
    private static readonly string[] FilterKeys = ["q", "field", "department", "status", "source", "dueBefore", "overdue"];

    private static void MapSavedFilters(RouteGroupBuilder group)
    {
        group.MapGet("/saved-filters", ListSavedFilters).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapPut("/saved-filters", SaveFilter).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapDelete("/saved-filters", DeleteFilter).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
    }

    private static string SavedFiltersKey(ClaimsPrincipal user) => $"petitions.saved-filters.{Sessions.UserIdOf(user)}";

    private static async Task<List<SavedFilter>> ReadSavedFiltersAsync(MeetingDbContext db, string key)
    {
        var json = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync();
        return json is null ? [] : JsonSerializer.Deserialize<List<SavedFilter>>(json, JsonSerializerOptions.Web) ?? [];
    }

    private static async Task WriteSavedFiltersAsync(MeetingDbContext db, string key, List<SavedFilter> filters)
    {
        var json = JsonSerializer.Serialize(filters, JsonSerializerOptions.Web);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key);
        if (row is null) db.Settings.Add(new AppSetting { Key = key, Value = json });
        else row.Value = json;
        await db.SaveChangesAsync();
    }

    private static async Task<List<SavedFilter>> ListSavedFilters(ClaimsPrincipal user, MeetingDbContext db) =>
        await ReadSavedFiltersAsync(db, SavedFiltersKey(user));

    /// <summary>Saves (or replaces, by name) one filter set; answers the account's whole list.</summary>
    private static async Task<IResult> SaveFilter(SavedFilterInput input, ClaimsPrincipal user, MeetingDbContext db)
    {
        var errors = new FieldErrors();
        var name = UserText.Line(input.Name);
        if (name is null) errors.Add("name", "Hãy đặt tên cho bộ lọc.");
        else if (name.Length > 80) errors.Add("name", "Tên bộ lọc không quá 80 ký tự.");
        if (input.Query is { Length: > 1000 }) errors.Add("name", "Bộ lọc quá dài.");
        if (errors.ToProblem() is { } problem) return problem;

        // Only the list's filter keys are kept, each cleaned like typed text: the page sets them back into its form.
        var parsed = QueryHelpers.ParseQuery(input.Query ?? "");
        var kept = new List<KeyValuePair<string, string?>>();
        foreach (var key in FilterKeys)
            if (parsed.TryGetValue(key, out var values) && UserText.Line(values.ToString()) is { } value)
                kept.Add(new(key, value));
        var query = QueryString.Create(kept).ToUriComponent().TrimStart('?');

        var storageKey = SavedFiltersKey(user);
        var filters = await ReadSavedFiltersAsync(db, storageKey);
        var index = filters.FindIndex(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (index >= 0) filters[index] = new SavedFilter(name!, query);
        else if (filters.Count >= MaxSavedFilters) return ApiProblems.BadRequest($"Mỗi tài khoản lưu được tối đa {MaxSavedFilters} bộ lọc. Hãy xóa bớt bộ lọc cũ.");
        else filters.Add(new SavedFilter(name!, query));
        await WriteSavedFiltersAsync(db, storageKey, filters);
        return Results.Ok(filters);
    }

    private static async Task<IResult> DeleteFilter(string? name, ClaimsPrincipal user, MeetingDbContext db)
    {
        var storageKey = SavedFiltersKey(user);
        var filters = await ReadSavedFiltersAsync(db, storageKey);
        var wanted = UserText.Line(name);
        if (filters.RemoveAll(f => string.Equals(f.Name, wanted, StringComparison.Ordinal)) == 0)
            return ApiProblems.NotFound("Không tìm thấy bộ lọc này.");
        await WriteSavedFiltersAsync(db, storageKey, filters);
        return Results.Ok(filters);
    }
}
