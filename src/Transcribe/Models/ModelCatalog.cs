namespace MeetingAssist.Transcribe;

/// <summary>One .bin file found in the models folder, with its header details or why it was refused.</summary>
public sealed record ModelCatalogEntry(string FileName, string Path, long SizeBytes, WhisperModelInfo? Info, string? Error)
{
    public bool IsValid => Info is not null;

    /// <summary>Vietnamese text for the settings page when the file is refused.</summary>
    public string? UserError => Error is null ? null : "Tệp không phải mô hình Whisper (ggml) hợp lệ.";
}

/// <summary>Lists the whisper models in a folder from their headers, without loading any of them.</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<ModelCatalogEntry> List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var entries = new List<ModelCatalogEntry>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.bin", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var size = new FileInfo(path).Length;
            try
            {
                entries.Add(new ModelCatalogEntry(System.IO.Path.GetFileName(path), path, size, WhisperModelInfo.Read(path), null));
            }
            catch (InvalidModelException ex)
            {
                entries.Add(new ModelCatalogEntry(System.IO.Path.GetFileName(path), path, size, null, ex.Reason));
            }
        }

        return entries;
    }
}
