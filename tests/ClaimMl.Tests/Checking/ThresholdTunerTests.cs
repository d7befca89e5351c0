using ClaimMl.Model;
using ClaimMl.Training;

namespace ClaimMl.Tests.Checking;

/// <summary>Choosing the decision thresholds and the confidence calibration on out-of-fold predictions.</summary>
[TestFixture]
public sealed class ThresholdTunerTests
{
    private static LabeledPairSet MultiSourceSet(out StanceProbabilities[] outOfFold)
    {
        // Two claims with six sources each; the model's refute probability for refuting sources is 0.3,
        // below the default 0.5, so only a lowered refute threshold finds them.
        var pairs = new List<LabeledPair>();
        var probabilities = new List<StanceProbabilities>();
        var sources = new List<string>();
        foreach (string claim in new[] { "claim one", "claim two" })
        {
            for (int i = 0; i < 6; i++)
            {
                Stance gold = claim == "claim one" && i == 0 ? Stance.Refutes : i % 2 == 0 ? Stance.Supports : Stance.Unrelated;
                pairs.Add(new LabeledPair(claim, sources.Count, gold));
                sources.Add($"source {sources.Count}");
                probabilities.Add(gold switch
                {
                    Stance.Refutes => new StanceProbabilities(0.2f, 0.3f, 0.4f, 0.1f),
                    Stance.Supports => new StanceProbabilities(0.7f, 0.05f, 0.2f, 0.05f),
                    _ => new StanceProbabilities(0.02f, 0.02f, 0.06f, 0.9f),
                });
            }
        }
        outOfFold = [.. probabilities];
        return new LabeledPairSet("test", sources, pairs);
    }

    [Test]
    public void ClaimGroupsHoldAtMostFiveSourcesOfOneClaimAndFollowTheRule()
    {
        LabeledPairSet data = MultiSourceSet(out _);
        var groups = ThresholdTuner.ClaimGroups(data, seed: 3);
        Assert.That(groups.Sum(g => g.Pairs.Length), Is.EqualTo(data.Pairs.Count), "every pair in exactly one group");
        foreach (var (_, pairIndexes, gold) in groups)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(pairIndexes, Has.Length.InRange(1, 5));
                Assert.That(pairIndexes.Select(i => data.Pairs[i].Claim).Distinct().Count(), Is.EqualTo(1));
                Assert.That(gold, Is.EqualTo(VerdictRule.Decide(pairIndexes.Select(i => data.Pairs[i].Stance))));
            }
        }
    }

    [Test]
    public void VerdictTuningLowersTheRefuteThresholdWhenRefutationsAreUnderconfident()
    {
        LabeledPairSet data = MultiSourceSet(out StanceProbabilities[] outOfFold);
        var groups = ThresholdTuner.ClaimGroups(data, seed: 3);
        var (thresholds, objective) = ThresholdTuner.TuneVerdict(groups, outOfFold);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(thresholds.Refutes, Is.LessThanOrEqualTo(0.3f));
            Assert.That(thresholds.Supports, Is.LessThanOrEqualTo(0.7f));
            Assert.That(objective, Is.GreaterThan(ThresholdTuner.VerdictObjective(groups, outOfFold, new DecisionThresholds())));
        }
    }

    [Test]
    public void CalibrationMakesOverconfidentScoresHonest()
    {
        // Scores of 0.9 that are right half the time must come out near 0.5.
        var examples = Enumerable.Range(0, 200).Select(i => (0.9f, i % 2 == 0, 1.0)).ToList();
        ConfidenceCalibration calibration = ConfidenceCalibration.Fit(examples);
        Assert.That(calibration.Apply(0.9f), Is.EqualTo(0.5f).Within(0.02f));
    }
}
