using ClaimMl.DataFormats;

using ClaimMl.Tests.Checking;

namespace ClaimMl.Tests;

[TestFixture]
public class CheckingTests
{
    private static readonly Source[] Sources =
    [
        new("ferry.txt", "The island ferry will run every twenty minutes while the bridge is closed. Tickets are free this week."),
        new("football.txt", "Harbour United lost 3-0 at home on Saturday. The coach said the team would recover."),
    ];

    [TestCase(ClaimCheckingMode.Judged)]
    [TestCase(ClaimCheckingMode.LexicalOnly)]
    public void ResultHasOneAssessmentPerSourceInOrder(ClaimCheckingMode mode)
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(mode);
        ClaimResult result = checker.Check("The island ferry runs every twenty minutes.", checker.Index(Sources));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Claim, Is.EqualTo("The island ferry runs every twenty minutes."));
            Assert.That(result.Sources.Select(s => s.Source), Is.EqualTo(new[] { "ferry.txt", "football.txt" }));
            Assert.That(result.Verdict, Is.EqualTo(VerdictRule.Decide(result.Sources.Select(s => s.Stance))));
            Assert.That(result.Confidence, Is.EqualTo(checker.CalibrateConfidence(result.Verdict, VerdictRule.Confidence(result.Verdict, result.Sources.Select(s => s.Probabilities)))));
            Assert.That(result.Sources[0].Evidence, Does.StartWith("The island ferry will run"));
            Assert.That(result.Sources[1].Evidence, Is.Null, "no content word of the claim is in the football report");
            foreach (SourceAssessment source in result.Sources)
            {
                StanceProbabilities p = source.Probabilities;
                Assert.That(p.Supports + p.Refutes + p.Discusses + p.Unrelated, Is.EqualTo(1f).Within(1e-5f), source.Source);
                StanceRule.AssertFollowed(checker, source, source.Source);
            }
        }
    }

    [Test]
    public void SourceWithoutSharedWordsIsMostLikelyUnrelated()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        ClaimResult result = checker.Check("The island ferry runs every twenty minutes.", checker.Index(Sources));
        Assert.That(result.Sources[1].Stance, Is.EqualTo(Stance.Unrelated));
    }

    [TestCase("12,000 3,000 1998 2024")]
    [TestCase("12,000 — 12,000 — 12,000!")]
    [TestCase("*** ... ---")]
    public void ASourceWithNoWordIsUnrelatedToEveryClaim(string text)
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index([new Source("figures.txt", text), Sources[0]]);
        const string Claim = "The bridge carries 12,000 vehicles a day.";
        ClaimResult result = checker.Check(Claim, sources);
        SourceExplanation explanation = checker.Explain(Claim, sources)[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Sources[0].Stance, Is.EqualTo(Stance.Unrelated));
            Assert.That(result.Sources[0].Probabilities, Is.EqualTo(new StanceProbabilities(0, 0, 0, 1)));
            Assert.That(result.Sources[0].Evidence, Is.Null);
            Assert.That(explanation.Stance, Is.EqualTo(Stance.Unrelated));
            Assert.That(explanation.Decision, Does.Contain("no word"));
            Assert.That(explanation.Contributions, Is.Empty);
            SourceAssessment viaCheckAll = checker.CheckAll([Claim], sources)[0].Sources[0];
            Assert.That((viaCheckAll.Stance, viaCheckAll.Probabilities, viaCheckAll.Evidence), Is.EqualTo((Stance.Unrelated, new StanceProbabilities(0, 0, 0, 1), (string?)null)));
        }
    }

    [TestCase(ClaimCheckingMode.Judged)]
    [TestCase(ClaimCheckingMode.LexicalOnly)]
    public void NoSourcesIsUnverified(ClaimCheckingMode mode)
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(mode);
        ClaimResult result = checker.Check("Anything at all.", checker.Index([]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Unverified));
            Assert.That(result.Confidence, Is.EqualTo(checker.CalibrateConfidence(Verdict.Unverified, 1f)), "certain before calibration");
            Assert.That(result.Confidence, Is.GreaterThanOrEqualTo(checker.CalibrateConfidence(Verdict.Unverified, 0.5f)), "and the calibration is monotone");
            if (mode == ClaimCheckingMode.LexicalOnly)
            {
                Assert.That(result.Confidence, Is.EqualTo(1f).Within(1e-3f), "certain, up to the calibration's rounding");
            }
            Assert.That(result.Sources, Is.Empty);
        }
    }

    [Test]
    public void CheckAllGivesTheResultsOfCheckInClaimOrder()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index(SourceFolder.Read(RepoPaths.SampleSources));
        List<string> claims = ClaimFile.Read(RepoPaths.SampleClaims).Select(c => c.Text).ToList();
        IReadOnlyList<ClaimResult> all = checker.CheckAll(claims, sources);
        Assert.That(all, Has.Count.EqualTo(claims.Count));
        for (int i = 0; i < claims.Count; i++)
        {
            ClaimResult one = checker.Check(claims[i], sources);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(all[i].Claim, Is.EqualTo(claims[i]));
                Assert.That(all[i].Verdict, Is.EqualTo(one.Verdict));
                Assert.That(all[i].Confidence, Is.EqualTo(one.Confidence));
                Assert.That(all[i].Sources.Select(s => s.Probabilities), Is.EqualTo(one.Sources.Select(s => s.Probabilities)));
            }
        }
    }

    [Test]
    public void SourcesIndexedByAnotherModelAreRejected()
    {
        ClaimChecker embedded = ClaimChecker.CreateDefault();
        ClaimChecker fromFile = ClaimChecker.Load(RepoPaths.ShippedModel);
        SourceSet sources = fromFile.Index(Sources);
        Assert.That(() => embedded.Check("The island ferry runs every twenty minutes.", sources), Throws.ArgumentException);
    }

    [Test]
    public void EmptyClaimAndEmptySourceDoNotThrow()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        ClaimResult result = null!;
        Assert.That(() => result = checker.Check("", checker.Index([new Source("empty.txt", "")])), Throws.Nothing);
        StanceProbabilities p = result.Sources[0].Probabilities;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(p.Supports + p.Refutes + p.Discusses + p.Unrelated, Is.EqualTo(1f).Within(1e-5f));
            Assert.That(result.Sources[0].Evidence, Is.Null);
        }
    }
}
