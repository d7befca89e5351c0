using ClaimMl.Evaluation;
using ClaimMl.Model;

namespace ClaimMl.Training;

/// <summary>
/// Chooses the <see cref="DecisionThresholds"/> on out-of-fold predictions of the training data:
/// the grid point with the best macro-F1, averaged over the training sets (so a large set such as
/// FNC-1 does not drown the others), F1 counted over the stances each set has.
/// </summary>
internal static class ThresholdTuner
{
    public static (DecisionThresholds Thresholds, double Objective) Tune(LabeledPairSet data, StanceProbabilities[] outOfFold) =>
        GridSearch(candidate => Objective(data, outOfFold, candidate), maxRefutes: 70, maxSupports: 70);

    /// <summary>The grid point (steps of 0.05) with the highest objective; ties keep the earlier, lower thresholds.</summary>
    private static (DecisionThresholds Thresholds, double Objective) GridSearch(Func<DecisionThresholds, double> objective, int maxRefutes, int maxSupports)
    {
        DecisionThresholds best = new();
        double bestObjective = double.MinValue;
        for (int r = 10; r <= maxRefutes; r += 5)
        {
            for (int s = 20; s <= maxSupports; s += 5)
            {
                var candidate = new DecisionThresholds { Refutes = r / 100f, Supports = s / 100f };
                double value = objective(candidate);
                if (value > bestObjective + 1e-9)
                {
                    (best, bestObjective) = (candidate, value);
                }
            }
        }
        return (best, bestObjective);
    }

    /// <summary>
    /// Fits the confidence calibration on the out-of-fold predictions, each pair taken as a claim with
    /// one source (its verdict from its decided stance), every training set weighted equally.
    /// </summary>
    public static ConfidenceCalibration FitCalibration(LabeledPairSet data, StanceProbabilities[] outOfFold, DecisionThresholds thresholds)
    {
        var examples = new List<(float, bool, double)>(outOfFold.Length);
        foreach (var (_, start, count) in data.Parts)
        {
            double weight = count == 0 ? 0 : 1.0 / count;
            for (int i = start; i < start + count; i++)
            {
                StanceProbabilities p = outOfFold[i];
                Verdict predicted = VerdictRule.Decide([thresholds.Decide(p)]);
                Verdict gold = VerdictRule.Decide([data.Pairs[i].Stance]);
                examples.Add((VerdictRule.Confidence(predicted, [p]), predicted == gold, weight));
            }
        }
        return ConfidenceCalibration.Fit(examples);
    }

    /// <summary>
    /// Pseudo-claims for tuning the verdict: each claim's pairs (FNC-1 headline with its article
    /// bodies, Emergent claim with its headlines) shuffled and cut into groups of up to
    /// <paramref name="groupSize"/> sources; the gold verdict of a group follows the verdict rule from
    /// the gold stances. Parts whose claims have a single source (sentence-level sets) are left out.
    /// </summary>
    public static List<(string Part, int[] Pairs, Verdict Gold)> ClaimGroups(LabeledPairSet data, int seed, int groupSize = 5)
    {
        var random = new Random(seed);
        var groups = new List<(string, int[], Verdict)>();
        foreach (var (name, start, count) in data.Parts)
        {
            var byClaim = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (int i = start; i < start + count; i++)
            {
                if (!byClaim.TryGetValue(data.Pairs[i].Claim, out List<int>? list))
                {
                    byClaim[data.Pairs[i].Claim] = list = [];
                }
                list.Add(i);
            }
            if (byClaim.Count == count)
            {
                continue; // one source per claim
            }
            foreach (List<int> pairs in byClaim.Values.OrderBy(l => l[0]))
            {
                int[] shuffled = [.. pairs];
                random.Shuffle(shuffled);
                for (int g = 0; g < shuffled.Length; g += groupSize)
                {
                    int[] group = shuffled[g..Math.Min(shuffled.Length, g + groupSize)];
                    groups.Add((name, group, VerdictRule.Decide(group.Select(i => data.Pairs[i].Stance))));
                }
            }
        }
        return groups;
    }

    /// <summary>
    /// <paramref name="groups"/> with labeled claims added as one more part (<paramref name="part"/>): each claim
    /// checked by <paramref name="model"/> against its set's sources is a group, its sources' probabilities
    /// appended after <paramref name="probabilities"/>. Used to tune the verdict on claims checked as a user
    /// checks them (several sources of several kinds) beside the training groups, in which every source is a
    /// whole article about the claim.
    /// </summary>
    public static (List<(string Part, int[] Pairs, Verdict Gold)> Groups, StanceProbabilities[] Probabilities) WithLabeledClaims(
        IReadOnlyList<(string Part, int[] Pairs, Verdict Gold)> groups, StanceProbabilities[] probabilities, StanceModel model,
        IReadOnlyList<DataFormats.ClaimSets.ClaimSet> sets, string part)
    {
        var checker = new ClaimChecker(model);
        var allGroups = new List<(string, int[], Verdict)>(groups);
        var all = new List<StanceProbabilities>(probabilities);
        foreach (DataFormats.ClaimSets.ClaimSet set in sets)
        {
            ClaimResult[] results = ClaimSetEvaluator.CheckCases(checker, set);
            for (int i = 0; i < results.Length; i++)
            {
                if (set.Cases[i].Gold is not Verdict gold)
                {
                    continue;
                }
                ClaimResult result = results[i];
                int[] indexes = Enumerable.Range(all.Count, result.Sources.Count).ToArray();
                all.AddRange(result.Sources.Select(s => s.Probabilities));
                allGroups.Add((part, indexes, gold));
            }
        }
        return (allGroups, all.ToArray());
    }

    /// <summary>The thresholds with the best claim-level macro-F1 over the groups, averaged over the parts.</summary>
    public static (DecisionThresholds Thresholds, double Objective) TuneVerdict(IReadOnlyList<(string Part, int[] Pairs, Verdict Gold)> groups, StanceProbabilities[] outOfFold) =>
        GridSearch(candidate => VerdictObjective(groups, outOfFold, candidate), maxRefutes: 90, maxSupports: 90);

    public static double VerdictObjective(IReadOnlyList<(string Part, int[] Pairs, Verdict Gold)> groups, StanceProbabilities[] outOfFold, DecisionThresholds thresholds)
    {
        double sum = 0;
        int parts = 0;
        foreach (var part in groups.GroupBy(g => g.Part))
        {
            var gold = new List<int>();
            var predicted = new List<int>();
            foreach (var (_, pairs, goldVerdict) in part)
            {
                gold.Add((int)goldVerdict);
                predicted.Add((int)VerdictRule.Decide(pairs.Select(i => thresholds.Decide(outOfFold[i]))));
            }
            sum += new VerdictMetrics(["confirmed", "disputed", "unverified"], gold, predicted, new float[gold.Count]).MacroF1;
            parts++;
        }
        return parts == 0 ? 0 : sum / parts;
    }

    /// <summary>Fits the verdict-confidence calibration on the claim groups (each part weighted equally).</summary>
    public static ConfidenceCalibration FitVerdictCalibration(IReadOnlyList<(string Part, int[] Pairs, Verdict Gold)> groups, StanceProbabilities[] outOfFold, DecisionThresholds thresholds)
    {
        var examples = new List<(float, bool, double)>(groups.Count);
        foreach (var part in groups.GroupBy(g => g.Part))
        {
            double weight = 1.0 / part.Count();
            foreach (var (_, pairs, gold) in part)
            {
                var probabilities = pairs.Select(i => outOfFold[i]).ToArray();
                Verdict predicted = VerdictRule.Decide(probabilities.Select(thresholds.Decide));
                examples.Add((VerdictRule.Confidence(predicted, probabilities), predicted == gold, weight));
            }
        }
        return ConfidenceCalibration.Fit(examples);
    }

    public static double Objective(LabeledPairSet data, StanceProbabilities[] outOfFold, DecisionThresholds thresholds)
    {
        double sum = 0;
        int parts = 0;
        foreach (var (_, start, count) in data.Parts)
        {
            if (count == 0)
            {
                continue;
            }
            StanceMetrics m = CrossValidation.Score(data, outOfFold, thresholds.Decide, start, count);
            var present = StanceMetrics.Order.Where(s => m[s].Support > 0).ToArray();
            sum += present.Average(s => m[s].F1);
            parts++;
        }
        return parts == 0 ? 0 : sum / parts;
    }
}
