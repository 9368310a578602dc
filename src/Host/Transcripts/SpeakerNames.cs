namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// Speaker renames for a meeting, keyed by the name as recorded (floor log or a move). A rename maps every recorded
/// name that shows as the old name onto the new one, so a name renamed twice, or back, never forms a chain.
/// </summary>
public static class SpeakerNames
{
    public static string Display(string recorded, IReadOnlyDictionary<string, string> renames) =>
        renames.TryGetValue(recorded, out var to) ? to : recorded;

    /// <summary>The new map: every recorded name now shown as <paramref name="from"/> shows as <paramref name="to"/>.</summary>
    public static Dictionary<string, string> Rename(IReadOnlyDictionary<string, string> renames, IEnumerable<string> recorded, string from, string to)
    {
        if (from.Length == 0 || to.Length == 0) throw new TranscriptEditException("Hãy nhập cả tên cũ và tên mới.");
        var all = recorded.Concat(renames.Keys).Distinct().ToList();
        var affected = all.Where(name => Display(name, renames) == from).ToList();
        if (affected.Count == 0) throw new TranscriptEditException("Không có người nói nào tên là «" + from + "» trong bản ghi này.");
        var result = new Dictionary<string, string>(renames);
        foreach (var name in affected)
        {
            if (name == to) result.Remove(name);
            else result[name] = to;
        }
        return result;
    }
}
