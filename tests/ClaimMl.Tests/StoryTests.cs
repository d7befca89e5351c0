using ClaimMl.Training;

namespace ClaimMl.Tests;

/// <summary>Story groups of a training set and story-grouped cross-validation.</summary>
public sealed class StoryTests
{
    /// <summary>
    /// Eight made-up stories of four articles each, linked by the story's claim: in every story one
    /// article calls the claim a hoax, one states it and the others report it.
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
            // Sentence-level pairs made from the articles; one claim paired with every article would link all stories.
            var made = Enumerable.Range(0, sources.Count).Select(s => new LabeledPair("Shared synthetic claim about every article", s, Stance.Refutes)).ToList();
            set = set.WithPart(SyntheticPairs.PartName, made);
        }
        return set;
    }

    [Test]
    public void SyntheticPairsLinkNoStories()
    {
        LabeledPairSet plain = Stories(), withSynthetic = Stories(withSynthetic: true);
        using (Assert.EnterMultipleScope())
        {
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

}
