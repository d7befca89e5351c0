using System.Globalization;

namespace ClaimMl.DataFormats;

/// <summary>
/// Reads the sources of a check: every <c>.txt</c> file of a folder, in ordinal name order, as strict
/// UTF-8 (or UTF-16/UTF-32 with a byte-order mark), within the checker's <see cref="ClaimCheckerLimits"/>.
/// </summary>
internal static class SourceFolder
{
    public static List<Source> Read(string folder) => Read(folder, ClaimCheckerLimits.Default);

    public static List<Source> Read(string folder, ClaimCheckerLimits limits)
    {
        if (!Directory.Exists(folder))
        {
            throw new ClaimMlDataException(folder, 0, null, File.Exists(folder) ? "is a file; --sources takes a folder of .txt files." : "the sources folder does not exist.");
        }
        string[] files = Directory.GetFiles(folder, "*.txt");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw new ClaimMlDataException(folder, 0, null, "the sources folder holds no .txt files.");
        }
        if (files.Length > limits.MaxSources)
        {
            throw new ClaimMlDataException(folder, 0, null, string.Create(CultureInfo.InvariantCulture,
                $"the folder holds {files.Length:N0} .txt files, over the limit of {limits.MaxSources:N0} sources ({ClaimCheckerLimits.HowToRaise(nameof(ClaimCheckerLimits.MaxSources))})."));
        }
        var sources = new List<Source>(files.Length);
        foreach (string file in files)
        {
            string text = StrictText.ReadAll(file, limits);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ClaimMlDataException(file, 0, null, text.Length == 0 ? "the source is empty." : "the source holds only white space.");
            }
            if (!text.Any(char.IsLetter))
            {
                // Numbers and symbols alone state nothing a claim could be checked against; the model would still
                // score their overlap with a claim's figures, so the file is refused rather than silently weighed.
                throw new ClaimMlDataException(file, 0, null, "the source holds no word (no letter), only numbers, punctuation or symbols; it cannot state a claim.");
            }
            sources.Add(new Source(Path.GetFileName(file), text));
        }
        return sources;
    }
}
