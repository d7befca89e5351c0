using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer.Training;

namespace ClaimMl.Tests.JudgeTraining;

/// <summary>
/// The bias-only model behind <c>train --debias-overlap</c>: the share of a claim's content words a passage holds,
/// the pair's cell, and loss weights that fall on the pairs whose label the cell's majority gets wrong.
/// </summary>
public class OverlapBiasTests
{
    [TestCase("The ferry service resumed on Monday.", "After the storm the ferry service resumed on Monday morning.", 1.0)]
    [TestCase("The ferry service resumed on Monday.", "The harbour master praised the new terminal.", 0.0)]
    [TestCase("The ferry service resumed on Monday.", "The ferry stayed in port.", 0.25)] // ferry of ferry, service, resumed, monday
    [TestCase("Ferries resumed.", "The ferry resumed its crossings.", 1.0)] // stems: ferries ~ ferry
    [TestCase("It was the one.", "Something else entirely.", 1.0)] // no content words: nothing to miss
    public void TheSharedShareCountsTheClaimsDistinctContentWords(string claim, string passage, double expected) =>
        Assert.That(OverlapBias.SharedShare(claim, passage), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void TheCellSeparatesFullOverlapAndANegationOnOneSide()
    {
        int full = OverlapBias.Cell("The ferry service resumed on Monday.", "The ferry service resumed on Monday after the storm.");
        int fullNegated = OverlapBias.Cell("The ferry service resumed on Monday.", "The ferry service has not resumed on Monday.");
        int bothNegated = OverlapBias.Cell("The ferry service did not resume.", "The ferry service did not resume after the storm.");
        int none = OverlapBias.Cell("The ferry service resumed on Monday.", "The council approved the budget.");
        int nearlyFull = OverlapBias.Cell("The ferry service resumed on Monday at dawn.", "The ferry service resumed on Monday.");
        Assert.Multiple(() =>
        {
            Assert.That(fullNegated, Is.EqualTo(full + 1), "same share bin, a negation on one side only");
            Assert.That(bothNegated, Is.EqualTo(full), "a negation on both sides is no mismatch");
            Assert.That(none, Is.EqualTo(0));
            Assert.That(nearlyFull, Is.LessThan(full).And.GreaterThan(none), "four of five content words: a bin below all shared");
            Assert.That(new[] { full, fullNegated, none, nearlyFull }, Is.All.InRange(0, OverlapBias.Cells - 1));
        });
    }

    [Test]
    public void WeightsFallOnThePairsTheCellsMajorityGetsWrongAndAverageOne()
    {
        // Full overlap: nine entailed pairs and one contradicted (a detail changed). No overlap: nine neither, one entailed (a rewording).
        var pairs = new List<JudgePair>();
        for (int i = 0; i < 9; i++)
        {
            pairs.Add(new JudgePair($"Ferry {i} resumed service.", $"Ferry {i} resumed service on time.", EntailmentLabel.Entails, "test", $"g{i}"));
            pairs.Add(new JudgePair($"Ferry {i} resumed service.", "The council approved the budget.", EntailmentLabel.Neither, "test", $"h{i}"));
        }
        pairs.Add(new JudgePair("Ferry 9 resumed service.", "Ferry 9 resumed service, though not on time.", EntailmentLabel.Contradicts, "test", "c"));
        pairs.Add(new JudgePair("Ferry 9 resumed service.", "Boats are crossing again.", EntailmentLabel.Entails, "test", "e"));
        Assume.That(OverlapBias.Cell(pairs[^2].Claim, pairs[^2].Passage), Is.Not.EqualTo(OverlapBias.Cell(pairs[0].Claim, pairs[0].Passage)),
            "the contradicted pair has a negation on one side: a cell of its own");

        float[] weights = OverlapBias.Weights(pairs);
        Assert.Multiple(() =>
        {
            Assert.That(weights.Average(), Is.EqualTo(1).Within(1e-5));
            Assert.That(weights[^1], Is.GreaterThan(weights[0] * 2), "the rewording weighs more than the entailed pairs that share every word");
            Assert.That(weights[^1], Is.GreaterThan(weights[1] * 2), "and more than the unrelated pairs of its cell");
            Assert.That(weights[0], Is.EqualTo(weights[2]), "pairs of one cell and label weigh the same");
        });
    }
}
