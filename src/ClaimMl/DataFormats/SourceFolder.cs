namespace ClaimMl.DataFormats;

/// <summary>Reads the sources of a check: every <c>.txt</c> file of a folder, in ordinal name order, as strict UTF-8.</summary>
internal static class SourceFolder
{
    public static List<Source> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ClaimMlDataException(folder, 0, null, "the sources folder does not exist.");
        }
        string[] files = Directory.GetFiles(folder, "*.txt");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw new ClaimMlDataException(folder, 0, null, "the sources folder holds no .txt files.");
        }
        var sources = new List<Source>(files.Length);
        foreach (string file in files)
        {
            string text = StrictText.ReadAll(file);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ClaimMlDataException(file, 0, null, "the source is empty.");
            }
            if (text.Contains('\0'))
            {
                throw new ClaimMlDataException(file, 0, null, "the source holds NUL characters; it is not a text file.");
            }
            sources.Add(new Source(Path.GetFileName(file), text));
        }
        return sources;
    }
}
