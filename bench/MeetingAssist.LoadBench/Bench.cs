/// <summary>Figures read from the server process and from the samples.</summary>
static class Bench
{
    public static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the command name).
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    public static (long RssKiB, long PeakKiB) Memory(int pid)
    {
        var lines = File.ReadAllLines($"/proc/{pid}/status");
        long Read(string key) => long.Parse(lines.First(l => l.StartsWith(key)).Split(':')[1].Trim().Split(' ')[0]);
        return (Read("VmRSS"), Read("VmHWM"));
    }

    public static double P(List<double> values, double percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
