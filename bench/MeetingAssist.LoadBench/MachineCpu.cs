/// <summary>
/// The whole machine's CPU from /proc/stat, so a run says whether it had the machine to itself: the cores other
/// processes used beside the server and the screens, and the time the hypervisor gave to other machines (steal),
/// which no setting of ours can win back. Zeros where /proc/stat is missing.
/// </summary>
readonly record struct MachineCpu(double BusySeconds, double StealSeconds)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static MachineCpu Now()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
            return new MachineCpu(busy / TicksPerSecond, fields[7] / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return default;
        }
    }
}
