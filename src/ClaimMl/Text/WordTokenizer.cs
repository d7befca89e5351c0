using System.Globalization;

namespace ClaimMl.Text;

/// <summary>
/// Splits text into word and number tokens. Numbers keep their thousands separators and decimal
/// points ("10,000", "3.5"), words keep inner apostrophes ("wasn't"); everything is lower-cased
/// and hashed so that later stages compare integers, not strings.
/// </summary>
internal static class WordTokenizer
{
    private const int MaxTokenLength = 64;

    /// <summary>Tokenizes <paramref name="text"/>, appending to <paramref name="tokens"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="offset">Added to every token's start (the position of <paramref name="text"/> in a larger text).</param>
    /// <param name="tokens">Receives the tokens.</param>
    public static void Tokenize(ReadOnlySpan<char> text, int offset, List<Token> tokens)
    {
        Span<char> buffer = stackalloc char[MaxTokenLength];
        Span<ulong> prefixHash = stackalloc ulong[MaxTokenLength + 1];
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            int start = i;
            bool startsWithDigit = char.IsDigit(c);
            bool allNumeric = startsWithDigit;
            i++;
            while (i < text.Length)
            {
                char d = text[i];
                if (char.IsLetterOrDigit(d))
                {
                    allNumeric &= char.IsDigit(d);
                    i++;
                }
                else if ((d == ',' || d == '.') && allNumeric && i + 1 < text.Length && char.IsDigit(text[i + 1]) && char.IsDigit(text[i - 1]))
                {
                    i++; // 10,000 and 3.5 stay whole
                }
                else if ((d == '\'' || d == '\u2019') && !allNumeric && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                {
                    i++; // wasn't, Nicaragua's
                }
                else
                {
                    break;
                }
            }

            tokens.Add(MakeToken(text.Slice(start, i - start), offset + start, allNumeric, buffer, prefixHash));
        }
    }

    /// <summary>Tokenizes a whole string.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        Tokenize(text.AsSpan(), 0, tokens);
        return tokens;
    }

    private static Token MakeToken(ReadOnlySpan<char> surface, int start, bool isNumber, Span<char> buffer, Span<ulong> prefixHash)
    {
        // Lower-case into the buffer and hash as we go, keeping the hash of every prefix so that
        // the stem, a prefix of the word but for the characters the stemmer rewrites, is hashed
        // from where it departs rather than from the start.
        ulong hash = TermHash.Start;
        prefixHash[0] = hash;
        int length = 0;
        foreach (char raw in surface)
        {
            if (length == buffer.Length)
            {
                break; // overlong tokens are identified by their first 64 characters
            }
            char c = raw == '\u2019' ? '\'' : char.ToLowerInvariant(raw);
            if (isNumber && c == ',')
            {
                continue; // 10,000 and 10000 are the same number
            }
            buffer[length++] = c;
            hash = TermHash.Step(hash, c);
            prefixHash[length] = hash;
        }

        Span<char> normalised = buffer[..length];
        ulong term = hash;
        if (isNumber)
        {
            double value = double.TryParse(normalised, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0;
            return new Token(start, surface.Length, term, term, TokenFlags.Number, value);
        }

        TokenFlags flags = TokenFlags.Word;
        if (char.IsUpper(surface[0]))
        {
            flags |= TokenFlags.Capitalized;
        }
        flags |= Lexicons.FlagsOf(term);
        if ((flags & TokenFlags.Negation) == 0 && normalised.EndsWith("n't", StringComparison.Ordinal))
        {
            flags |= TokenFlags.Negation;
        }
        int stemLength = LightStemmer.Stem(normalised, out int firstChanged);
        ulong stem = TermHash.Continue(prefixHash[firstChanged], normalised[firstChanged..stemLength]);
        return new Token(start, surface.Length, term, stem, flags, 0);
    }
}
