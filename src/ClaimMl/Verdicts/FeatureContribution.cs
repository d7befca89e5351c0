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
/// <param name="Decision">The cascade decision that made it: "related vs unrelated", "takes a position vs discusses" or "refutes vs supports".</param>
/// <param name="Contributions">The features with the largest absolute contributions, largest first.</param>
public sealed record SourceExplanation(string Source, Stance Stance, string Decision, IReadOnlyList<FeatureContribution> Contributions);
