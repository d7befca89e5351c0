using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer.Training;
using ClaimMl.Training;

namespace ClaimMl.Tests.JudgeTraining;

/// <summary><c>compare</c>: which dev pairs are compared, and whose figures are in-sample.</summary>
public class JudgeComparisonTests
{
    private static JudgePair Pair(string claim, EntailmentLabel label, string origin) =>
        new(claim, "The passage about " + claim, label, origin, claim);

    private static readonly JudgePair Shared = Pair("shared one", EntailmentLabel.Entails, "fever-nli");
    private static readonly JudgePair SharedDenied = Pair("shared two", EntailmentLabel.Contradicts, "denied fever-nli");
    private static readonly JudgePair NewKind = Pair("a new kind", EntailmentLabel.Neither, "denied other claim fever-nli");
    private static readonly JudgePair TrainedOnBySecond = Pair("moved to training", EntailmentLabel.Entails, "emergent");
    private static readonly JudgePair TrainedOnByFirst = Pair("moved to dev", EntailmentLabel.Contradicts, "emergent");
    private static readonly JudgePair Common = Pair("trained on by both", EntailmentLabel.Neither, "fnc-1 discuss");

    private static JudgePairSet Set(JudgePair[] train, JudgePair[] dev) => new(train, dev, new JudgePairSummary([], 0, 0));

    [Test]
    public void PairsHeldOutFromBothAreComparedApartFromThoseOneJudgeTrainedOn()
    {
        JudgePairSet first = Set([Common, TrainedOnByFirst], [Shared, SharedDenied, NewKind, TrainedOnBySecond]);
        JudgePairSet second = Set([Common, TrainedOnBySecond], [Shared, SharedDenied, TrainedOnByFirst]);
        var calls = new List<IReadOnlyList<JudgePair>>();
        int[] Gold(IReadOnlyList<JudgePair> pairs)
        {
            calls.Add(pairs);
            return pairs.Select(p => (int)p.Label).ToArray();
        }
        int[] AlwaysNeither(IReadOnlyList<JudgePair> pairs)
        {
            calls.Add(pairs);
            return pairs.Select(_ => (int)EntailmentLabel.Neither).ToArray();
        }

        List<JudgeComparisonRow> rows = JudgeComparison.Compare(first, second, Gold, AlwaysNeither);

        Assert.That(calls, Has.Count.EqualTo(2), "each judge reads the pairs once");
        Assert.That(calls[0].Select(p => p.Claim), Is.EquivalentTo(new[] { "shared one", "shared two", "a new kind", "moved to training", "moved to dev" }),
            "every dev pair of either judge, once; never a pair both trained on");
        JudgeComparisonRow Row(string part, string origin) => rows.Single(r => r.Part == part && r.Origin == origin);

        string both = JudgeComparison.HeldOutFromBoth;
        Assert.That(rows.Where(r => r.Part == both).Select(r => r.Origin),
            Is.EqualTo(new[] { "denied fever-nli", "fever-nli", JudgeComparison.AllOrigins, JudgeComparison.Unframed }));
        Assert.That(Row(both, JudgeComparison.AllOrigins).First.Pairs, Is.EqualTo(2));
        Assert.That(Row(both, JudgeComparison.AllOrigins).First.Accuracy, Is.EqualTo(1.0));
        Assert.That(Row(both, JudgeComparison.AllOrigins).Second.Accuracy, Is.EqualTo(0.0));
        Assert.That(Row(both, JudgeComparison.Unframed).First.Pairs, Is.EqualTo(1), "the denied pair is framed");

        JudgeComparisonRow unseen = Row(JudgeComparison.OnlyUnseen("A", "B"), "denied other claim fever-nli");
        Assert.That(unseen.First.Pairs, Is.EqualTo(1));
        Assert.That(unseen.Second.Accuracy, Is.EqualTo(1.0), "B read the neither pair as neither");
        Assert.That(JudgeComparison.Predicted(unseen.Second), Is.EqualTo("0/0/1"));
        Assert.That(Row(JudgeComparison.OnlyTrainedOn("A", "B"), "emergent").First.Pairs, Is.EqualTo(1));
        Assert.That(Row(JudgeComparison.OnlyTrainedOn("B", "A"), "emergent").Second.Accuracy, Is.EqualTo(0.0));
        Assert.That(rows.Any(r => r.Part == JudgeComparison.OnlyUnseen("B", "A")), Is.False, "B has no dev pair A never saw");
        Assert.That(rows.Where(r => r.Part != both).Select(r => r.Origin), Has.No.Member(JudgeComparison.Unframed),
            "no 'all but framed' row where nothing, or everything, is framed");
    }

    [TestCase("denied fever-nli", true)]
    [TestCase("hearsay fnc-1 sentence, other fact", true)]
    [TestCase("confirmed emergent", true)]
    [TestCase("fever-nli", false)]
    [TestCase("deniedfever-nli", false)]
    [TestCase("synthetic fever-nli", false)]
    [TestCase("hearsay", false)]
    public void FramedOriginsAreTheOnesAFrameKindNames(string origin, bool framed) =>
        Assert.That(JudgeFrames.IsFramed(origin), Is.EqualTo(framed));

    [Test]
    public void APredictorGivingTheWrongNumberOfLabelsIsAnError()
    {
        JudgePairSet set = Set([], [Shared]);
        Assert.Throws<InvalidOperationException>(() => JudgeComparison.Compare(set, set, p => new int[p.Count + 1], p => new int[p.Count]));
    }
}
