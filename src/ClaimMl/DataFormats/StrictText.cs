using System.Globalization;
using System.Text;

namespace ClaimMl.DataFormats;

/// <summary>
/// Opens text files as strict UTF-8, so that invalid bytes are an error rather than silent replacement
/// characters. A byte-order mark is honoured: UTF-8, UTF-16 (little or big endian) and UTF-32 files with
/// a BOM are read in their encoding. NUL characters are refused (they mean a binary file, or UTF-16
/// text saved without a BOM, which would otherwise be read as words broken up by NULs).
/// </summary>
internal static class StrictText
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static StreamReader OpenReader(string path)
    {
        if (!File.Exists(path))
        {
            throw new ClaimMlDataException(path, 0, null, Directory.Exists(path) ? "is a folder, not a file." : "the file does not exist.");
        }
        // The reader skips the encoding's byte-order mark; every encoding throws on invalid input.
        return new StreamReader(path, EncodingOf(path), detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>The strict encoding of a file: by its byte-order mark, else UTF-8.</summary>
    public static Encoding EncodingOf(string path)
    {
        Span<byte> head = stackalloc byte[4];
        int n;
        using (FileStream file = File.OpenRead(path))
        {
            n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        return EncodingOf(head[..n]);
    }

    /// <summary>The strict encoding of text starting with <paramref name="head"/> (its first bytes): by its byte-order mark, else UTF-8.</summary>
    public static Encoding EncodingOf(ReadOnlySpan<byte> head)
    {
        return head switch
        {
            [0xFF, 0xFE, 0x00, 0x00] => new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true),
            [0x00, 0x00, 0xFE, 0xFF] => new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true),
            [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true),
            [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true),
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true),
        };
    }

    /// <summary>Reads a whole file, naming the file and line of the first invalid byte sequence or NUL character.</summary>
    public static string ReadAll(string path) => ReadAll(path, int.MaxValue, null);

    /// <summary>
    /// The text of <paramref name="bytes"/>, the whole content of <paramref name="path"/> read once by the caller (who
    /// may hash the same bytes), decoded as <see cref="ReadAll(string)"/> decodes the file: by its byte-order mark, else
    /// strict UTF-8; invalid bytes and NUL characters are errors naming the file and line.
    /// </summary>
    public static string Decode(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Encoding encoding = EncodingOf(bytes.AsSpan(0, Math.Min(4, bytes.Length)));
        ReadOnlySpan<byte> bom = encoding.Preamble;
        int skip = bytes.AsSpan().StartsWith(bom) ? bom.Length : 0;
        string text;
        try
        {
            text = encoding.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException e)
        {
            throw InvalidText(path, bytes, e);
        }
        RefuseNul(path, text);
        return text;
    }

    /// <summary>
    /// Reads a checker input (a source, a claims file, a text) held to <see cref="ClaimCheckerLimits.MaxSourceLength"/>:
    /// a longer file is refused after reading at most that many characters, the message naming the limit.
    /// </summary>
    public static string ReadAll(string path, ClaimCheckerLimits limits) =>
        ReadAll(path, limits.MaxSourceLength, nameof(ClaimCheckerLimits.MaxSourceLength));

    /// <summary>
    /// Reads a whole file of at most <paramref name="maxLength"/> characters; a longer file is refused after
    /// reading <paramref name="maxLength"/> characters of it, never read whole.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxLength">The most characters the file may hold.</param>
    /// <param name="limitName">The <see cref="ClaimCheckerLimits"/> property that set <paramref name="maxLength"/>, for the message.</param>
    public static string ReadAll(string path, int maxLength, string? limitName)
    {
        string text;
        using (StreamReader reader = OpenReader(path))
        {
            try
            {
                text = maxLength == int.MaxValue ? reader.ReadToEnd() : ReadAtMost(path, reader, maxLength, limitName);
            }
            catch (DecoderFallbackException e)
            {
                throw InvalidText(path, e);
            }
        }
        RefuseNul(path, text);
        return text;
    }

    private static string ReadAtMost(string path, StreamReader reader, int maxLength, string? limitName)
    {
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if ((long)text.Length + read > maxLength)
            {
                long bytes = new FileInfo(path).Length;
                string how = limitName is null ? "" : $" ({ClaimCheckerLimits.HowToRaise(limitName)})";
                throw new ClaimMlDataException(path, 0, null, string.Create(CultureInfo.InvariantCulture,
                    $"the file ({bytes:N0} bytes) holds more than {maxLength:N0} characters, over the limit of {maxLength:N0}{how}."));
            }
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }

    /// <summary>Refuses text holding a NUL character, naming its line and whether the file looks like UTF-16 without a byte-order mark.</summary>
    public static void RefuseNul(string path, string text)
    {
        int nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul < 0)
        {
            return;
        }
        string problem = LooksLikeUtf16WithoutBom(text)
            ? "the file holds NUL characters: it looks like UTF-16 text without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)."
            : "the file holds a NUL character; it is not a text file.";
        throw new ClaimMlDataException(path, LineOf(text, nul), null, problem);
    }

    /// <summary>The 1-based line of <paramref name="index"/> in <paramref name="text"/>.</summary>
    public static int LineOf(string text, int index) => 1 + text.AsSpan(0, Math.Min(index, text.Length)).Count('\n');

    /// <summary>UTF-16 read as UTF-8: mostly ASCII characters, each followed (little endian) or preceded (big endian) by a NUL.</summary>
    private static bool LooksLikeUtf16WithoutBom(string text)
    {
        int n = Math.Min(text.Length, 512) & ~1;
        if (n < 4)
        {
            return false;
        }
        int even = 0, odd = 0;
        for (int i = 0; i < n; i++)
        {
            if (text[i] == '\0')
            {
                if (i % 2 == 0) even++;
                else odd++;
            }
        }
        return Math.Max(even, odd) >= n / 2 * 0.8 && Math.Min(even, odd) <= n / 2 * 0.1;
    }

    /// <summary>The error for a file whose bytes are not valid in its encoding, naming the line of the first bad sequence.</summary>
    public static ClaimMlDataException InvalidText(string path, DecoderFallbackException e) => InvalidText(path, File.ReadAllBytes(path), e);

    /// <summary>
    /// The error for <paramref name="bytes"/>, the content of <paramref name="path"/>, not valid in their encoding (by
    /// their byte-order mark, else UTF-8), naming the line of the first bad sequence.
    /// </summary>
    private static ClaimMlDataException InvalidText(string path, byte[] bytes, DecoderFallbackException e)
    {
        Encoding encoding = EncodingOf(bytes.AsSpan(0, Math.Min(4, bytes.Length)));
        if (encoding is UTF8Encoding)
        {
            return new ClaimMlDataException(path, LineOfInvalidBytes(bytes), null, "the file is not valid UTF-8 text (save it as UTF-8, or as UTF-16 with a byte-order mark).", e);
        }
        // Another encoding (by its byte-order mark): find the first replacement character of a lenient decoding.
        string lenient = Encoding.GetEncoding(encoding.CodePage).GetString(bytes);
        int bad = lenient.IndexOf('\uFFFD', StringComparison.Ordinal);
        return new ClaimMlDataException(path, bad < 0 ? 0 : LineOf(lenient, bad), null, $"the file is not valid {encoding.WebName} text (it starts with that encoding's byte-order mark).", e);
    }

    /// <summary>The 1-based line holding the first byte sequence of <paramref name="bytes"/> that is not UTF-8 (0 if none is found).</summary>
    private static int LineOfInvalidBytes(byte[] bytes)
    {
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
