using ClaimMl.Evaluation;

namespace ClaimMl.Tests;

/// <summary>The bootstrap interval of macro-F1 that <c>evaluate</c> prints beside it: how much a figure on so many claims can tell.</summary>
public class VerdictMetricsIntervalTests
{
    private static readonly string[] Labels = ["confirmed", "disputed", "unverified"];

    /// <summary><paramref name="repeats"/> copies of ten claims, seven of them right.</summary>
    private static VerdictMetrics Metrics(int repeats)
    {
        int[] gold = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
        int[] predicted = [0, 0, 0, 1, 1, 1, 2, 2, 2, 0];
        var g = new List<int>();
        var p = new List<int>();
        for (int r = 0; r < repeats; r++)
        {
            g.AddRange(gold);
            p.AddRange(predicted);
        }
        return new VerdictMetrics(Labels, g, p, new float[g.Count]);
    }

    [Test]
    public void TheIntervalHoldsTheFigureAndNarrowsWithMoreClaims()
    {
        VerdictMetrics few = Metrics(3), many = Metrics(100);
        (double low, double high) = few.MacroF1Interval();
        (double manyLow, double manyHigh) = many.MacroF1Interval();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(few.MacroF1, Is.EqualTo(many.MacroF1).Within(1e-12), "the same mix of right and wrong");
            Assert.That(low, Is.LessThan(few.MacroF1));
            Assert.That(high, Is.GreaterThan(few.MacroF1));
            Assert.That(manyLow, Is.LessThan(many.MacroF1).And.GreaterThan(low));
            Assert.That(manyHigh, Is.GreaterThan(many.MacroF1).And.LessThan(high));
            Assert.That(manyHigh - manyLow, Is.LessThan((high - low) / 3), "ten times the claims: about a third of the width");
        }
    }

    [Test]
    public void TheIntervalIsSeededAndPerfectAnswersHaveNone()
    {
        VerdictMetrics metrics = Metrics(5);
        (double, double) first = metrics.MacroF1Interval(), again = Metrics(5).MacroF1Interval();
        Assert.That(again, Is.EqualTo(first), "the same figures, the same interval");
        Assert.That(metrics.MacroF1Interval(seed: 2), Is.Not.EqualTo(metrics.MacroF1Interval(seed: 1)));
        var perfect = new VerdictMetrics(Labels, [0, 1, 2, 0, 1, 2], [0, 1, 2, 0, 1, 2], new float[6]);
        Assert.That(perfect.MacroF1Interval(), Is.EqualTo((1.0, 1.0)));
        Assert.That(new VerdictMetrics(Labels, [], [], []).MacroF1Interval(), Is.EqualTo((0.0, 0.0)));
    }
}
