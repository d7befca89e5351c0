namespace ClaimMl;

/// <summary>How a <see cref="ClaimChecker"/> decides what a source says about a claim.</summary>
public enum ClaimCheckingMode
{
    /// <summary>
    /// The default: the lexical stage finds the related sources and the sentences a claim aligns to; the entailment
    /// judge (a cross-encoder reading claim and passage together) reads those passages and decides whether the source
    /// states the claim, contradicts it, or neither.
    /// </summary>
    Judged = 0,

    /// <summary>
    /// The lexical stage alone (word overlap, cue words, number agreement and a tree ensemble): tens of thousands of
    /// claim–source pairs a second, but it knows whether a source is about a claim far better than whether it states it.
    /// </summary>
    LexicalOnly = 1,
}
