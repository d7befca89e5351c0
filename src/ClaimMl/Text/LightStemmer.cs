namespace ClaimMl.Text;

/// <summary>
/// A deliberately small suffix stripper (plural, -ing, -ed, possessive) that lets "troops" match
/// "troop" and "denied" match "deny". It only has to map inflections of one word together; it is
/// never shown to a user.
/// </summary>
internal static class LightStemmer
{
    /// <summary>Stems the lower-cased word in place and returns the stem's length.</summary>
    public static int Stem(Span<char> word) => Stem(word, out _);

    /// <summary>
    /// Stems the lower-cased word in place and returns the stem's length; <paramref name="firstChanged"/>
    /// is the first position whose character the stemmer rewrote (the stem's length when it only cut),
    /// so that a caller holding the hashes of the word's prefixes can hash the stem from there on.
    /// </summary>
    public static int Stem(Span<char> word, out int firstChanged)
    {
        int n = word.Length;
        firstChanged = n;
        if (n > 2 && word[n - 2] == '\'' && word[n - 1] == 's')
        {
            n -= 2; // possessive: nicaragua's -> nicaragua
        }
        if (n <= 3)
        {
            firstChanged = n;
            return n;
        }
        if (EndsWith(word, n, "ies") && n > 4)
        {
            word[n - 3] = 'y';
            firstChanged = n - 3;
            n -= 2;
        }
        else if (EndsWith(word, n, "sses"))
        {
            n -= 2;
        }
        else if (word[n - 1] == 's' && !EndsWith(word, n, "ss") && !EndsWith(word, n, "us") && !EndsWith(word, n, "is"))
        {
            n -= 1;
        }

        if (n > 5 && EndsWith(word, n, "ing"))
        {
            n -= 3;
        }
        else if (n > 4 && EndsWith(word, n, "ied"))
        {
            word[n - 3] = 'y';
            firstChanged = Math.Min(firstChanged, n - 3);
            n -= 2;
        }
        else if (n > 4 && EndsWith(word, n, "ed"))
        {
            n -= 2;
        }
        if (n > 3 && word[n - 1] == word[n - 2] && word[n - 1] is not ('l' or 's' or 'z'))
        {
            n -= 1; // stopped -> stopp -> stop
        }
        firstChanged = Math.Min(firstChanged, n);
        return n;
    }

    private static bool EndsWith(Span<char> word, int length, string suffix) =>
        length >= suffix.Length && word[..length].EndsWith(suffix.AsSpan(), StringComparison.Ordinal);
}
