using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Text;

namespace ClaimMl.Tests;

[TestFixture]
public class FeatureTests
{
    private const string Claim = "North Korea sent 10,000 troops to the northern border.";

    // A small hand-written corpus: the IDF weights come from these, as they would from training texts.
    private static readonly string[] Corpus =
    [
        "North Korea sent 10,000 troops to the northern border, officials in Seoul said on Monday.",
        "Officials said North Korea moved about 3,000 troops toward the northern border last week.",
        "Defence officials denied that any troops had been sent to the border.",
        "The city council approved a new budget for public libraries on Monday.",
        "Heavy rain flooded several streets in the harbour district overnight.",
        "The national football team won its third match in a row.",
        "A bakery on the main square has started selling rye bread again.",
        "Farmers expect a strong apple harvest after a mild spring.",
    ];

    private static TermWeights Weights { get; } = TermWeights.Learn(Corpus.Select(ContentStems));

    private static IEnumerable<ulong> ContentStems(string text) =>
        WordTokenizer.Tokenize(text).Where(t => t.IsContent).Select(t => t.Stem).ToList();

    private static float[] Features(string claim, string source)
    {
        var features = new float[FeatureSet.Count];
        StanceFeaturizer.Featurize(IndexedClaim.Create(claim, Weights), IndexedSource.Create("source", source, Weights), features);
        return features;
    }

    private static float Feature(float[] features, string name)
    {
        int index = Array.IndexOf(FeatureSet.Names, name);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"no feature named '{name}'");
        return features[index];
    }

    [Test]
    public void FeatureNamesAreDistinctAndOnePerFeature()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FeatureSet.Names, Has.Length.EqualTo(FeatureSet.Count));
            Assert.That(FeatureSet.Names, Is.Unique);
            Assert.That(FeatureSet.Names, Has.None.Empty);
        }
    }

    [Test]
    public void NamedIndexesMatchTheNames()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FeatureSet.Names[FeatureSet.ClaimContentTokens], Is.EqualTo("claim.content_tokens"));
            Assert.That(FeatureSet.Names[FeatureSet.OverlapFraction], Is.EqualTo("overlap.fraction"));
            Assert.That(FeatureSet.Names[FeatureSet.CuesNearMatchedWords], Is.EqualTo("best_sentence.cues_near_matches"));
            Assert.That(FeatureSet.Names[FeatureSet.NumberConflictBestSentence], Is.EqualTo("numbers.conflict_best_sentence"));
            Assert.That(FeatureSet.Names[FeatureSet.NumberConflictSource], Is.EqualTo("numbers.conflict_source"));
        }
    }

    [Test]
    public void DifferentNumberIsAConflictAndTheSameNumberIsNot()
    {
        float[] conflicting = Features(Claim, "Officials said North Korea sent 3,000 troops to the northern border. The move surprised observers.");
        float[] matching = Features(Claim, "Officials said North Korea sent 10,000 troops to the northern border. The move surprised observers.");
        float[] matchingWithoutComma = Features(Claim, "Officials said North Korea sent 10000 troops to the northern border.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Feature(conflicting, "numbers.in_claim"), Is.EqualTo(1));
            Assert.That(Feature(conflicting, "numbers.conflict_best_sentence"), Is.GreaterThan(0));
            Assert.That(Feature(conflicting, "numbers.conflict_source"), Is.GreaterThan(0));
            Assert.That(Feature(conflicting, "numbers.found_fraction"), Is.Zero);

            Assert.That(Feature(matching, "numbers.conflict_best_sentence"), Is.Zero);
            Assert.That(Feature(matching, "numbers.conflict_source"), Is.Zero);
            Assert.That(Feature(matching, "numbers.found_fraction"), Is.EqualTo(1));

            Assert.That(Feature(matchingWithoutComma, "numbers.conflict_best_sentence"), Is.Zero);
            Assert.That(Feature(matchingWithoutComma, "numbers.found_fraction"), Is.EqualTo(1));
        }
    }

    [Test]
    public void SourceWithoutNumbersIsNoConflict()
    {
        float[] features = Features(Claim, "Officials said North Korea sent troops to the northern border.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Feature(features, "numbers.conflict_best_sentence"), Is.Zero);
            Assert.That(Feature(features, "numbers.conflict_source"), Is.Zero);
        }
    }

    [Test]
    public void UnrelatedSourceOverlapsLessThanARelatedOne()
    {
        float[] related = Features(Claim, "North Korea has sent thousands of troops to its northern border, officials said.");
        float[] unrelated = Features(Claim, "A bakery on the main square has started selling rye bread again. Customers queued early.");
        string[] overlapFeatures =
        [
            "overlap.fraction", "overlap.idf_fraction", "overlap.jaccard", "overlap.bigram_fraction", "overlap.lead_idf_fraction",
            "tfidf.cosine_source", "best_sentence.overlap", "best_sentence.cosine", "aligned_sentences.fraction",
        ];
        using (Assert.EnterMultipleScope())
        {
            foreach (string name in overlapFeatures)
            {
                Assert.That(Feature(related, name), Is.GreaterThan(Feature(unrelated, name)), name);
            }
        }
    }

    [Test]
    public void NegationNearMatchedWordsIsCounted()
    {
        float[] negated = Features(Claim, "The weather was calm. Officials said North Korea had not sent troops to the northern border.");
        float[] plain = Features(Claim, "The weather was calm. Officials said North Korea had sent troops to the northern border.");
        float[] farAway = Features(Claim, "North Korea sent troops to the northern border. Nothing else happened.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Feature(negated, "best_sentence.cues_near_matches"), Is.GreaterThan(0));
            Assert.That(Feature(negated, "best_sentence.negations"), Is.EqualTo(1));
            Assert.That(Feature(negated, "best_sentence.negation_mismatch"), Is.EqualTo(1));
            Assert.That(Feature(plain, "best_sentence.cues_near_matches"), Is.Zero);
            Assert.That(Feature(plain, "best_sentence.negations"), Is.Zero);
            // the negation is in another sentence than the one the claim aligns to
            Assert.That(Feature(farAway, "best_sentence.cues_near_matches"), Is.Zero);
        }
    }

    [Test]
    public void RefutingCueNearMatchedWordsIsCounted()
    {
        float[] features = Features(Claim, "Defence officials denied that North Korea sent troops to the border.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Feature(features, "best_sentence.refuting_cues"), Is.GreaterThan(0));
            Assert.That(Feature(features, "best_sentence.cues_near_matches"), Is.GreaterThan(0));
        }
    }

    [Test]
    public void BestSentenceIsTheOneThatMatches()
    {
        var source = IndexedSource.Create("s", "Rain fell all day. North Korea sent 10,000 troops to the northern border. Shops closed early.", Weights);
        var features = new float[FeatureSet.Count];
        Alignment alignment = StanceFeaturizer.Featurize(IndexedClaim.Create(Claim, Weights), source, features);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alignment.Best, Is.EqualTo(1));
            Assert.That(source.SentenceText(alignment.Best), Does.StartWith("North Korea sent 10,000"));
            Assert.That(Feature(features, "best_sentence.position"), Is.EqualTo(0.5f));
            Assert.That(Feature(features, "best_sentence.overlap"), Is.EqualTo(1).Within(1e-5));
        }
    }

    [Test]
    public void NoSharedWordsGivesNoAlignment()
    {
        var source = IndexedSource.Create("s", "Farmers expect a strong apple harvest.", Weights);
        var features = new float[FeatureSet.Count];
        Alignment alignment = StanceFeaturizer.Featurize(IndexedClaim.Create(Claim, Weights), source, features);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alignment.Best, Is.EqualTo(-1));
            Assert.That(Feature(features, "overlap.fraction"), Is.Zero);
        }
    }

    [Test]
    public void QuestionAndClaimCuesAreCounted()
    {
        float[] features = Features("Did North Korea not deny sending troops?", "North Korea sent troops.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Feature(features, "claim.is_question"), Is.EqualTo(1));
            Assert.That(Feature(features, "claim.negations"), Is.EqualTo(1));
            Assert.That(Feature(features, "claim.refuting_cues"), Is.EqualTo(1));
        }
    }

    [TestCase(Claim, "Officials said North Korea sent 3,000 troops to the northern border.")]
    [TestCase(Claim, "")]
    [TestCase(Claim, "   \n\n  ")]
    [TestCase("", "North Korea sent troops.")]
    [TestCase("the and of", "The and of it.")]
    [TestCase("10,000", "3,000 and 10,000 and 12,000.")]
    [TestCase("Мост закрыли 다리는 \U0001F309", "Мост закрыли. 다리는 폐쇄되었다.")]
    [TestCase(Claim, "North Korea North Korea North Korea troops troops troops border border border.")]
    public void AllFeaturesAreFinite(string claim, string source)
    {
        float[] features = [];
        Assert.That(() => features = Features(claim, source), Throws.Nothing);
        for (int i = 0; i < features.Length; i++)
        {
            Assert.That(float.IsFinite(features[i]), Is.True, $"{FeatureSet.Names[i]} = {features[i]}");
        }
    }

    [Test]
    public void FeaturesOfTheCorpusPairsAreFiniteAndFractionsBounded()
    {
        string[] fractions =
        [
            "overlap.fraction", "overlap.idf_fraction", "overlap.jaccard", "overlap.bigram_fraction", "overlap.lead_idf_fraction",
            "tfidf.cosine_source", "best_sentence.overlap", "best_sentence.cosine", "best_sentence.position", "second_sentence.overlap",
            "aligned_sentences.fraction", "numbers.found_fraction", "numbers.conflict_best_sentence", "numbers.conflict_source",
        ];
        foreach (string claim in Corpus)
        {
            foreach (string source in Corpus)
            {
                float[] features = Features(claim, source);
                Assert.That(features.All(float.IsFinite), Is.True, $"{claim} / {source}");
                foreach (string name in fractions)
                {
                    Assert.That(Feature(features, name), Is.InRange(0f, 1.00001f), $"{name} for {claim} / {source}");
                }
            }
        }
    }

    [Test]
    public void ShortFeatureBufferIsRejected()
    {
        var claim = IndexedClaim.Create(Claim, Weights);
        var source = IndexedSource.Create("s", Corpus[0], Weights);
        Assert.That(() => StanceFeaturizer.Featurize(claim, source, new float[FeatureSet.Count - 1]), Throws.ArgumentException);
    }

    [Test]
    public void TermWeightsFavourRareStems()
    {
        ulong common = WordTokenizer.Tokenize("troops").Single().Stem; // in three corpus texts
        ulong rare = WordTokenizer.Tokenize("bakery").Single().Stem;   // in one
        ulong unseen = WordTokenizer.Tokenize("zeppelin").Single().Stem;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Weights.DocumentCount, Is.EqualTo(Corpus.Length));
            Assert.That(Weights.Weight(common), Is.LessThan(Weights.Weight(rare)));
            Assert.That(Weights.Weight(rare), Is.EqualTo(Weights.UnseenWeight));
            Assert.That(Weights.Weight(unseen), Is.EqualTo(Weights.UnseenWeight));
        }
    }

    [TestCase("Reports that North Korea sent 10,000 troops to the northern border are a hoax, officials said.", 1)]
    [TestCase("Officials said it was not true that North Korea sent 10,000 troops to the northern border.", 1)]
    [TestCase("There is no evidence that North Korea sent 10,000 troops to the northern border.", 1)]
    [TestCase("Officials denied that North Korea sent 10,000 troops; the story was fabricated.", 2)]
    [TestCase("However, officials doubt that North Korea sent 10,000 troops to the northern border.", 0)]
    [TestCase("North Korea sent 10,000 troops to the northern border, a true turning point, officials said.", 0)]
    [TestCase("North Korea did not send troops; the real number of guards is small.", 0)]
    public void DenialsAreCountedApartFromWeakerRefutingCues(string sentence, int denials)
    {
        IndexedSource source = IndexedSource.Create("source", sentence + " The weather was mild.", Weights);
        float[] features = Features(Claim, sentence + " The weather was mild.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.Sentences[0].Denials, Is.EqualTo(denials));
            Assert.That(source.Denials, Is.EqualTo(denials));
            Assert.That(Feature(features, "lead.denials"), Is.EqualTo(denials));
            Assert.That(Feature(features, "top_sentences.denials"), Is.EqualTo(denials));
            Assert.That(Feature(features, "denial_sentence.overlap"), denials > 0 ? Is.GreaterThan(0.5f) : Is.Zero);
        }
    }

    [Test]
    public void ADenialFarFromTheClaimCountsLessThanOneAboutIt()
    {
        const string Filler = "The city council approved a new budget for public libraries on Monday. Heavy rain flooded several streets overnight. ";
        float[] about = Features(Claim, Filler + Filler + "Officials said reports that North Korea sent troops to the northern border were false. The weather was mild.");
        float[] elsewhere = Features(Claim, "North Korea sent troops to the northern border. " + Filler + Filler + "A story about the library budget was false.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Feature(about, "source.denial_rate"), Is.EqualTo(Feature(elsewhere, "source.denial_rate")));
            Assert.That(Feature(about, "denial_sentence.overlap"), Is.GreaterThan(Feature(elsewhere, "denial_sentence.overlap")));
            Assert.That(Feature(about, "lead.denials"), Is.Zero, "the denial is past the first three sentences");
        }
    }
}
