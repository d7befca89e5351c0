using System.Text;

namespace ClaimMl.DataFormats;

/// <summary>Opens text files as strict UTF-8 (a BOM is honoured), so that invalid bytes are an error rather than silent replacement characters.</summary>
internal static class StrictText
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static StreamReader OpenReader(string path)
    {
        if (!File.Exists(path))
        {
            throw new ClaimMlDataException(path, 0, null, "the file does not exist.");
        }
        return new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>Reads a whole file, naming the file and line of the first invalid byte sequence.</summary>
    public static string ReadAll(string path)
    {
        using StreamReader reader = OpenReader(path);
        try
        {
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException e)
        {
            throw new ClaimMlDataException(path, LineOfInvalidBytes(path), null, "the file is not valid UTF-8 text.", e);
        }
    }

    /// <summary>The 1-based line holding the first byte sequence that is not UTF-8 (0 if none is found).</summary>
    public static int LineOfInvalidBytes(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int line = 1, start = 0;
        for (int i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == (byte)'\n')
            {
                try
                {
                    Utf8.GetCharCount(bytes, start, i - start);
                }
                catch (DecoderFallbackException)
                {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 0;
    }
}
