namespace ClaimMl;

/// <summary>The model's probability of each <see cref="Stance"/> for one claim–source pair; they sum to 1.</summary>
/// <param name="Supports">Probability that the source supports the claim.</param>
/// <param name="Refutes">Probability that the source refutes the claim.</param>
/// <param name="Discusses">Probability that the source discusses the claim without taking a position.</param>
/// <param name="Unrelated">Probability that the source is unrelated to the claim.</param>
public readonly record struct StanceProbabilities(float Supports, float Refutes, float Discusses, float Unrelated)
{
    /// <summary>The probability of <paramref name="stance"/>.</summary>
    /// <param name="stance">A stance.</param>
    public float this[Stance stance] => stance switch
    {
        Stance.Supports => Supports,
        Stance.Refutes => Refutes,
        Stance.Discusses => Discusses,
        _ => Unrelated,
    };

    /// <summary>The most probable stance (ties go to the earlier of unrelated, discusses, supports, refutes).</summary>
    public Stance MostLikely
    {
        get
        {
            Stance best = Stance.Unrelated;
            float p = Unrelated;
            if (Discusses > p) { best = Stance.Discusses; p = Discusses; }
            if (Supports > p) { best = Stance.Supports; p = Supports; }
            if (Refutes > p) { best = Stance.Refutes; }
            return best;
        }
    }
}
