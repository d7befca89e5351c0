namespace ClaimMl;

/// <summary>The verdict on one claim, with the assessment of every source behind it.</summary>
public sealed class ClaimResult
{
    internal ClaimResult(string claim, Verdict verdict, float confidence, IReadOnlyList<SourceAssessment> sources)
    {
        Claim = claim;
        Verdict = verdict;
        Confidence = confidence;
        Sources = sources;
    }

    /// <summary>The claim as given.</summary>
    public string Claim { get; }

    /// <summary>The verdict, by the rule of <see cref="VerdictRule"/>.</summary>
    public Verdict Verdict { get; }

    /// <summary>
    /// Probability of <see cref="Verdict"/> under the per-source stance probabilities, treating sources as
    /// independent (see <see cref="VerdictRule.Probabilities"/>); between 0 and 1.
    /// </summary>
    public float Confidence { get; }

    /// <summary>One assessment per source, in the order the sources were given.</summary>
    public IReadOnlyList<SourceAssessment> Sources { get; }
}
