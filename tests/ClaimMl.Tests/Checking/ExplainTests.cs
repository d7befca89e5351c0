using ClaimMl.Features;

namespace ClaimMl.Tests.Checking;

/// <summary>Explanations: the deciding decision and the strongest feature contributions, per source.</summary>
[TestFixture]
public sealed class ExplainTests
{
    [Test]
    public void EverySourceGetsItsStanceDecisionAndRankedContributions()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        SourceSet sources = checker.Index(
        [
            new Source("mill.txt", "The old mill on Fen Road burned down on Friday night. Nobody was hurt, the fire service said."),
            new Source("chess.txt", "A twelve-year-old won the regional chess championship in three rounds."),
        ]);
        const string claim = "The mill on Fen Road burned down on Friday.";
        ClaimResult result = checker.Check(claim, sources);
        IReadOnlyList<SourceExplanation> explanations = checker.Explain(claim, sources, top: 4);

        Assert.That(explanations, Has.Count.EqualTo(2));
        for (int i = 0; i < explanations.Count; i++)
        {
            SourceExplanation e = explanations[i];
            using (Assert.EnterMultipleScope())
            {
                Assert.That(e.Source, Is.EqualTo(result.Sources[i].Source));
                Assert.That(e.Stance, Is.EqualTo(result.Sources[i].Stance), "the explanation is of the stance Check gives");
                Assert.That(e.Contributions, Has.Count.EqualTo(4));
                Assert.That(e.Contributions.Select(c => c.Feature), Is.SubsetOf(FeatureSet.Names));
                Assert.That(e.Contributions.Select(c => Math.Abs(c.Contribution)), Is.Ordered.Descending);
                Assert.That(e.Contributions.All(c => float.IsFinite(c.Contribution) && float.IsFinite(c.Value)), Is.True);
            }
        }
        Assert.That(explanations[1].Stance == Stance.Unrelated ? explanations[1].Decision : "related vs unrelated", Is.EqualTo("related vs unrelated"));
    }

    [Test]
    public void InTheJudgedModeTheExplanationListsThePassagesReadAndTheDecidingOne()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index(
        [
            new Source("mill.txt", "The old mill on Fen Road burned down on Friday night. Nobody was hurt, the fire service said. The mill was built in 1820."),
            new Source("chess.txt", "A twelve-year-old won the regional chess championship in three rounds."),
        ]);
        const string claim = "The mill on Fen Road burned down on Friday.";
        ClaimResult result = checker.Check(claim, sources);
        IReadOnlyList<SourceExplanation> explanations = checker.Explain(claim, sources);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(explanations[0].Passages, Is.Not.Empty, "the related source is read by the judge");
            Assert.That(explanations[0].Passages.Select(p => p.Text), Is.EqualTo(result.Sources[0].Passages.Select(p => p.Text)));
            Assert.That(explanations[0].Passages[0].Text, Does.StartWith("The old mill on Fen Road burned down"), "the best-aligned sentence is read first");
            Assert.That(explanations[0].Decision, Does.Contain("judge"));
            Assert.That(explanations[0].Passages.All(p => Math.Abs(p.Probabilities.Entails + p.Probabilities.Contradicts + p.Probabilities.Neither - 1) < 1e-4), Is.True);
            Assert.That(explanations[1].Passages, Is.Empty, "no sentence of the chess report shares a content word with the claim");
            Assert.That(explanations[1].Decision, Does.StartWith("not read by the judge"));
            Assert.That(result.Sources[0].Evidence, Is.AnyOf(result.Sources[0].Passages.Select(p => p.Text).ToArray()), "the evidence is a passage the judge read");
        }
    }

    [Test]
    public void ExplainRejectsANonPositiveTop()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        Assert.Throws<ArgumentOutOfRangeException>(() => checker.Explain("x", checker.Index([]), top: 0));
    }
}
