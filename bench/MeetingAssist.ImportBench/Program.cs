// Import of a petition list of N rows (default 10,000): time and peak managed memory of the whole import
// (read, clean, legacy-text check, layout, duplicates within the file) against, as the baseline in the same run,
// opening the same file with ClosedXML and reading every cell's text.
// Usage: dotnet run -c Release --project bench/MeetingAssist.ImportBench [-- ROWS RUNS]
using System.Diagnostics;
using ClosedXML.Excel;
using MeetingAssist.Host.Petitions.Import;

var rows = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
var file = BuildWorkbook(rows);
Console.WriteLine($"File: {rows:N0} petition rows, {file.Length / 1024.0:F0} KB .xlsx; {runs} runs each, median shown; {Environment.ProcessorCount} cores");

var import = Measure(runs, () =>
{
    var preview = PetitionSheetReader.Read(new MemoryStream(file), "danh-sach.xlsx");
    if (preview.Rows.Count != rows || preview.SheetProblems.Count > 0) throw new InvalidOperationException($"read {preview.Rows.Count} rows");
});
var baseline = Measure(runs, () =>
{
    using var workbook = new XLWorkbook(new MemoryStream(file));
    var cells = 0;
    foreach (var row in workbook.Worksheet(1).RowsUsed())
        foreach (var cell in row.CellsUsed()) cells += cell.GetString().Length > 0 ? 1 : 0;
    if (cells < rows) throw new InvalidOperationException($"read {cells} cells");
});

// Where the import's time goes: reading the cells out of the file, then giving them meaning.
var readOnly = Measure(runs, () => PetitionSheetReader.ReadGrid(new MemoryStream(file), "danh-sach.xlsx", ImportLimits.Default));

Console.WriteLine($"{"",-44} {"time ms",9} {"peak MB",9} {"alloc MB",9}");
Print("Petition import (PetitionSheetReader.Read)", import);
Print("  of which reading the cells (ReadGrid)", readOnly);
Print("Baseline: ClosedXML open + every cell's text", baseline);
Console.WriteLine($"Ratio import/baseline: time {import.Ms / baseline.Ms:F2}, peak memory {import.PeakMb / baseline.PeakMb:F2}");

static void Print(string name, Result r) => Console.WriteLine($"{name,-44} {r.Ms,9:F0} {r.PeakMb,9:F1} {r.AllocatedMb,9:F1}");

// Peak managed heap above the level before the run, sampled every millisecond on another thread.
static Result Measure(int runs, Action action)
{
    action(); // warm-up: JIT and static tables
    var results = new List<Result>();
    for (var i = 0; i < runs; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
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
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        peak = Math.Max(peak, GC.GetTotalMemory(false));
        Volatile.Write(ref done, true);
        sampler.Join();
        results.Add(new Result(sw.Elapsed.TotalMilliseconds, (peak - before) / 1048576.0, allocated / 1048576.0));
    }
    results.Sort((a, b) => a.Ms.CompareTo(b.Ms));
    return results[results.Count / 2];
}

// The list an office keeps: titles, a header, a section row per field, mostly Unicode with some TCVN3 and VNI cells.
static byte[] BuildWorkbook(int count)
{
    string[] fields = ["Đất đai", "Giao thông", "Môi trường", "Chính sách xã hội", "Cải cách hành chính"];
    using var workbook = new XLWorkbook();
    var sheet = workbook.AddWorksheet("Danh sách");
    sheet.Cell(1, 1).SetValue("ỦY BAN NHÂN DÂN XÃ KIẾN MINH");
    sheet.Cell(3, 1).SetValue("DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI");
    string[] header = ["STT", "Họ và tên", "Địa chỉ", "Nội dung", "Cơ quan trả lời", "Ngày", "Phân loại", "Ghi chú"];
    for (var c = 0; c < header.Length; c++) sheet.Cell(5, c + 1).SetValue(header[c]);
    var random = new Random(15);
    var row = 6;
    var perField = (count + fields.Length - 1) / fields.Length;
    for (var i = 0; i < count; i++)
    {
        if (i % perField == 0) sheet.Cell(row++, 1).SetValue($"{PetitionSheetWriter.Roman(i / perField + 1)}. LĨNH VỰC {fields[i / perField].ToUpperInvariant()}");
        var name = $"Nguyễn Văn {(char)('A' + random.Next(26))}{i}";
        var content = $"Đề nghị xem xét giải quyết việc số {i}: đường giao thông nông thôn thôn {random.Next(1, 12)} xuống cấp, mùa mưa lầy lội, đi lại khó khăn.";
        sheet.Cell(row, 1).SetValue(i + 1);
        sheet.Cell(row, 2).SetValue(i % 20 == 0 ? LegacyVietnamese.EncodeTcvn3(name) : i % 20 == 1 ? LegacyVietnamese.EncodeVni(name) : name);
        sheet.Cell(row, 3).SetValue($"Thôn {random.Next(1, 12)}");
        sheet.Cell(row, 4).SetValue(i % 20 == 2 ? LegacyVietnamese.EncodeTcvn3(content) : content);
        sheet.Cell(row, 5).SetValue("Phòng Kinh tế");
        sheet.Cell(row, 6).SetValue(new DateTime(2026, 1, 5).AddDays(i % 300));
        sheet.Cell(row, 7).SetValue(i % 2 == 0 ? "Kiến nghị" : "Ý kiến");
        row++;
    }
    sheet.Cell(row, 1).SetValue("Tổng cộng");
    var stream = new MemoryStream();
    workbook.SaveAs(stream);
    return stream.ToArray();
}

internal sealed record Result(double Ms, double PeakMb, double AllocatedMb);
