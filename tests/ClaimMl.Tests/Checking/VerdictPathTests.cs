using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;

namespace ClaimMl.Tests.Checking;

/// <summary>The sentence-claim path, evidence choice and the decision thresholds.</summary>
[TestFixture]
public sealed class VerdictPathTests
{
    private static readonly TermWeights Weights = TermWeights.Learn(
    [
        [1UL, 2UL], [2UL, 3UL], [3UL, 4UL],
    ]);

    [Test]
    public void CheckTextChecksEverySentenceAsAClaim()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index([new Source("a.txt", "The mill on Fen Road burned down on Friday. Nobody was hurt, the fire service said.")]);
        const string text = "The mill on Fen Road burned down on Friday. Gen. Ross visited the U.S. embassy. Nobody was hurt.";
        IReadOnlyList<ClaimResult> results = checker.CheckText(text, sources);
        Assert.That(results.Select(r => r.Claim), Is.EqualTo(ClaimChecker.SplitSentences(text)));
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(3), "abbreviations do not split sentences");
            Assert.That(results[1].Claim, Is.EqualTo("Gen. Ross visited the U.S. embassy."));
            Assert.That(results.All(r => r.Sources.Count == 1), Is.True);
        });
    }

    [Test]
    public void RefutingSourceShowsTheSentenceThatCarriesTheRefutation()
    {
        const string source = "The harbour crane collapsed on Monday, workers said. " +
                              "Officials denied that the harbour crane collapsed. " +
                              "The weather was mild.";
        IndexedSource indexed = IndexedSource.Create("s", source, Weights);
        IndexedClaim claim = IndexedClaim.Create("The harbour crane collapsed on Monday.", Weights);
        Span<float> features = stackalloc float[FeatureSet.Count];
        Alignment alignment = StanceFeaturizer.Featurize(claim, indexed, features);

        int supporting = ClaimChecker.ChooseEvidence(claim, indexed, alignment, Stance.Supports);
        int refuting = ClaimChecker.ChooseEvidence(claim, indexed, alignment, Stance.Refutes);
        Assert.Multiple(() =>
        {
            Assert.That(indexed.SentenceText(supporting), Does.StartWith("The harbour crane collapsed on Monday"), "best-aligned sentence");
            Assert.That(indexed.SentenceText(refuting), Does.Contain("denied"), "the refuting sentence is shown for a refuting source");
        });
    }

    [Test]
    public void NumberConflictMakesTheConflictingSentenceTheRefutingEvidence()
    {
        const string source = "The festival drew big crowds to the riverside park this weekend. " +
                              "Organisers counted 3,000 visitors at the riverside festival.";
        IndexedSource indexed = IndexedSource.Create("s", source, Weights);
        IndexedClaim claim = IndexedClaim.Create("The riverside festival drew 10,000 visitors.", Weights);
        Span<float> features = stackalloc float[FeatureSet.Count];
        Alignment alignment = StanceFeaturizer.Featurize(claim, indexed, features);
        int refuting = ClaimChecker.ChooseEvidence(claim, indexed, alignment, Stance.Refutes);
        Assert.That(indexed.SentenceText(refuting), Does.Contain("3,000"));
    }

    [TestCase(0.50f, 0.30f, 0.10f, 0.10f, ExpectedResult = Stance.Refutes)]
    [TestCase(0.39f, 0.45f, 0.10f, 0.06f, ExpectedResult = Stance.Supports)]
    [TestCase(0.10f, 0.29f, 0.40f, 0.21f, ExpectedResult = Stance.Discusses)]
    [TestCase(0.05f, 0.20f, 0.30f, 0.45f, ExpectedResult = Stance.Unrelated)]
    [TestCase(0.40f, 0.60f, 0.00f, 0.00f, ExpectedResult = Stance.Refutes)]
    public Stance DecisionThresholdsPutAStrongRefutationFirst(float refutes, float supports, float discusses, float unrelated)
    {
        var thresholds = new DecisionThresholds { Refutes = 0.4f, Supports = 0.3f };
        return thresholds.Decide(new StanceProbabilities(supports, refutes, discusses, unrelated));
    }

    [Test]
    public void SourcesOfAnotherCheckerAreRejected()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        ClaimChecker other = ClaimChecker.Load(Path.Combine(RepositoryRoot(), "models", "stance.zip"));
        SourceSet sources = other.Index([new Source("a.txt", "Some text.")]);
        Assert.Throws<ArgumentException>(() => checker.Check("A claim.", sources));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClaimMl.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("ClaimMl.sln not found above the test directory.");
    }
}
