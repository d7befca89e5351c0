using System.Collections.Frozen;

namespace ClaimMl.Text;

/// <summary>A sentence of a text, as a character range.</summary>
/// <param name="Start">Offset of the sentence's first character.</param>
/// <param name="Length">Length in characters (leading and trailing white space excluded).</param>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Splits text into sentences at '.', '!', '?' and line breaks, without breaking after common
/// abbreviations ("Gen.", "Oct.", "Mr."), initials ("J. Smith") or dotted acronyms ("U.S.") when
/// the text goes on in the same sentence; also at the sentence marks of other scripts: the Arabic
/// question mark and full stop and the Devanagari danda (like '!'), and the CJK full stop and
/// full-width '!' and '?', which end a sentence with no space after them.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "maj", "capt", "cmdr", "sgt", "adm",
        "gov", "sen", "rep", "pres", "rev", "hon", "insp", "supt", "det", "cpl", "pvt",
        "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "est", "approx", "vs", "etc", "no", "nos", "fig", "vol", "ch", "op", "cf",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "ave", "blvd", "rd", "hwy",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // After a dotted acronym such as "U.S." a new sentence starts only if one of these words follows.
    private static readonly FrozenSet<string> SentenceStarters = new[]
    {
        "the", "a", "an", "it", "he", "she", "they", "we", "i", "but", "and", "in", "this", "that", "these", "those",
        "there", "his", "her", "their", "its", "on", "at", "after", "before", "officials", "however", "meanwhile",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits <paramref name="text"/> into non-overlapping sentence spans, in order.</summary>
    public static List<TextSpan> Split(ReadOnlySpan<char> text)
    {
        var spans = new List<TextSpan>();
        Split(text, spans);
        return spans;
    }

    /// <summary>Splits <paramref name="text"/>, appending the sentence spans to <paramref name="spans"/>.</summary>
    public static void Split(ReadOnlySpan<char> text, List<TextSpan> spans)
    {
        int sentenceStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n' || c == '\r')
            {
                Add(text, sentenceStart, i, spans);
                sentenceStart = i + 1;
                i++;
                continue;
            }

            if (c is '\u3002' or '\uFF01' or '\uFF1F')
            {
                // CJK: no space between sentences.
                int end = i + 1;
                while (end < text.Length && text[end] is '\u300D' or '\u300F' or '\uFF09' or '\u201D' or '"' or '\u3002' or '\uFF01' or '\uFF1F')
                {
                    end++;
                }
                Add(text, sentenceStart, end, spans);
                sentenceStart = end;
                i = end;
                continue;
            }

            if (c is '.' or '!' or '?' or '\u2026' or '\u061F' or '\u06D4' or '\u0964' or '\u0965')
            {
                int end = i + 1;
                while (end < text.Length && text[end] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '\u201D' or '\u2019')
                {
                    end++;
                }
                if ((end == text.Length || char.IsWhiteSpace(text[end])) && IsBoundary(text, i, end))
                {
                    Add(text, sentenceStart, end, spans);
                    sentenceStart = end;
                }
                i = end;
                continue;
            }
            i++;
        }
        Add(text, sentenceStart, text.Length, spans);
    }

    private static bool IsBoundary(ReadOnlySpan<char> text, int punctuation, int end)
    {
        int next = end;
        while (next < text.Length && text[next] is ' ' or '\t' or '\u00A0')
        {
            next++;
        }
        if (next < text.Length && char.IsLower(text[next]))
        {
            return false; // "approx. five", "e.g. the"
        }
        if (text[punctuation] != '.')
        {
            return true;
        }

        int wordStart = punctuation;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }
        ReadOnlySpan<char> word = text[wordStart..punctuation];
        if (word.Length == 0)
        {
            return true;
        }
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false; // initial: "J. Smith"
        }
        if (word.Contains('.'))
        {
            // dotted acronym (U.S., U.N.): ends the sentence only before a typical sentence opener
            return next >= text.Length || SentenceStarters.GetAlternateLookup<ReadOnlySpan<char>>().Contains(NextWord(text, next));
        }
        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        return !lookup.Contains(word);
    }

    private static ReadOnlySpan<char> NextWord(ReadOnlySpan<char> text, int start)
    {
        int end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }
        return text[start..end];
    }

    private static void Add(ReadOnlySpan<char> text, int start, int end, List<TextSpan> spans)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            spans.Add(new TextSpan(start, end - start));
        }
    }
}
