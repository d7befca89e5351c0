using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Text;
using ClaimMl.Training;

namespace ClaimMl.Tests;

/// <summary>The learned cue lexicon, the story groups it compares within, and story-grouped cross-validation.</summary>
public sealed class CueLexiconTests
{
    /// <summary>
    /// Eight made-up stories of four articles each. In every story one article calls the claim a hoax
    /// and the others report it; each story has its own topic word, which all its articles use.
    /// In half of the stories the refuting article also mentions the topic word twice as often, which
    /// a within-story comparison must not mistake for a cue.
    /// </summary>
    private static LabeledPairSet Stories(bool withSynthetic = false)
    {
        string[] topics = ["lighthouse", "panda", "meteorite", "bakery", "tramway", "orchard", "glacier", "harbour"];
        var sources = new List<string>();
        var pairs = new List<LabeledPair>();
        for (int t = 0; t < topics.Length; t++)
        {
            string topic = topics[t];
            string claim = $"A {topic} story claim number {t} is true";
            for (int a = 0; a < 4; a++)
            {
                bool refuting = a == 0;
                string text = refuting
                    ? $"The {topic} report is a hoax, experts said. Maple Street residents laughed about the {topic} picture."
                    : $"The {topic} report spread online on Monday. Officials are looking at the {topic} picture, Maple Street residents said.";
                sources.Add(text);
                pairs.Add(new LabeledPair(claim, sources.Count - 1, refuting ? Stance.Refutes : a == 1 ? Stance.Supports : Stance.Discusses));
            }
        }
        // Unrelated pairs across stories link nothing.
        pairs.Add(new LabeledPair("A lighthouse story claim number 0 is true", 5, Stance.Unrelated));
        var set = new LabeledPairSet("stories", sources, pairs);
        if (withSynthetic)
        {
            // Sentence-level pairs made from the articles: every article "supports" its own sentence, and one links all stories.
            var made = Enumerable.Range(0, sources.Count).Select(s => new LabeledPair("Shared synthetic claim about every article", s, Stance.Refutes)).ToList();
            set = set.WithPart(SyntheticPairs.PartName, made);
        }
        return set;
    }

    private static float RefuteWeight(Dictionary<ulong, CueWeights> lexicon, string word) =>
        lexicon.GetValueOrDefault(WordTokenizer.Tokenize(word).Single().Stem).Refute;

    [Test]
    public void WordsOfRefutingSourcesWeighMoreThanTopicWords()
    {
        Dictionary<ulong, CueWeights> lexicon = CueLexicon.Learn(Stories());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RefuteWeight(lexicon, "hoax"), Is.GreaterThan(1), "used only by the refuting article of every story");
            Assert.That(RefuteWeight(lexicon, "experts"), Is.GreaterThan(1));
            Assert.That(RefuteWeight(lexicon, "online"), Is.LessThan(-1), "used only by the reporting articles");
            Assert.That(RefuteWeight(lexicon, "lighthouse"), Is.Zero, "a topic word: one story only, on both sides");
            Assert.That(RefuteWeight(lexicon, "report"), Is.Zero.Within(1e-6), "used by every article");
            Assert.That(RefuteWeight(lexicon, "Maple"), Is.Zero, "names (capitalised) are never cues");
        }
    }

    [Test]
    public void PositionWeightsSeparateArticlesThatTakeAPositionFromReports()
    {
        Dictionary<ulong, CueWeights> lexicon = CueLexicon.Learn(Stories());
        CueWeights hoax = lexicon[WordTokenizer.Tokenize("hoax").Single().Stem];
        CueWeights looking = lexicon[WordTokenizer.Tokenize("looking").Single().Stem];
        Assert.That(hoax.Position, Is.GreaterThan(looking.Position));
    }

    [Test]
    public void AWordFromTooFewStoriesGetsNoWeight()
    {
        LabeledPairSet all = Stories();
        int[] story = Training.Stories.Of(all);
        LabeledPairSet few = all.Subset("few stories", p => story[p.Source] < CueLexicon.MinStories - 1);
        Assert.That(CueLexicon.Learn(few), Is.Empty);
    }

    [Test]
    public void SyntheticPairsTeachNothingAndLinkNoStories()
    {
        LabeledPairSet plain = Stories(), withSynthetic = Stories(withSynthetic: true);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CueLexicon.Learn(withSynthetic), Is.EquivalentTo(CueLexicon.Learn(plain)));
            Assert.That(Training.Stories.Of(withSynthetic, SyntheticPairs.PartName), Is.EqualTo(Training.Stories.Of(plain)));
            Assert.That(Training.Stories.Of(withSynthetic).Distinct().Count(), Is.EqualTo(1), "without the exclusion the shared claim joins every story");
        }
    }

    [Test]
    public void SourcesSharingARelatedClaimFormOneStory()
    {
        int[] story = Training.Stories.Of(Stories());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(story, Has.Length.EqualTo(32));
            Assert.That(story.Distinct().Count(), Is.EqualTo(8), "the unrelated pair joins nothing");
            Assert.That(story, Is.EqualTo(Enumerable.Range(0, 32).Select(s => s / 4)));
        }
    }

    [Test]
    public void StoryGroupedFoldsNeverSplitAStory()
    {
        LabeledPairSet set = Stories();
        int[] story = Training.Stories.Of(set);
        int[] fold = CrossValidation.FoldOfEachSource(set, folds: 3, seed: 5, CrossValidationGroups.Story);
        int[] bySource = CrossValidation.FoldOfEachSource(set, folds: 3, seed: 5, CrossValidationGroups.Source);
        using (Assert.EnterMultipleScope())
        {
            for (int s = 0; s < story.Length; s++)
            {
                Assert.That(fold[s], Is.EqualTo(fold[story[s] * 4]), $"source {s}");
            }
            Assert.That(fold.Distinct().Count(), Is.EqualTo(3));
            Assert.That(Enumerable.Range(0, 32).Any(s => bySource[s] != bySource[story[s] * 4]), Is.True, "grouping by source does split stories");
        }
    }

    [Test]
    public void TheLexiconTravelsWithTheTermWeights()
    {
        TermWeights weights = new TermWeights([], 3).WithCues(CueLexicon.Learn(Stories()));
        using var stream = new MemoryStream();
        weights.Write(stream);
        stream.Position = 0;
        TermWeights read = TermWeights.Read(stream);
        ulong hoax = WordTokenizer.Tokenize("hoax").Single().Stem;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.CueCount, Is.EqualTo(weights.CueCount).And.GreaterThan(0));
            Assert.That(read.Cues(hoax), Is.EqualTo(weights.Cues(hoax)));
        }
    }

    [Test]
    public void LearnedCueFeaturesFollowTheRefutingSentence()
    {
        TermWeights weights = StanceTrainer.LearnWeights(Stories()).WithCues(CueLexicon.Learn(Stories()));
        var claim = IndexedClaim.Create("The canal picture shows a real flood", weights);
        var refuting = IndexedSource.Create("a", "The canal picture is a hoax, experts said. It was made years ago.", weights);
        var reporting = IndexedSource.Create("b", "The canal picture spread online on Monday. Officials are looking at it.", weights);
        var a = new float[FeatureSet.Count];
        var b = new float[FeatureSet.Count];
        StanceFeaturizer.Featurize(claim, refuting, a);
        StanceFeaturizer.Featurize(claim, reporting, b);
        using (Assert.EnterMultipleScope())
        {
            foreach (int f in FeatureSet.Families["learned-cues"])
            {
                Assert.That(a[f], Is.Not.EqualTo(b[f]), FeatureSet.Names[f]);
            }
            Assert.That(a[FeatureSet.TopSentencesLearnedRefute], Is.GreaterThan(b[FeatureSet.TopSentencesLearnedRefute]));
            Assert.That(a[FeatureSet.PeakSentenceLearnedRefute], Is.GreaterThan(0));
            Assert.That(b[FeatureSet.PeakSentenceLearnedRefute], Is.Zero, "refute weights count only when positive");
            Assert.That(a[FeatureSet.BestSentenceLearnedPosition], Is.GreaterThan(b[FeatureSet.BestSentenceLearnedPosition]));
        }
    }
}
