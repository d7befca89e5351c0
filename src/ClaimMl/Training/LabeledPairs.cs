namespace ClaimMl.Training;

/// <summary>One labeled claim–source pair: the claim, the index of its source in <see cref="LabeledPairSet.Sources"/>, and the gold stance.</summary>
internal readonly record struct LabeledPair(string Claim, int Source, Stance Stance);

/// <summary>A labeled data set ready for training or evaluation: source texts and the pairs that refer to them.</summary>
/// <param name="Name">A name for messages and metrics (e.g. "fnc-1 train").</param>
/// <param name="Sources">Source texts (FNC-1 article bodies).</param>
/// <param name="Pairs">Labeled pairs.</param>
internal sealed record LabeledPairSet(string Name, IReadOnlyList<string> Sources, IReadOnlyList<LabeledPair> Pairs)
{
    public LabeledPairSet Subset(string name, Func<LabeledPair, bool> keep) => this with { Name = name, Pairs = Pairs.Where(keep).ToList() };
}
