namespace ClaimMl.Text;

/// <summary>
/// 64-bit FNV-1a hashing of normalised text. Terms are identified by hash, so matching a claim
/// against a source needs no string allocation and no shared vocabulary.
/// </summary>
internal static class TermHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of the empty string, where <see cref="Step"/> starts.</summary>
    public const ulong Start = OffsetBasis;

    public static ulong Of(ReadOnlySpan<char> normalised) => Continue(OffsetBasis, normalised);

    /// <summary>The hash of a text whose beginning hashed to <paramref name="hash"/>, extended by <paramref name="more"/>.</summary>
    public static ulong Continue(ulong hash, ReadOnlySpan<char> more)
    {
        foreach (char c in more)
        {
            hash = Step(hash, c);
        }
        return hash;
    }

    /// <summary>One character more: <c>Of(s + c) == Step(Of(s), c)</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong hash, char c) => (hash ^ c) * Prime;

    /// <summary>Hash of a lower-cased word given as plain text (used to build lexicons).</summary>
    public static ulong OfWord(string word) => Of(word.ToLowerInvariant());

    /// <summary>Order-dependent combination of two term hashes (word bigrams).</summary>
    public static ulong Combine(ulong first, ulong second) => (first * Prime) ^ (second + 0x9E3779B97F4A7C15UL + (first << 6) + (first >> 2));
}
