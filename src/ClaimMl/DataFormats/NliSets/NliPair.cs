using ClaimMl.Entailment;

namespace ClaimMl.DataFormats.NliSets;

/// <summary>
/// One labeled pair of a sentence-level entailment set: the claim (the set's hypothesis), the passage it is
/// read against (the premise or evidence), what the passage does to the claim, and the side of the set it
/// came from (e.g. SICK's <c>TRAIN</c>, SciFact's <c>dev</c>).
/// </summary>
/// <param name="Claim">The claim (hypothesis).</param>
/// <param name="Passage">The passage (premise, evidence).</param>
/// <param name="Label">What the passage does to the claim.</param>
/// <param name="Side">The side (split) of the set the pair came from.</param>
/// <param name="Line">The 1-based line of the pair in its file.</param>
internal sealed record NliPair(string Claim, string Passage, EntailmentLabel Label, string Side, int Line);
