namespace ClaimMl;

/// <summary>What one source says about a claim, and why.</summary>
public sealed class SourceAssessment
{
    internal SourceAssessment(string source, Stance stance, StanceProbabilities probabilities, string? evidence, IReadOnlyList<PassageReading>? passages = null)
    {
        Source = source;
        Stance = stance;
        Probabilities = probabilities;
        Evidence = evidence;
        Passages = passages ?? [];
    }

    /// <summary>The source's name (for files, the file name).</summary>
    public string Source { get; }

    /// <summary>The most probable stance of the source towards the claim.</summary>
    public Stance Stance { get; }

    /// <summary>The probability of each stance.</summary>
    public StanceProbabilities Probabilities { get; }

    /// <summary>
    /// The passage that decided the stance: with the entailment judge, the passage it read as stating (supports) or
    /// contradicting (refutes) the claim, else the one the claim aligned to best; in the lexical-only mode, the
    /// sentence the claim aligned to best. <see langword="null"/> when no sentence of the source shares a content
    /// word with the claim.
    /// </summary>
    public string? Evidence { get; }

    /// <summary>
    /// The passages the entailment judge read against the claim (the sentences the claim aligned to best), with
    /// what it read in each; empty in the lexical-only mode and for a source the lexical stage found unrelated.
    /// </summary>
    public IReadOnlyList<PassageReading> Passages { get; }
}
