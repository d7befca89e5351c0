using ClaimMl.DataFormats.ClaimSets;

namespace ClaimMl.Evaluation;

/// <summary>The figures of one claim set, with what the claims without a gold verdict came out as.</summary>
internal sealed record ClaimSetReport(ClaimSet Set, VerdictMetrics Metrics, IReadOnlyDictionary<string, int> UnlabeledOutcomes);

/// <summary>Checks every claim of a claim set against its own sources and scores the verdicts (or the per-source stances).</summary>
internal static class ClaimSetEvaluator
{
    public static readonly string[] VerdictLabels = ["confirmed", "disputed", "unverified"];
    public static readonly string[] BinaryLabels = ["confirmed", "not confirmed"];
    public static readonly string[] StanceLabels = ["supports", "refutes", "discusses"];

    /// <summary>
    /// Every case of <paramref name="set"/> checked against its own sources, in case order, on all cores. A source
    /// list that several cases share (the claims of one labeled folder) is indexed once.
    /// </summary>
    public static ClaimResult[] CheckCases(ClaimChecker checker, ClaimSet set, CancellationToken cancellation = default)
    {
        checker = checker.WithLimits(ClaimCheckerLimits.Unlimited); // labeled sets are scored whole, whatever their texts' sizes
        var options = new ParallelOptions { CancellationToken = cancellation };
        IReadOnlyList<string>[] lists = set.Cases.Select(c => c.Sources).Distinct(ReferenceEqualityComparer.Instance).Cast<IReadOnlyList<string>>().ToArray();
        var indexed = new SourceSet[lists.Length];
        Parallel.For(0, lists.Length, options, i => indexed[i] = checker.Index(lists[i].Select((text, j) => new Source($"#{j}", text))));
        var indexOf = new Dictionary<object, SourceSet>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < lists.Length; i++)
        {
            indexOf[lists[i]] = indexed[i];
        }
        var results = new ClaimResult[set.Cases.Count];
        Parallel.For(0, set.Cases.Count, options, i => results[i] = checker.Check(set.Cases[i].Claim, indexOf[set.Cases[i].Sources]));
        return results;
    }

    public static ClaimSetReport Evaluate(ClaimChecker checker, ClaimSet set, CancellationToken cancellation = default)
    {
        ClaimResult[] results = CheckCases(checker, set, cancellation);

        var gold = new List<int>();
        var predicted = new List<int>();
        var confidence = new List<float>();
        var unlabeled = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] labels;
        for (int i = 0; i < results.Length; i++)
        {
            ClaimCase c = set.Cases[i];
            ClaimResult r = results[i];
            switch (set.Scoring)
            {
                case ClaimSetScoring.SourceStances:
                    for (int j = 0; j < r.Sources.Count; j++)
                    {
                        StanceProbabilities p = r.Sources[j].Probabilities;
                        // Headlines are all about their claim: an "unrelated" decision counts as discusses.
                        Stance s = r.Sources[j].Stance == Stance.Unrelated ? Stance.Discusses : r.Sources[j].Stance;
                        gold.Add((int)c.SourceStances![j]);
                        predicted.Add((int)s);
                        confidence.Add(s == Stance.Discusses ? p.Discusses + p.Unrelated : p[s]);
                    }
                    break;
                case ClaimSetScoring.ConfirmedOrNot:
                    gold.Add(c.Gold == Verdict.Confirmed ? 0 : 1);
                    predicted.Add(r.Verdict == Verdict.Confirmed ? 0 : 1);
                    confidence.Add(r.Verdict == Verdict.Confirmed ? r.Confidence : 1 - VerdictRule.Probabilities(r.Sources.Select(s => s.Probabilities)).Confirmed);
                    break;
                default:
                    if (c.Gold is null)
                    {
                        string key = $"{c.GoldLabel} → {Word(r.Verdict)}";
                        unlabeled[key] = unlabeled.GetValueOrDefault(key) + 1;
                        continue;
                    }
                    gold.Add((int)c.Gold.Value);
                    predicted.Add((int)r.Verdict);
                    confidence.Add(r.Confidence);
                    break;
            }
        }
        labels = set.Scoring switch
        {
            ClaimSetScoring.SourceStances => StanceLabels,
            ClaimSetScoring.ConfirmedOrNot => BinaryLabels,
            _ => VerdictLabels,
        };
        return new ClaimSetReport(set, new VerdictMetrics(labels, gold, predicted, confidence), unlabeled);
    }

    public static string Word(Verdict verdict) => VerdictLabels[(int)verdict];
}
