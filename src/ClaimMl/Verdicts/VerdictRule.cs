namespace ClaimMl;

/// <summary>
/// Turns per-source stances into a verdict: <see cref="Verdict.Disputed"/> when at least one source
/// refutes the claim; otherwise <see cref="Verdict.Confirmed"/> when at least one supports it;
/// otherwise <see cref="Verdict.Unverified"/>.
/// </summary>
public static class VerdictRule
{
    /// <summary>Applies the rule to the sources' stances.</summary>
    /// <param name="stances">The stance of each source; none at all gives <see cref="Verdict.Unverified"/>.</param>
    public static Verdict Decide(IEnumerable<Stance> stances)
    {
        ArgumentNullException.ThrowIfNull(stances);
        bool supported = false;
        foreach (Stance stance in stances)
        {
            if (stance == Stance.Refutes)
            {
                return Verdict.Disputed;
            }
            supported |= stance == Stance.Supports;
        }
        return supported ? Verdict.Confirmed : Verdict.Unverified;
    }

    /// <summary>The rule over a span of stances (the checker's allocation-free path); same result as <see cref="Decide(IEnumerable{Stance})"/>.</summary>
    internal static Verdict Decide(ReadOnlySpan<Stance> stances)
    {
        bool supported = false;
        foreach (Stance stance in stances)
        {
            if (stance == Stance.Refutes)
            {
                return Verdict.Disputed;
            }
            supported |= stance == Stance.Supports;
        }
        return supported ? Verdict.Confirmed : Verdict.Unverified;
    }

    /// <summary>
    /// The probability of each verdict when each source's stance is drawn independently from its
    /// probabilities: P(disputed) = 1 − Π(1 − refutes), P(unverified) = Π(1 − refutes − supports),
    /// P(confirmed) = the rest. The three sum to 1.
    /// </summary>
    /// <param name="sources">The stance probabilities of each source.</param>
    /// <returns>The probabilities of confirmed, disputed and unverified.</returns>
    public static (float Confirmed, float Disputed, float Unverified) Probabilities(IEnumerable<StanceProbabilities> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        double noRefutation = 1, noPosition = 1;
        foreach (StanceProbabilities p in sources)
        {
            Accumulate(p, ref noRefutation, ref noPosition);
        }
        return Finish(noRefutation, noPosition);
    }

    /// <summary><see cref="Probabilities(IEnumerable{StanceProbabilities})"/> over a span (the checker's allocation-free path).</summary>
    internal static (float Confirmed, float Disputed, float Unverified) ProbabilitiesOf(ReadOnlySpan<StanceProbabilities> sources)
    {
        double noRefutation = 1, noPosition = 1;
        foreach (StanceProbabilities p in sources)
        {
            Accumulate(p, ref noRefutation, ref noPosition);
        }
        return Finish(noRefutation, noPosition);
    }

    private static void Accumulate(StanceProbabilities p, ref double noRefutation, ref double noPosition)
    {
        noRefutation *= Math.Clamp(1.0 - p.Refutes, 0, 1);
        noPosition *= Math.Clamp(1.0 - p.Refutes - p.Supports, 0, 1);
    }

    private static (float Confirmed, float Disputed, float Unverified) Finish(double noRefutation, double noPosition)
    {
        double disputed = 1 - noRefutation;
        double unverified = noPosition;
        double confirmed = Math.Max(0, noRefutation - noPosition);
        return ((float)confirmed, (float)disputed, (float)unverified);
    }

    /// <summary>The probability that <see cref="Probabilities(IEnumerable{StanceProbabilities})"/> gives <paramref name="verdict"/>.</summary>
    /// <param name="verdict">A verdict.</param>
    /// <param name="sources">The stance probabilities of each source.</param>
    public static float Confidence(Verdict verdict, IEnumerable<StanceProbabilities> sources) => Select(verdict, Probabilities(sources));

    /// <summary><see cref="Confidence(Verdict, IEnumerable{StanceProbabilities})"/> over a span (the checker's allocation-free path).</summary>
    internal static float ConfidenceOf(Verdict verdict, ReadOnlySpan<StanceProbabilities> sources) => Select(verdict, ProbabilitiesOf(sources));

    private static float Select(Verdict verdict, (float Confirmed, float Disputed, float Unverified) probabilities) => verdict switch
    {
        Verdict.Confirmed => probabilities.Confirmed,
        Verdict.Disputed => probabilities.Disputed,
        _ => probabilities.Unverified,
    };
}
