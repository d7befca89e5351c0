using System.Text.Json.Serialization;

namespace ClaimMl.Model;

/// <summary>
/// How a source's stance is decided from its probabilities: it refutes when P(refutes) reaches
/// <see cref="Refutes"/> (checked first: one strong refutation outweighs support), otherwise it
/// supports when P(supports) reaches <see cref="Supports"/>, otherwise it discusses or is unrelated,
/// whichever is likelier. Chosen on out-of-fold predictions of the training sets and stored in the model.
/// </summary>
internal sealed record DecisionThresholds
{
    [JsonPropertyName("refutes")] public float Refutes { get; init; } = 0.5f;
    [JsonPropertyName("supports")] public float Supports { get; init; } = 0.5f;

    public Stance Decide(StanceProbabilities p)
    {
        if (p.Refutes >= Refutes)
        {
            return Stance.Refutes;
        }
        if (p.Supports >= Supports)
        {
            return Stance.Supports;
        }
        return p.Discusses >= p.Unrelated ? Stance.Discusses : Stance.Unrelated;
    }
}
