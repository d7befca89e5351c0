using ClaimMl.Evaluation;

namespace ClaimMl.Tests;

[TestFixture]
public class EvaluationTests
{
    [Test]
    public void MetricsOnAHandCountedExample()
    {
        // gold:      S S R D U U U U
        // predicted: S D R D U U U S
        Stance[] gold = [Stance.Supports, Stance.Supports, Stance.Refutes, Stance.Discusses, Stance.Unrelated, Stance.Unrelated, Stance.Unrelated, Stance.Unrelated];
        Stance[] predicted = [Stance.Supports, Stance.Discusses, Stance.Refutes, Stance.Discusses, Stance.Unrelated, Stance.Unrelated, Stance.Unrelated, Stance.Supports];
        var m = new StanceMetrics(gold, predicted);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(m.Count, Is.EqualTo(8));
            Assert.That(m.Accuracy, Is.EqualTo(6.0 / 8));
            Assert.That(m.Confusion[(int)Stance.Supports, (int)Stance.Discusses], Is.EqualTo(1));
            Assert.That(m.Confusion[(int)Stance.Unrelated, (int)Stance.Supports], Is.EqualTo(1));
            // supports: precision 1/2, recall 1/2; refutes 1/1; discusses: precision 1/2, recall 1; unrelated: precision 1, recall 3/4
            Assert.That(m[Stance.Supports].F1, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(m[Stance.Refutes].F1, Is.EqualTo(1.0).Within(1e-12));
            Assert.That(m[Stance.Discusses].F1, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(m[Stance.Unrelated].F1, Is.EqualTo(6.0 / 7).Within(1e-12));
            Assert.That(m.MacroF1, Is.EqualTo((0.5 + 1.0 + 2.0 / 3 + 6.0 / 7) / 4).Within(1e-12));
            // FNC-1 score: related gold pairs 4 x 1.0 max, unrelated 4 x 0.25 max
            Assert.That(m.FncMaxScore, Is.EqualTo(5.0));
            Assert.That(m.FncScore, Is.EqualTo(1.0 + 0.25 + 1.0 + 1.0 + 0.75).Within(1e-12));
        }
    }

    [Test]
    public void MismatchedCountsAreRejected()
    {
        Assert.That(() => new StanceMetrics([Stance.Supports], []), Throws.ArgumentException);
    }
}
