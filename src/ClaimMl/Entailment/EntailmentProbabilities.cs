namespace ClaimMl;

/// <summary>
/// How the entailment judge reads one claim against one passage of a source: the probability that the
/// passage states the claim, that it contradicts it, or neither. They sum to 1.
/// </summary>
/// <param name="Entails">Probability that the passage states (entails) the claim.</param>
/// <param name="Contradicts">Probability that the passage contradicts the claim.</param>
/// <param name="Neither">Probability that the passage neither states nor contradicts the claim.</param>
public readonly record struct EntailmentProbabilities(float Entails, float Contradicts, float Neither);
