namespace ClaimMl.Entailment;

/// <summary>
/// One labeled claim–passage pair for training or evaluating the entailment judge.
/// </summary>
/// <param name="Claim">The claim.</param>
/// <param name="Passage">The passage of a source it is read against (a sentence or a short window).</param>
/// <param name="Label">What the passage does to the claim.</param>
/// <param name="Origin">The data set and part it came from (e.g. "fever-nli", "fnc-1 neither"), for counts and metrics.</param>
/// <param name="Group">
/// The unit that must not straddle training and dev (a claim, a story): the dev part is carved by group, so
/// that no claim or story of the dev part is seen in training.
/// </param>
internal sealed record JudgePair(string Claim, string Passage, EntailmentLabel Label, string Origin, string Group);
