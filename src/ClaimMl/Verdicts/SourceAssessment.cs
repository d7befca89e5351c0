namespace ClaimMl;

/// <summary>What one source says about a claim, and why.</summary>
public sealed class SourceAssessment
{
    internal SourceAssessment(string source, Stance stance, StanceProbabilities probabilities, string? evidence)
    {
        Source = source;
        Stance = stance;
        Probabilities = probabilities;
        Evidence = evidence;
    }

    /// <summary>The source's name (for files, the file name).</summary>
    public string Source { get; }

    /// <summary>The most probable stance of the source towards the claim.</summary>
    public Stance Stance { get; }

    /// <summary>The probability of each stance.</summary>
    public StanceProbabilities Probabilities { get; }

    /// <summary>
    /// The sentence of the source that the claim aligned to best, which decided the stance; <see langword="null"/>
    /// when no sentence of the source shares a content word with the claim.
    /// </summary>
    public string? Evidence { get; }
}
