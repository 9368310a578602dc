namespace MeetingAssist.Host.Petitions.Import;

/// <summary>What a row calls itself: an opinion (ý kiến), a request that must be answered (kiến nghị), or not said.</summary>
public enum ImportedPetitionKind { Unspecified, Opinion, Request }

/// <summary>One petition as read from a sheet row; nothing is saved yet. Empty strings for cells the sheet lacks.</summary>
public sealed record ImportedPetition(
    int RowNumber, string Stt, string Name, string Address, string Content, string Field, string Department,
    DateOnly? Date, ImportedPetitionKind Kind, string Source, string Note);

/// <summary>A problem in the file, for the user: <see cref="RowNumber"/> is the sheet's own row number, null for the whole sheet.</summary>
public sealed record ImportProblem(int? RowNumber, string Message);

/// <summary>A row that looks like one already known: another row of the file, or an existing petition.</summary>
public sealed record ImportDuplicate(int RowNumber, int? SameAsRowNumber, string? SameAsExistingKey, double Similarity, string Message);

/// <summary>The column each meaning was found in, as its header reads.</summary>
public sealed record ImportColumn(string Meaning, string Header, int Column);

/// <summary>What an import would do: the rows read, and what stands in the way. Commit only when <see cref="CanCommit"/>.</summary>
public sealed record ImportPreview(
    string SheetName,
    IReadOnlyList<ImportedPetition> Rows,
    IReadOnlyList<ImportProblem> RowProblems,
    IReadOnlyList<ImportProblem> SheetProblems,
    IReadOnlyList<ImportColumn> Columns,
    int LegacyCellsConverted)
{
    public IReadOnlyList<ImportDuplicate> Duplicates { get; init; } = [];

    public bool CanCommit => Rows.Count > 0 && RowProblems.Count == 0 && SheetProblems.Count == 0;

    public static ImportPreview Failed(string message) => new("", [], [], [new ImportProblem(null, message)], [], 0);
}
