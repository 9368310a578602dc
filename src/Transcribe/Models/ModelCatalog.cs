namespace MeetingAssist.Transcribe;

/// <summary>One .bin file found in the models folder, with its header details or why it was refused.</summary>
public sealed record ModelCatalogEntry(string FileName, string Path, long SizeBytes, WhisperModelInfo? Info, ModelProblem? Problem, string? Error)
{
    public bool IsValid => Info is not null;
}

/// <summary>Lists the whisper models in a folder, without loading any of them into the engine.</summary>
public static class ModelCatalog
{
    /// <summary>
    /// Lists every .bin file. With <paramref name="checkBodies"/> each file is read in full (every tensor's name,
    /// shape and size), so a half-copied file is listed as refused; without, only headers are read.
    /// </summary>
    public static IReadOnlyList<ModelCatalogEntry> List(string folder, bool checkBodies = false)
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
                var info = checkBodies ? WhisperModelInfo.Validate(path) : WhisperModelInfo.Read(path);
                entries.Add(new ModelCatalogEntry(System.IO.Path.GetFileName(path), path, size, info, null, null));
            }
            catch (InvalidModelException ex)
            {
                entries.Add(new ModelCatalogEntry(System.IO.Path.GetFileName(path), path, size, null, ex.Problem, ex.Reason));
            }
        }

        return entries;
    }
}
