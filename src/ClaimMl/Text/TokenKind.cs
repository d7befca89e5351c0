namespace ClaimMl.Text;

/// <summary>What a token is, and which cue lexicons it belongs to.</summary>
[Flags]
internal enum TokenFlags : ushort
{
    None = 0,
    Word = 1 << 0,
    Number = 1 << 1,
    Stopword = 1 << 2,
    Negation = 1 << 3,
    RefutingCue = 1 << 4,
    HedgingCue = 1 << 5,
    Capitalized = 1 << 6,
    Denial = 1 << 7,
    Truth = 1 << 8,
}

/// <summary>A word or number of a text: where it is, and its hashed identity.</summary>
/// <param name="Start">Offset of the first character in the text.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Term">Hash of the normalised (lower-cased) surface form.</param>
/// <param name="Stem">Hash of the light-stemmed form, used for matching claims against sources.</param>
/// <param name="Flags">Kind and cue membership.</param>
/// <param name="Value">Numeric value for <see cref="TokenFlags.Number"/> tokens, otherwise 0.</param>
internal readonly record struct Token(int Start, int Length, ulong Term, ulong Stem, TokenFlags Flags, double Value)
{
    public bool IsContent => (Flags & (TokenFlags.Stopword)) == 0;
    public bool IsNumber => (Flags & TokenFlags.Number) != 0;
}
