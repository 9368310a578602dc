using MeetingAssist.Host.Petitions.Import;

namespace MeetingAssist.Host.Tests.Petitions.Import;

public class LegacyVietnameseTests
{
    public static TheoryData<string> KnownWords =>
        ["Nguyễn Văn Hùng", "Đường giao thông nông thôn", "Ủy ban nhân dân", "Lê Thị Hoa, thôn Đông, đề nghị sửa cầu", "Phường Mỹ Đình 2"];

    [Theory]
    [MemberData(nameof(KnownWords))]
    public void Repair_Tcvn3Text_GivesTheUnicodeWords(string words)
    {
        var legacy = LegacyVietnamese.EncodeTcvn3(words);
        Assert.NotEqual(words, legacy);
        Assert.Equal(words, LegacyVietnamese.Repair(legacy, out var found));
        Assert.Equal(LegacyEncoding.Tcvn3, found);
    }

    [Theory]
    [MemberData(nameof(KnownWords))]
    public void Repair_VniText_GivesTheUnicodeWords(string words)
    {
        var legacy = LegacyVietnamese.EncodeVni(words);
        Assert.NotEqual(words, legacy);
        Assert.Equal(words, LegacyVietnamese.Repair(legacy, out var found));
        Assert.Equal(LegacyEncoding.Vni, found);
    }

    // Written out by hand from the TCVN 5712:1993 VN3 chart (ễ D4, ă A8, ù EF, Đ A7, ư AD, ờ EA, ô AB, ủ F1, â A9),
    // independent of the tables in the code.
    [Theory]
    [InlineData("Nguy\u00D4n V\u00A8n H\u00EFng", "Nguyễn Văn Hùng")]
    [InlineData("\u00A7\u00AD\u00EAng giao th\u00ABng n\u00ABng th\u00ABn", "Đường giao thông nông thôn")]
    [InlineData("\u00F1y ban nh\u00A9n d\u00A9n", "Ủy ban nhân dân")]
    [InlineData("H\u00E5 Ch\u00DD Minh", "Hồ Chí Minh")]
    public void Repair_HandWrittenTcvn3Bytes_GivesUnicode(string legacy, string expected)
    {
        Assert.Equal(expected, LegacyVietnamese.Repair(legacy, out var found));
        Assert.Equal(LegacyEncoding.Tcvn3, found);
    }

    // Written out by hand from the VNI chart: a base letter then its marks (ã E3, ê EA, ø F8, Ñ D1, ö F6, ô F4, â E2, Û DB).
    [Theory]
    [InlineData("Nguye\u00E3n Va\u00EAn Hu\u00F8ng", "Nguyễn Văn Hùng")]
    [InlineData("\u00D1\u00F6\u00F4\u00F8ng giao tho\u00E2ng no\u00E2ng tho\u00E2n", "Đường giao thông nông thôn")]
    [InlineData("U\u00DBy ban nha\u00E2n da\u00E2n", "Ủy ban nhân dân")]
    public void Repair_HandWrittenVniBytes_GivesUnicode(string legacy, string expected)
    {
        Assert.Equal(expected, LegacyVietnamese.Repair(legacy, out var found));
        Assert.Equal(LegacyEncoding.Vni, found);
    }

    // Every toned letter, in the order the charts list them (acute, grave, hook, tilde, dot below), with its code
    // copied from the chart rather than from the tables under test.
    private const string ChartLetters = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ";

    private static readonly string[] Tcvn3Chart =
    [
        "\u00B8", "\u00B5", "\u00B6", "\u00B7", "\u00B9", "\u00A8", "\u00BE", "\u00BB", "\u00BC", "\u00BD", "\u00C6",
        "\u00A9", "\u00CA", "\u00C7", "\u00C8", "\u00C9", "\u00CB", "\u00AE",
        "\u00D0", "\u00CC", "\u00CE", "\u00CF", "\u00D1", "\u00AA", "\u00D5", "\u00D2", "\u00D3", "\u00D4", "\u00D6",
        "\u00DD", "\u00D7", "\u00D8", "\u00DC", "\u00DE",
        "\u00E3", "\u00DF", "\u00E1", "\u00E2", "\u00E4", "\u00AB", "\u00E8", "\u00E5", "\u00E6", "\u00E7", "\u00E9",
        "\u00AC", "\u00ED", "\u00EA", "\u00EB", "\u00EC", "\u00EE",
        "\u00F3", "\u00EF", "\u00F1", "\u00F2", "\u00F4", "\u00AD", "\u00F8", "\u00F5", "\u00F6", "\u00F7", "\u00F9",
        "\u00FD", "\u00FA", "\u00FB", "\u00FC", "\u00FE",
    ];

    private static readonly string[] VniChart =
    [
        "aù", "aø", "aû", "aõ", "aï", "aê", "aé", "aè", "aú", "aü", "aë", "aâ", "aá", "aà", "aå", "aã", "aä", "ñ",
        "eù", "eø", "eû", "eõ", "eï", "eâ", "eá", "eà", "eå", "eã", "eä", "í", "ì", "æ", "ó", "ò",
        "où", "oø", "oû", "oõ", "oï", "oâ", "oá", "oà", "oå", "oã", "oä", "ô", "ôù", "ôø", "ôû", "ôõ", "ôï",
        "uù", "uø", "uû", "uõ", "uï", "ö", "öù", "öø", "öû", "öõ", "öï", "yù", "yø", "yû", "yõ", "î",
    ];

    [Fact]
    public void Tables_MatchThePublishedCharts_LetterByLetter()
    {
        var letters = ChartLetters.Select(c => c.ToString()).ToArray();
        Assert.Equal(letters.Length, Tcvn3Chart.Length);
        Assert.Equal(letters.Length, VniChart.Length);
        // A space first: the first letter of a cell is taken as a capital.
        Assert.Equal(letters, Tcvn3Chart.Select(code => LegacyVietnamese.DecodeTcvn3(" " + code)[1..]));
        Assert.Equal(letters, VniChart.Select(LegacyVietnamese.DecodeVni));
        Assert.Equal(Tcvn3Chart, letters.Select(LegacyVietnamese.EncodeTcvn3));
        Assert.Equal(VniChart, letters.Select(LegacyVietnamese.EncodeVni));
    }

    [Fact]
    public void Repair_Tcvn3InCapitals_KeepsTheCapitals()
    {
        // A heading typed in capitals: toned letters still use the lower-case codes.
        Assert.Equal("ỦY BAN NHÂN DÂN XÃ", LegacyVietnamese.Repair("\u00F1Y BAN NH\u00A2N D\u00A2N X\u00B7"));
    }

    [Theory]
    [InlineData("Nguyễn Văn Hùng")]
    [InlineData("Bùi Hà, thôn Tân Hòa")]
    [InlineData("Café à la carte")]
    [InlineData("Lê Thị Hoa")]
    [InlineData("Số 12/BC-UBND")]
    [InlineData("Tô Lâm")]
    public void Repair_ProperUnicode_IsLeftAlone(string text)
    {
        Assert.Equal(text, LegacyVietnamese.Repair(text, out var found));
        Assert.Equal(LegacyEncoding.None, found);
    }

    [Fact]
    public void Tables_EveryVietnameseLetter_SurvivesBothEncodings()
    {
        const string all = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
        Assert.Equal(all, LegacyVietnamese.DecodeVni(LegacyVietnamese.EncodeVni(all)));
        Assert.Equal(all.ToUpperInvariant(), LegacyVietnamese.DecodeVni(LegacyVietnamese.EncodeVni(all.ToUpperInvariant())));
        // Decoding the cell as the second word keeps lower case (the first letter of a cell is taken as a capital).
        Assert.Equal(all, LegacyVietnamese.DecodeTcvn3(" " + LegacyVietnamese.EncodeTcvn3(all))[1..]);
        // VN3 gives 134 letters distinct codes: no two letters may share one.
        var codes = LegacyVietnamese.EncodeTcvn3(all);
        Assert.Equal(all.Length, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("nguyễn", true)]
    [InlineData("đường", true)]
    [InlineData("giao", true)]
    [InlineData("khuya", true)]
    [InlineData("nguyeãn", false)]
    [InlineData("vaên", false)]
    [InlineData("huứng", false)]
    [InlineData("hóà", false)]
    public void IsSyllable_TellsVietnameseSyllablesFromGarbage(string word, bool expected) =>
        Assert.Equal(expected, VietnameseText.IsSyllable(word));
}
