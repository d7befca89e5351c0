namespace ClaimMl.Text;

/// <summary>
/// 64-bit FNV-1a hashing of normalised text. Terms are identified by hash, so matching a claim
/// against a source needs no string allocation and no shared vocabulary.
/// </summary>
internal static class TermHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> normalised)
    {
        ulong hash = OffsetBasis;
        foreach (char c in normalised)
        {
            hash ^= c;
            hash *= Prime;
        }
        return hash;
    }

    /// <summary>Hash of a lower-cased word given as plain text (used to build lexicons).</summary>
    public static ulong OfWord(string word) => Of(word.ToLowerInvariant());

    /// <summary>Order-dependent combination of two term hashes (word bigrams).</summary>
    public static ulong Combine(ulong first, ulong second) => (first * Prime) ^ (second + 0x9E3779B97F4A7C15UL + (first << 6) + (first >> 2));
}
