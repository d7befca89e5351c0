namespace ClaimMl.Training;

/// <summary>One labeled claim–source pair: the claim, the index of its source in <see cref="LabeledPairSet.Sources"/>, and the gold stance.</summary>
internal readonly record struct LabeledPair(string Claim, int Source, Stance Stance);

/// <summary>A labeled data set ready for training or evaluation: source texts and the pairs that refer to them.</summary>
/// <param name="Name">A name for messages and metrics (e.g. "fnc-1 train").</param>
/// <param name="Sources">Source texts (FNC-1 article bodies).</param>
/// <param name="Pairs">Labeled pairs.</param>
internal sealed record LabeledPairSet(string Name, IReadOnlyList<string> Sources, IReadOnlyList<LabeledPair> Pairs)
{
    /// <summary>The sets this one was concatenated from, as pair ranges (one part covering everything for a single set).</summary>
    public IReadOnlyList<(string Name, int Start, int Count)> Parts { get; init; } = [(Name, 0, Pairs.Count)];

    public LabeledPairSet Subset(string name, Func<LabeledPair, bool> keep)
    {
        var pairs = Pairs.Where(keep).ToList();
        return this with { Name = name, Pairs = pairs, Parts = [(name, 0, pairs.Count)] };
    }

    /// <summary>This set with more pairs over the same sources, as a part of its own.</summary>
    public LabeledPairSet WithPart(string name, IReadOnlyList<LabeledPair> more)
    {
        var pairs = new List<LabeledPair>(Pairs.Count + more.Count);
        pairs.AddRange(Pairs);
        pairs.AddRange(more);
        var parts = new List<(string, int, int)>(Parts) { (name, Pairs.Count, more.Count) };
        return new LabeledPairSet($"{Name} + {name}", Sources, pairs) { Parts = parts };
    }

    /// <summary>This set followed by <paramref name="other"/> (source indexes of the other set shifted).</summary>
    public LabeledPairSet Concat(LabeledPairSet other)
    {
        var sources = new List<string>(Sources.Count + other.Sources.Count);
        sources.AddRange(Sources);
        sources.AddRange(other.Sources);
        var pairs = new List<LabeledPair>(Pairs.Count + other.Pairs.Count);
        pairs.AddRange(Pairs);
        foreach (LabeledPair pair in other.Pairs)
        {
            pairs.Add(pair with { Source = pair.Source + Sources.Count });
        }
        var parts = new List<(string, int, int)>(Parts);
        foreach (var (name, start, count) in other.Parts)
        {
            parts.Add((name, start + Pairs.Count, count));
        }
        return new LabeledPairSet($"{Name} + {other.Name}", sources, pairs) { Parts = parts };
    }
}
