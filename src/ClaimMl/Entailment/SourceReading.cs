namespace ClaimMl.Entailment;

/// <summary>What the checker learned of one source for a claim before deciding its stance in the judged mode.</summary>
/// <param name="Lexical">The lexical stage's stance probabilities.</param>
/// <param name="Passages">The passages the judge read (best-aligned first) with its readings; empty when the source was not read.</param>
/// <param name="Probabilities">The judge's probabilities of each passage, in the order of <paramref name="Passages"/>.</param>
/// <param name="EndsWithWindow">Whether the last passage is a window of two sentences (<see cref="PassageSelector.Select"/>); the others are single sentences.</param>
internal readonly record struct SourceReading(StanceProbabilities Lexical, PassageReading[] Passages, ReadOnlyMemory<EntailmentProbabilities> Probabilities, bool EndsWithWindow = false);
