using System.Text;

namespace MeetingAssist.Host.Petitions.Import;

public enum LegacyEncoding { None, Tcvn3, Vni }

/// <summary>
/// Text typed before Unicode with the TCVN3 (ABC, fonts .VnTime) or VNI (fonts VNI-Times) keyboards reaches a
/// spreadsheet as the Windows-1252 reading of those bytes ("Hå Chi Minh"). This finds such text and converts it.
/// Tables written from the published charts: TCVN 5712:1993 (VN3) and VNI for Windows.
/// </summary>
public static class LegacyVietnamese
{
    // Each vowel followed by its five toned forms (grave, hook, tilde, acute, dot below), then đ.
    private const string Letters =
        "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";

    // VN3 code of each letter above, in the same order.
    private static readonly byte[] Tcvn3Codes =
    [
        0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, /* ă */ 0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, /* â */ 0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
        0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1, /* ê */ 0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6,
        0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE,
        0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4, /* ô */ 0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, /* ơ */ 0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
        0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4, /* ư */ 0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9,
        0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, /* đ */ 0xAE,
    ];

    // VN3 has capitals only for these; a toned capital is typed with the lower-case code (the .VnTimeH fonts draw it big).
    private static readonly (char Letter, byte Code)[] Tcvn3Capitals =
        [('Ă', 0xA1), ('Â', 0xA2), ('Ê', 0xA3), ('Ô', 0xA4), ('Ơ', 0xA5), ('Ư', 0xA6), ('Đ', 0xA7)];

    // VNI writes a base letter followed by mark bytes; in the same order as Letters (lower case; capitals are the upper-case bytes).
    private static readonly string[] VniCodes =
    [
        "a", "aø", "aû", "aõ", "aù", "aï", "aê", "aè", "aú", "aü", "aé", "aë", "aâ", "aà", "aå", "aã", "aá", "aä",
        "e", "eø", "eû", "eõ", "eù", "eï", "eâ", "eà", "eå", "eã", "eá", "eä",
        "i", "ì", "æ", "ó", "í", "ò",
        "o", "oø", "oû", "oõ", "où", "oï", "oâ", "oà", "oå", "oã", "oá", "oä", "ô", "ôø", "ôû", "ôõ", "ôù", "ôï",
        "u", "uø", "uû", "uõ", "uù", "uï", "ö", "öø", "öû", "öõ", "öù", "öï",
        "y", "yø", "yû", "yõ", "yù", "î", "ñ",
    ];

    private static readonly Dictionary<char, char> Tcvn3ToUnicode = BuildTcvn3();
    private static readonly Dictionary<char, char> VniSingles = [];
    private static readonly Dictionary<(char, char), char> VniPairs = BuildVni();

    private static Dictionary<char, char> BuildTcvn3()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < Letters.Length; i++)
            if (Tcvn3Codes[i] > 0x7F) map[(char)Tcvn3Codes[i]] = Letters[i];
        foreach (var (letter, code) in Tcvn3Capitals) map[(char)code] = letter;
        return map;
    }

    private static Dictionary<(char, char), char> BuildVni()
    {
        var pairs = new Dictionary<(char, char), char>();
        for (var i = 0; i < Letters.Length; i++)
        {
            var code = VniCodes[i];
            var upper = char.ToUpperInvariant(Letters[i]);
            if (code.Length == 1)
            {
                if (code[0] > 0x7F)
                {
                    VniSingles[code[0]] = Letters[i];
                    VniSingles[char.ToUpperInvariant(code[0])] = upper;
                }
                continue;
            }
            // Marks are accepted in either case after a base of either case: typists mix them.
            foreach (var mark in new[] { code[1], char.ToUpperInvariant(code[1]) })
            {
                pairs[(code[0], mark)] = Letters[i];
                pairs[(char.ToUpperInvariant(code[0]), mark)] = upper;
            }
        }
        return pairs;
    }

    /// <summary>The text in Unicode (NFC): converted when it reads far better as TCVN3 or VNI than as it is.</summary>
    public static string Repair(string text) => Repair(text, out _);

    public static string Repair(string text, out LegacyEncoding found)
    {
        found = LegacyEncoding.None;
        if (!MayBeLegacy(text)) return text;
        var asIs = VietnameseText.SyllableScore(text, out var words);
        // Every word already reads as Vietnamese: no other reading can do better.
        if (asIs == words) return text;
        var tcvn3 = DecodeTcvn3(text);
        var vni = DecodeVni(text);
        var tcvn3Score = VietnameseText.SyllableScore(tcvn3);
        var vniScore = VietnameseText.SyllableScore(vni);
        if (tcvn3Score > asIs && tcvn3Score >= vniScore)
        {
            found = LegacyEncoding.Tcvn3;
            return tcvn3;
        }
        if (vniScore > asIs)
        {
            found = LegacyEncoding.Vni;
            return vni;
        }
        return text;
    }

    /// <summary>
    /// Legacy text has Latin-1 symbols or letters and none of the letters only Unicode has (ă, đ, ơ, ư, ĩ, ũ, U+1EA0–U+1EF9,
    /// combining tones): the old 8-bit fonts cannot produce those.
    /// </summary>
    private static bool MayBeLegacy(string text)
    {
        var latin1 = false;
        foreach (var c in text)
        {
            if (c is >= '\u0100' and <= '\u01B0' or >= '\u1EA0' and <= '\u1EF9' or >= '\u0300' and <= '\u0323') return false;
            if (c is >= '\u00A1' and <= '\u00FF') latin1 = true;
        }
        return latin1;
    }

    public static string DecodeTcvn3(string text)
    {
        // A toned capital is typed with its lower-case code, so case comes from the surroundings: a cell or a word
        // in capitals ("ñY BAN NH¢N D¢N" → "ỦY BAN NHÂN DÂN"), and the first letter of a cell, where a name or a
        // sentence begins ("ñy ban" → "Ủy ban").
        var (upper, lower) = CountCase(text, 0, text.Length);
        var cellInCapitals = upper >= 3 && lower * 5 <= upper;
        var builder = new StringBuilder(text.Length);
        var wordStart = 0;
        var wordInCapitals = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (i == 0 || !IsWordChar(text[i - 1]))
            {
                wordStart = i;
                var wordEnd = i;
                while (wordEnd < text.Length && IsWordChar(text[wordEnd])) wordEnd++;
                var (wordUpper, wordLower) = CountCase(text, wordStart, wordEnd);
                wordInCapitals = wordUpper >= 2 && wordLower == 0;
            }
            if (!Tcvn3ToUnicode.TryGetValue(text[i], out var letter)) builder.Append(text[i]);
            else builder.Append(cellInCapitals || wordInCapitals || i == 0 ? char.ToUpperInvariant(letter) : letter);
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsWordChar(char c) => char.IsLetter(c) || c is >= '\u00A1' and <= '\u00FF';

    private static (int Upper, int Lower) CountCase(string text, int start, int end)
    {
        int upper = 0, lower = 0;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is >= 'A' and <= 'Z' || IsTcvn3Capital(c)) upper++;
            else if (c is >= 'a' and <= 'z') lower++;
        }
        return (upper, lower);
    }

    private static bool IsTcvn3Capital(char c) => c is >= '\u00A1' and <= '\u00A7';

    public static string DecodeVni(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && VniPairs.TryGetValue((text[i], text[i + 1]), out var letter))
            {
                builder.Append(letter);
                i++;
            }
            else builder.Append(VniSingles.TryGetValue(text[i], out var single) ? single : text[i]);
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Unicode → the characters TCVN3 text shows in a spreadsheet; toned capitals take the lower-case code, as VN3 does.</summary>
    public static string EncodeTcvn3(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var capital = Array.FindIndex(Tcvn3Capitals, p => p.Letter == c);
            var index = Letters.IndexOf(char.ToLowerInvariant(c));
            if (capital >= 0) builder.Append((char)Tcvn3Capitals[capital].Code);
            else if (index >= 0 && Tcvn3Codes[index] > 0x7F) builder.Append((char)Tcvn3Codes[index]);
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Unicode → the characters VNI text shows in a spreadsheet.</summary>
    public static string EncodeVni(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var index = Letters.IndexOf(char.ToLowerInvariant(c));
            if (index < 0 || c < 0x80) builder.Append(c);
            else builder.Append(char.IsUpper(c) ? VniCodes[index].ToUpperInvariant() : VniCodes[index]);
        }
        return builder.ToString();
    }
}
