namespace MeetingAssist.Host.Petitions.Import;

/// <summary>One non-empty row of a sheet: its number as the spreadsheet shows it, and each cell's text (index 0 = column A).</summary>
public sealed record SheetRow(int Number, string[] Cells)
{
    public string Cell(int column) => column >= 0 && column < Cells.Length ? Cells[column] : "";
}

/// <summary>A merged block of cells, 0-based columns and spreadsheet row numbers; its text sits in the top-left cell.</summary>
public sealed record MergedArea(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

/// <summary>A sheet as text before any meaning is given to it: what the xlsx and csv readers produce.</summary>
public sealed class SheetGrid
{
    public required string Name { get; init; }
    public List<SheetRow> Rows { get; } = [];
    public List<MergedArea> Merges { get; } = [];

    /// <summary>Cells the reader already converted from a legacy encoding (those whose font says so).</summary>
    public int LegacyCellsConverted { get; set; }

    /// <summary>The sheet had more rows than the limit; reading stopped there.</summary>
    public bool Truncated { get; set; }
}

/// <summary>How much an upload may hold. A zip bomb or an endless sheet is refused by these, before it costs memory.</summary>
public sealed record ImportLimits
{
    public long MaxFileBytes { get; init; } = 20L * 1024 * 1024;
    public long MaxUncompressedBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Uncompressed ÷ compressed size of one zip part; real sheets compress 5–20 times, bombs a thousand.</summary>
    public double MaxCompressionRatio { get; init; } = 200;
    public int MaxZipEntries { get; init; } = 2000;
    public int MaxRows { get; init; } = 20_000;
    public int MaxColumns { get; init; } = 64;
    public int MaxCellChars { get; init; } = 32_767;

    public static ImportLimits Default { get; } = new();
}

/// <summary>A file refused for a reason the user can act on; the message is Vietnamese and shown as is.</summary>
public sealed class ImportRejectedException(string message) : Exception(message);
