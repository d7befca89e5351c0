using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ClaimMl.Text;

/// <summary>
/// Rewrites numbers written in words as digits ("Forty-one of the users" → "41 of the users", "a hundred" → "100",
/// "three thousand" → "3,000"), so that a reader that learned figures in digits compares them whatever way they
/// were written. Two to ninety-nine, their compounds ("forty-one", "forty one"), and those or "a"/"one" before
/// "hundred" or "thousand" ("two hundred and fifty" → "250"). Left as written: "one" alone ("one of them", "no
/// one"), fractions ("two thirds", "three-quarters"), ordinals, plurals ("hundreds") and anything inside a longer
/// word ("tenants"). Thread-safe; returns the same instance when there is nothing to rewrite.
/// </summary>
internal static class NumberWords
{
    private static readonly FrozenDictionary<string, int> Small = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Fractions = new[]
    {
        "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "sixths", "seventh", "sevenths",
        "eighth", "eighths", "ninth", "ninths", "tenth", "tenths",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SmallLookup = Small.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FractionLookup = Fractions.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether <paramref name="word"/> alone is a number word <see cref="ToDigits"/> knows ("six", "Forty"; not "hundred" or "a").</summary>
    public static bool IsNumberWord(ReadOnlySpan<char> word) => SmallLookup.ContainsKey(word);

    /// <summary>The text with its numbers written in words rewritten as digits (the same instance when there are none).</summary>
    public static string ToDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? rewritten = null;
        int copied = 0;
        for (int i = 0; TryFindNext(text, ref i, out int start, out int value);)
        {
            rewritten ??= new StringBuilder(text.Length);
            rewritten.Append(text, copied, start - copied).Append(value.ToString(value >= 1000 ? "N0" : "D", CultureInfo.InvariantCulture));
            copied = i;
        }
        if (rewritten is null)
        {
            return text;
        }
        return rewritten.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The numbers written in words in <paramref name="text"/> that <see cref="ToDigits"/> rewrites, in order: where each starts and ends, and its value.</summary>
    public static List<(int Start, int End, int Value)> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<(int, int, int)>();
        for (int i = 0; TryFindNext(text, ref i, out int start, out int value);)
        {
            found.Add((start, i, value));
        }
        return found;
    }

    /// <summary>1 to 99 in words, lower-case, compounds hyphenated ("forty-one").</summary>
    public static string Write(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 99);
        string? tens = null, units = null;
        foreach (var (word, v) in Small)
        {
            if (v == value)
            {
                return word;
            }
            if (value > 20 && v == value / 10 * 10)
            {
                tens = word;
            }
            if (value > 20 && v == value % 10)
            {
                units = word;
            }
        }
        return tens + "-" + units;
    }

    /// <summary>The next number in words at or after <paramref name="at"/>: its start and value, with <paramref name="at"/> moved past it.</summary>
    private static bool TryFindNext(string text, ref int at, out int start, out int value)
    {
        while (at < text.Length)
        {
            if (!char.IsAsciiLetter(text[at]))
            {
                at++;
                continue;
            }
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && TryRead(text, at, out int end, out value))
            {
                start = at;
                at = end;
                return true;
            }
            at = WordEnd(text, at);
        }
        start = -1;
        value = 0;
        return false;
    }

    /// <summary>Reads a number in words starting at <paramref name="start"/> (the start of a word).</summary>
    private static bool TryRead(string text, int start, out int end, out int value)
    {
        end = start;
        value = 0;
        ReadOnlySpan<char> first = text.AsSpan(start, WordEnd(text, start) - start);
        int at = start + first.Length;
        bool article = first.Equals("a", StringComparison.OrdinalIgnoreCase);
        if (article || first.Equals("one", StringComparison.OrdinalIgnoreCase))
        {
            // "a" and "one" count only before "hundred" or "thousand".
            value = 1;
            if (!TryMultiply(text, ref at, ref value))
            {
                return false;
            }
        }
        else
        {
            if (!TryReadSmall(text, first, at, out value, out at))
            {
                return false;
            }
            TryMultiply(text, ref at, ref value);
        }
        // A fraction ("two thirds", "three-quarters") stays as written.
        if (TryNextWord(text, at, allowHyphen: true, out ReadOnlySpan<char> next, out _) && FractionLookup.Contains(next))
        {
            return false;
        }
        end = at;
        return true;
    }

    /// <summary>
    /// A number of 1 to 99 in words whose first word is <paramref name="word"/> (ending at <paramref name="wordEnd"/>),
    /// a compound ("forty-one", "forty one") read whole; its value and where it ends.
    /// </summary>
    private static bool TryReadSmall(string text, ReadOnlySpan<char> word, int wordEnd, out int value, out int end)
    {
        end = wordEnd;
        if (!SmallLookup.TryGetValue(word, out value))
        {
            return false;
        }
        if (value >= 20 && value % 10 == 0 && TryNextWord(text, wordEnd, allowHyphen: true, out ReadOnlySpan<char> unit, out int unitEnd)
            && SmallLookup.TryGetValue(unit, out int units) && units < 10)
        {
            value += units;
            end = unitEnd;
        }
        return true;
    }

    /// <summary>"… hundred [and …]" and "… thousand" after a number: multiplies it and moves past them; false when neither follows.</summary>
    private static bool TryMultiply(string text, ref int at, ref int value)
    {
        bool multiplied = false;
        if (value < 100 && TryNextWord(text, at, allowHyphen: false, out ReadOnlySpan<char> hundred, out int hundredEnd)
            && hundred.Equals("hundred", StringComparison.OrdinalIgnoreCase))
        {
            value *= 100;
            at = hundredEnd;
            multiplied = true;
            if (TryNextWord(text, at, allowHyphen: false, out ReadOnlySpan<char> and, out int andEnd) && and.Equals("and", StringComparison.OrdinalIgnoreCase)
                && TryNextWord(text, andEnd, allowHyphen: false, out ReadOnlySpan<char> rest, out int restEnd) && TryReadSmall(text, rest, restEnd, out int tail, out int tailEnd))
            {
                value += tail;
                at = tailEnd;
            }
        }
        if (TryNextWord(text, at, allowHyphen: false, out ReadOnlySpan<char> thousand, out int thousandEnd)
            && thousand.Equals("thousand", StringComparison.OrdinalIgnoreCase))
        {
            value *= 1000;
            at = thousandEnd;
            multiplied = true;
        }
        return multiplied;
    }

    /// <summary>The word after one space (or, when allowed, one hyphen) at <paramref name="at"/>, ending at a non-letter.</summary>
    private static bool TryNextWord(string text, int at, bool allowHyphen, out ReadOnlySpan<char> word, out int end)
    {
        word = default;
        end = at;
        if (at + 1 >= text.Length || !(text[at] == ' ' || (allowHyphen && text[at] is '-' or '\u2010')) || !char.IsAsciiLetter(text[at + 1]))
        {
            return false;
        }
        end = WordEnd(text, at + 1);
        word = text.AsSpan(at + 1, end - at - 1);
        return true;
    }

    private static int WordEnd(string text, int start)
    {
        int end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }
        return end;
    }
}
