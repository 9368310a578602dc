using System.Diagnostics;
using MeetingAssist.Host.Petitions.Import;
using Xunit.Abstractions;

namespace MeetingAssist.Host.Tests.Petitions.Import;

public class LargeImportTests(ITestOutputHelper output)
{
    [Fact]
    public void Read_TenThousandRows_IsFastAndSmall()
    {
        var file = PetitionWorkbooks.Clean(10_000).ToArray();
        PetitionSheetReader.Read(new MemoryStream(PetitionWorkbooks.Clean(5).ToArray()), "warm.xlsx");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        var done = false;
        var sampler = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        });
        sampler.Start();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var preview = PetitionSheetReader.Read(new MemoryStream(file), "lon.xlsx");
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Volatile.Write(ref done, true);
        sampler.Join();
        var peakMb = (Math.Max(peak, GC.GetTotalMemory(false)) - before) / 1048576.0;

        output.WriteLine($"10,000 rows ({file.Length / 1024} KB): {clock.ElapsedMilliseconds} ms, peak managed heap +{peakMb:F1} MB, allocated {allocated / 1048576.0:F1} MB");
        Assert.Equal(10_000, preview.Rows.Count);
        Assert.Empty(preview.RowProblems);
        Assert.Equal(10_001, preview.Rows[^1].RowNumber);
        // Bounds far above what it takes here (about 1 s and 25 MB on 2 shared cores), so only a real regression fails.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(peakMb < 150, $"peak {peakMb:F1} MB");
    }
}
