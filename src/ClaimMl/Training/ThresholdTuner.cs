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
    public static (DecisionThresholds Thresholds, double Objective) Tune(LabeledPairSet data, StanceProbabilities[] outOfFold)
    {
        DecisionThresholds best = new();
        double bestObjective = double.MinValue;
        for (int r = 10; r <= 70; r += 5)
        {
            for (int s = 20; s <= 70; s += 5)
            {
                var candidate = new DecisionThresholds { Refutes = r / 100f, Supports = s / 100f };
                double objective = Objective(data, outOfFold, candidate);
                if (objective > bestObjective + 1e-9)
                {
                    (best, bestObjective) = (candidate, objective);
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
