using MeetingAssist.Host.Petitions.Import;

namespace MeetingAssist.Host.Tests.Petitions.Import;

public class PetitionDuplicatesTests
{
    private static ImportedPetition Row(int number, string name, string address, string content) =>
        new(number, number.ToString(), name, address, content, "", "", null, ImportedPetitionKind.Unspecified, "", "");

    [Fact]
    public void WithinFile_SamePersonSimilarContent_IsFlagged()
    {
        var rows = new[]
        {
            Row(5, "Nguyễn Văn Hùng", "Thôn Đông", "Đề nghị sửa chữa đường giao thông nông thôn đoạn qua thôn Đông bị xuống cấp."),
            Row(6, "Trần Thị Mai", "Thôn Đông", "Đề nghị sửa chữa đường giao thông nông thôn đoạn qua thôn Đông bị xuống cấp."),
            // Written without diacritics, different case, a word changed: still the same petition.
            Row(9, "NGUYEN VAN HUNG", "thon Dong", "De nghi sua chua duong giao thong nong thon doan qua thon Dong da xuong cap."),
            Row(12, "Nguyễn Văn Hùng", "Thôn Đông", "Đề nghị hỗ trợ kinh phí xây nhà văn hóa."),
        };

        var duplicates = PetitionDuplicates.WithinFile(rows);

        var duplicate = Assert.Single(duplicates);
        Assert.Equal(9, duplicate.RowNumber);
        Assert.Equal(5, duplicate.SameAsRowNumber);
        Assert.True(duplicate.Similarity >= 0.6, $"similarity {duplicate.Similarity}");
        Assert.StartsWith("Dòng 9: trùng với dòng 5", duplicate.Message);
    }

    [Fact]
    public void AgainstExisting_FindsThePetitionAlreadyInTheRegistry()
    {
        var existing = new[]
        {
            new ExistingPetition("P-17", "Lê Thị Hoa", "Thôn Tây", "Đề nghị nạo vét kênh mương nội đồng thôn Tây trước mùa mưa."),
            new ExistingPetition("P-18", "Lê Thị Hoa", "Thôn Tây", "Đề nghị lắp đèn chiếu sáng đường làng."),
            new ExistingPetition("P-19", "Lê Thị Hoa", "Thôn Bắc", "Đề nghị nạo vét kênh mương nội đồng thôn Tây trước mùa mưa."),
        };
        var rows = new[]
        {
            Row(3, "Lê Thị  Hoa", "Thôn Tây", "Đề nghị nạo vét kênh mương nội đồng thôn Tây trước mùa mưa lũ."),
            Row(4, "Lê Thị Hoa", "Thôn Tây", "Đề nghị cấp sổ đỏ."),
            Row(7, "Lê Văn Hoa", "Thôn Tây", "Đề nghị nạo vét kênh mương nội đồng thôn Tây trước mùa mưa."),
        };

        var duplicate = Assert.Single(PetitionDuplicates.AgainstExisting(rows, existing));
        Assert.Equal(3, duplicate.RowNumber);
        Assert.Equal("P-17", duplicate.SameAsExistingKey);
    }

    [Fact]
    public void Similarity_IsAccentInsensitiveAndBounded()
    {
        Assert.Equal(1, PetitionDuplicates.Similarity("Đường làng", "DUONG LANG"), 3);
        Assert.True(PetitionDuplicates.Similarity("Đề nghị sửa đường", "Hỗ trợ học phí cho học sinh nghèo") < 0.2);
    }
}
