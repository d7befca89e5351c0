namespace ClaimMl;

/// <summary>One feature's part in a source's stance, from the model's own feature contributions.</summary>
/// <param name="Feature">The feature's stable name (e.g. <c>best_sentence.refuting_cues</c>).</param>
/// <param name="Value">The feature's value for this claim and source.</param>
/// <param name="Contribution">
/// Its contribution to the score of the cascade stage that decided the stance; positive values push
/// towards "related", "takes a position" or "refutes" respectively (see <see cref="SourceExplanation.Decision"/>).
/// </param>
public readonly record struct FeatureContribution(string Feature, float Value, float Contribution);

/// <summary>Why a source got its stance: the deciding decision and its strongest feature contributions.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Stance">The stance.</param>
/// <param name="Decision">
/// What made it: in the judged mode, the passage the judge read as stating or contradicting the claim (or that none
/// did, or that the source was not read); in the lexical-only mode, the cascade decision ("related vs unrelated",
/// "takes a position vs discusses" or "refutes vs supports").
/// </param>
/// <param name="Contributions">The lexical features with the largest absolute contributions, largest first.</param>
public sealed record SourceExplanation(string Source, Stance Stance, string Decision, IReadOnlyList<FeatureContribution> Contributions)
{
    /// <summary>The passages the judge read, with its probabilities (empty in the lexical-only mode or when the source was not read).</summary>
    public IReadOnlyList<PassageReading> Passages { get; init; } = [];
}
