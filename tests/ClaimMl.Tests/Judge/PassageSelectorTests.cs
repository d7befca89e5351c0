using ClaimMl.Entailment;
using ClaimMl.Features;
using ClaimMl.Indexing;

namespace ClaimMl.Tests.Judge;

/// <summary>Which passages the judge reads for an alignment: the aligned sentences, best first, then the window (the two best joined) when asked for.</summary>
[TestFixture]
public sealed class PassageSelectorTests
{
    private static readonly IndexedSource Four = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly)
        .Index([new Source("s", "The ferry left at noon. It carried forty cars. The sea was calm. It docked at three.")]).Sources[0];

    private static Passage[] Select(Alignment alignment, int maxPassages = PassageSelector.MaxPassages, bool window = true)
    {
        Span<Passage> buffer = stackalloc Passage[PassageSelector.MaxReadings];
        int n = PassageSelector.Select(Four, alignment, buffer, maxPassages, window);
        return buffer[..n].ToArray();
    }

    [Test]
    public void TheWindowJoinsTheBestAlignedSentenceToTheSecondAdjacentOrNotElseToTheNextOrThePrevious()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Select(new Alignment(2, 1, -1, 1f)), Is.EqualTo(new[] { new Passage(2, 1), new Passage(1, 1), new Passage(1, 2) }), "second-best adjacent, before it");
            Assert.That(Select(new Alignment(0, 3, 1, 1f)), Is.EqualTo(new[] { new Passage(0, 1), new Passage(3, 1), new Passage(1, 1), new Passage(0, 1, 3) }), "not adjacent: the two joined, in source order");
            Assert.That(Select(new Alignment(3, 0, -1, 1f), maxPassages: 1), Is.EqualTo(new[] { new Passage(3, 1), new Passage(0, 1, 3) }), "the second-best is joined even when fewer passages are read on their own");
            Assert.That(Select(new Alignment(1, -1, -1, 1f)), Is.EqualTo(new[] { new Passage(1, 1), new Passage(1, 2) }), "no second-best: the next sentence");
            Assert.That(Select(new Alignment(3, -1, -1, 1f)), Is.EqualTo(new[] { new Passage(3, 1), new Passage(2, 2) }), "no second-best and the last sentence: the one before");
            Assert.That(Select(new Alignment(3, 0, -1, 1f), window: false), Is.EqualTo(new[] { new Passage(3, 1), new Passage(0, 1) }), "no window unless asked");
            Assert.That(Select(new Alignment(-1, -1, -1, 0f)), Is.Empty, "nothing aligned, nothing read");
            Assert.That(PassageSelector.Text(Four, new Passage(1, 2)), Is.EqualTo("It carried forty cars. The sea was calm."));
            Assert.That(PassageSelector.Text(Four, new Passage(0, 1, 3)), Is.EqualTo("The ferry left at noon. … It docked at three."), "two sentences that do not stand together are shown with an ellipsis between them");
            Assert.That(PassageSelector.IsWindow(new Passage(0, 1, 3)) && PassageSelector.IsWindow(new Passage(1, 2)) && !PassageSelector.IsWindow(new Passage(1, 1)), Is.True);
        }
    }

    [Test]
    public void ASourceOfOneSentenceHasNoWindowAndTheBufferMustHoldTheWindow()
    {
        IndexedSource one = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Index([new Source("s", "The ferry left at noon.")]).Sources[0];
        var buffer = new Passage[PassageSelector.MaxReadings];
        Assert.That(PassageSelector.Select(one, new Alignment(0, -1, -1, 1f), buffer, PassageSelector.MaxPassages, window: true), Is.EqualTo(1));
        Assert.That(() => PassageSelector.Select(Four, new Alignment(0, 1, 2, 1f), new Passage[PassageSelector.MaxPassages], PassageSelector.MaxPassages, window: true),
            Throws.ArgumentException.With.Message.Contains($"{PassageSelector.MaxPassages + 1} slots"));
    }

    [Test]
    public void MorePassagesThanThreeAreTheFourthAndFifthBestAlignedAndOnlyWhenAsked()
    {
        var alignment = new Alignment(2, 0, 3, 1f) { Fourth = 1, Fifth = -1 };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Select(alignment, maxPassages: PassageSelector.DefaultPassages, window: false), Is.EqualTo(new[] { new Passage(2, 1), new Passage(0, 1), new Passage(3, 1) }), "three by default");
            Assert.That(Select(alignment, maxPassages: 4, window: false), Is.EqualTo(new[] { new Passage(2, 1), new Passage(0, 1), new Passage(3, 1), new Passage(1, 1) }));
            Assert.That(Select(alignment, maxPassages: 5, window: true), Is.EqualTo(new[] { new Passage(2, 1), new Passage(0, 1), new Passage(3, 1), new Passage(1, 1), new Passage(0, 1, 2) }), "no fifth: four, then the window of the two best");
            Assert.That(new Alignment(-1, -1, -1, 0f).Fourth, Is.EqualTo(-1), "none unless set");
        }
    }

    [Test]
    public void TheAlignmentKeepsTheFiveBestSentencesBestFirstAndTheFeaturesStillUseThree()
    {
        var checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        IndexedSource six = checker.Index([new Source("s",
            "The ferry left the harbour at noon. The ferry carried forty cars. The harbour ferry carried forty cars at noon. " +
            "Gulls followed the boat. The ferry docked at three. A band played on the quay.")]).Sources[0];
        IndexedClaim claim = IndexedClaim.Create("The harbour ferry carried forty cars at noon.", checker.Model.Weights);
        Span<float> features = stackalloc float[FeatureSet.Count];
        Alignment alignment = StanceFeaturizer.Featurize(claim, six, features);
        int[] top = [alignment.Best, alignment.Second, alignment.Third, alignment.Fourth, alignment.Fifth];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alignment.Best, Is.EqualTo(2), "the sentence that says it all");
            Assert.That(top.Where(s => s >= 0), Is.Unique);
            Assert.That(top.Where(s => s >= 0).Count(), Is.EqualTo(4), "the four sentences that share a content word with the claim; the gulls and the band share none");
            Assert.That(top, Does.Not.Contain(3).And.Not.Contain(5));
            Assert.That(Array.IndexOf(top, -1), Is.EqualTo(4), "the missing fifth is -1");
        }
    }
}
