using ClaimMl.DataFormats;
using ClaimMl.Entailment;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Text;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>The judge's training and dev pairs built from the hand-written sets of <c>Judge/Data</c>.</summary>
[TestFixture]
public sealed class JudgePairsTests
{
    private static string Data => NliSetLoaderTests.Data;

    private static JudgePairOptions Options(int seed = 1) => JudgePairOptions.ForDataFolder(Data) with { Seed = seed };

    private static List<JudgePair> All(JudgePairSet set) => [.. set.Train, .. set.Dev];

    [Test]
    public void ForDataFolderFindsEverySet()
    {
        JudgePairOptions options = Options();
        Assert.That(new[] { options.FeverNli, options.Sick, options.SciFact, options.CovidFact, options.HealthVer, options.Emergent, options.Fnc }, Has.All.Not.Null);
        Assert.That(JudgePairOptions.ForDataFolder(Path.Combine(Data, "sick")).Fnc, Is.Null, "a folder without the set is left out");
    }

    [Test]
    public void EveryOriginIsPresentWithItsLabels()
    {
        JudgePairSet set = JudgePairs.Build(Options() with { SyntheticEvery = 1 });
        var expected = new Dictionary<string, EntailmentLabel[]>
        {
            [JudgeOrigins.FeverNli] = [EntailmentLabel.Entails, EntailmentLabel.Contradicts],
            [JudgeOrigins.Sick] = [EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither],
            [JudgeOrigins.SciFact] = [EntailmentLabel.Entails, EntailmentLabel.Contradicts],
            [JudgeOrigins.CovidFact] = [EntailmentLabel.Entails, EntailmentLabel.Contradicts],
            [JudgeOrigins.HealthVer] = [EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither],
            [JudgeOrigins.Emergent] = [EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither],
            [JudgeOrigins.Fnc] = [EntailmentLabel.Entails, EntailmentLabel.Contradicts],
            [JudgeOrigins.FncDiscuss] = [EntailmentLabel.Neither],
            [JudgeOrigins.FncUnstated] = [EntailmentLabel.Neither],
            [JudgeOrigins.FncUnrelated] = [EntailmentLabel.Neither],
            [JudgeOrigins.Synthetic(JudgeOrigins.FeverNli)] = [EntailmentLabel.Contradicts],
            [JudgeOrigins.Synthetic(JudgeOrigins.Fnc)] = [EntailmentLabel.Contradicts],
        };
        var found = All(set).GroupBy(p => p.Origin).ToDictionary(g => g.Key, g => g.Select(p => p.Label).Distinct().Order().ToArray());
        using (Assert.EnterMultipleScope())
        {
            foreach (var (origin, labels) in expected)
            {
                Assert.That(found.GetValueOrDefault(origin), Is.EqualTo(labels), origin);
            }
            foreach (JudgeOriginCounts row in set.Summary.Origins)
            {
                Assert.That(row.Train.Total + row.Dev.Total, Is.EqualTo(All(set).Count(p => p.Origin == row.Origin)), $"summary of {row.Origin}");
            }
            Assert.That(set.Summary.Train.Total, Is.EqualTo(set.Train.Count));
            Assert.That(set.Summary.Dev.Total, Is.EqualTo(set.Dev.Count));
        }
    }

    private static JudgePair Single(JudgePairSet set, string origin, string claim) =>
        All(set).Single(p => p.Origin == origin && p.Claim == claim);

    [Test]
    public void ClaimSetLabelsAreMapped()
    {
        JudgePairSet set = JudgePairs.Build(Options());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(All(set).Where(p => p.Origin == JudgeOrigins.Emergent).Select(p => (p.Passage, p.Label)), Is.EquivalentTo(new[]
            {
                ("Halden ferry runs aground in fog", EntailmentLabel.Entails),
                ("Ferry grounding story is false says port", EntailmentLabel.Contradicts),
                ("Reports say a ferry may have hit a sandbank", EntailmentLabel.Neither),
            }));
            Assert.That(Single(set, JudgeOrigins.HealthVer, "Vitamin D prevents infection.").Label, Is.EqualTo(EntailmentLabel.Neither), "Neutral");
            Assert.That(Single(set, JudgeOrigins.HealthVer, "Zinc makes colds last longer.").Label, Is.EqualTo(EntailmentLabel.Contradicts), "Refutes");
            Assert.That(Single(set, JudgeOrigins.CovidFact, "Cloth masks increase droplet spread in a lab study.").Label, Is.EqualTo(EntailmentLabel.Contradicts));
            Assert.That(Single(set, JudgeOrigins.CovidFact, "The Kell vaccine trial enrolled 3,000 adults.").Label, Is.EqualTo(EntailmentLabel.Entails), "the dev split is a training side");
            Assert.That(Single(set, JudgeOrigins.Sick, "Nobody is riding a bicycle").Passage, Is.EqualTo("A girl is riding a red bicycle"));
            Assert.That(Single(set, JudgeOrigins.FeverNli, "Maren Holt is a sculptor.").Label, Is.EqualTo(EntailmentLabel.Contradicts));
            Assert.That(Single(set, JudgeOrigins.FeverNli, "Maren Holt is a sculptor.").Group, Is.EqualTo("maren holt is a sculptor."), "FEVER is grouped by the lower-cased claim");
        }
    }

    [Test]
    public void TestSidesAreNeverRead()
    {
        // The fixture's test sides are malformed (COVID-Fact, HealthVer, FNC-1 competition) or hold a row with an
        // unknown label (SICK TEST): reading any of them would throw.
        JudgePairSet set = JudgePairs.Build(Options());
        string[] texts = [.. All(set).SelectMany(p => new[] { p.Claim, p.Passage })];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts, Has.None.Contain("onions").And.None.Contain("flute"), "SICK TEST rows");
            Assert.That(texts, Has.None.Contain("pink"), "Emergent's test claims");
        }
    }

    [Test]
    public void OptionsRefuseTestSides()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => JudgePairs.Build(Options() with { SickSides = ["TRAIN", "TEST"] }));
            Assert.Throws<ArgumentException>(() => JudgePairs.Build(Options() with { CovidFactSides = ["test"] }));
            Assert.Throws<ArgumentException>(() => JudgePairs.Build(new JudgePairOptions()), "no set at all");
            Assert.Throws<ArgumentOutOfRangeException>(() => JudgePairs.Build(Options() with { DevFraction = 1 }));
        }
    }

    [Test]
    public void FncAgreeIsTheBestPassageAndDisagreeThePassageThatRefutes()
    {
        JudgePairSet set = JudgePairs.Build(Options());
        LabeledPairSet fnc = FncDataset.Load(Path.Combine(Data, "fnc-1"), FncSplit.Train);
        TermWeights weights = StanceTrainer.LearnWeights(fnc);
        string Best(string claim, int body)
        {
            IndexedSource source = IndexedSource.Create("b", fnc.Sources[body], weights);
            Alignment alignment = StanceFeaturizer.Featurize(IndexedClaim.Create(claim, weights), source, new float[FeatureSet.Count]);
            return source.SentenceText(alignment.Best);
        }

        JudgePair agree = Single(set, JudgeOrigins.Fnc, "Red panda found safe in park");
        JudgePair disagree = Single(set, JudgeOrigins.Fnc, "Ferry carried 500 passengers when it ran aground");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(agree.Label, Is.EqualTo(EntailmentLabel.Entails));
            Assert.That(agree.Passage, Is.EqualTo(Best(agree.Claim, 3)));
            Assert.That(disagree.Label, Is.EqualTo(EntailmentLabel.Contradicts));
            Assert.That(disagree.Passage, Is.EqualTo("All 212 passengers were brought ashore by lifeboats within two hours."), "the sentence stating another figure");
            Assert.That(Best(disagree.Claim, 0), Is.Not.EqualTo(disagree.Passage), "which is not the best-aligned one");
        }
    }

    [Test]
    public void FncNeitherPairsAreCappedAndUnstatedSentencesShareAWordOnly()
    {
        JudgePairSet set = JudgePairs.Build(Options());
        List<JudgePair> fnc = [.. All(set).Where(p => p.Origin.StartsWith("fnc-1", StringComparison.Ordinal))];
        int stated = fnc.Count(p => p.Origin == JudgeOrigins.Fnc);
        List<JudgePair> unstated = [.. fnc.Where(p => p.Origin == JudgeOrigins.FncUnstated)];
        LabeledPairSet bodies = FncDataset.Load(Path.Combine(Data, "fnc-1"), FncSplit.Train);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stated, Is.EqualTo(10), "5 agree and 5 disagree pairs, each with a passage");
            Assert.That(fnc.Count(p => p.Label == EntailmentLabel.Neither), Is.InRange(1, 0.4 * fnc.Count), "neither is at most 40% of FNC-1's pairs");
            Assert.That(fnc.Count(p => p.Origin == JudgeOrigins.FncDiscuss), Is.EqualTo(2), "40% of the 6 neither pairs the 10 stated ones allow");
            Assert.That(unstated, Has.Count.EqualTo(2));
            Assert.That(fnc.Count(p => p.Origin == JudgeOrigins.FncUnrelated), Is.InRange(1, 2));
            foreach (JudgePair p in unstated)
            {
                Assert.That(bodies.Sources.Any(b => b.Contains(p.Passage, StringComparison.Ordinal)), Is.True, $"'{p.Passage}' is a sentence of an article");
                Assert.That(fnc.Where(q => q.Claim == p.Claim && q.Origin == JudgeOrigins.Fnc).Select(q => q.Passage), Has.None.EqualTo(p.Passage));
                Assert.That(ContentStems(p.Claim).Intersect(ContentStems(p.Passage)), Is.Not.Empty, $"'{p.Passage}' shares a word with '{p.Claim}'");
                Assert.That(ContentStems(p.Claim).Except(ContentStems(p.Passage)), Is.Not.Empty, $"'{p.Passage}' does not hold all of '{p.Claim}'");
            }
        }
    }

    [Test]
    public void WindowPassagesWidenTheNewsPassagesToTwoAdjacentSentencesAndKeepEveryLabel()
    {
        JudgePairOptions options = Options() with { ArticleSentences = 2, EditedAgainstOtherSentences = true };
        List<JudgePair> without = All(JudgePairs.Build(options));
        List<JudgePair> with = All(JudgePairs.Build(options with { WindowPassageEvery = 1 }));
        string[] widened = [JudgeOrigins.Fnc, JudgeOrigins.Synthetic(JudgeOrigins.Fnc), JudgeOrigins.FncDiscuss, JudgeOrigins.FncUnrelated, JudgeOrigins.FncSentence, JudgeOrigins.Synthetic(JudgeOrigins.FncSentence), JudgeOrigins.FncSentenceOther, JudgeOrigins.FncSentenceEditedOther];
        LabeledPairSet bodies = FncDataset.Load(Path.Combine(Data, "fnc-1"), FncSplit.Train);
        Assert.That(with, Has.Count.EqualTo(without.Count));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(All(JudgePairs.Build(options with { WindowPassageEvery = 0 })), Is.EqualTo(without), "0 widens nothing");
            for (int i = 0; i < with.Count; i++)
            {
                JudgePair before = without[i], after = with[i];
                Assert.That((after.Claim, after.Label, after.Origin), Is.EqualTo((before.Claim, before.Label, before.Origin)), "the same pairs, labels kept");
                if (!widened.Contains(after.Origin))
                {
                    Assert.That(after.Passage, Is.EqualTo(before.Passage), $"{after.Origin} passages are not widened");
                    continue;
                }
                Assert.That(after.Passage, Does.Contain(before.Passage), "the window holds the sentence");
                Assert.That(after.Passage, Has.Length.GreaterThan(before.Passage.Length), $"'{before.Passage}' is widened");
                Assert.That(bodies.Sources.Any(b => b.Contains(after.Passage, StringComparison.Ordinal)), Is.True, $"'{after.Passage}' stands in an article as it is");
                if (after.Origin == JudgeOrigins.FncSentenceOther)
                {
                    Assert.That(after.Passage, Does.Not.Contain(after.Claim), "another sentence's window never holds the claim's own sentence");
                }
            }
            foreach (string origin in widened)
            {
                Assert.That(with.Count(p => p.Origin == origin), Is.GreaterThan(0), $"the fixture makes {origin} pairs");
            }
        }
    }

    [Test]
    public void EditedArticleSentencesAreAlsoReadAgainstAnotherSentenceOfTheirBodyAsNeither()
    {
        JudgePairOptions options = Options() with { ArticleSentences = 2 };
        List<JudgePair> without = All(JudgePairs.Build(options));
        List<JudgePair> with = All(JudgePairs.Build(options with { EditedAgainstOtherSentences = true }));
        List<JudgePair> made = [.. with.Where(p => p.Origin == JudgeOrigins.FncSentenceEditedOther)];
        HashSet<string> editedClaims = [.. without.Where(p => p.Origin == JudgeOrigins.Synthetic(JudgeOrigins.FncSentence)).Select(p => p.Claim)];
        LabeledPairSet bodies = FncDataset.Load(Path.Combine(Data, "fnc-1"), FncSplit.Train);
        TestContext.Out.WriteLine(string.Join("\n", made.Select(p => $"{p.Claim} || {p.Passage}")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(with.Where(p => p.Origin != JudgeOrigins.FncSentenceEditedOther), Is.EqualTo(without), "the other pairs do not change");
            Assert.That(made, Is.Not.Empty);
            Assert.That(made.Count, Is.AtMost(editedClaims.Count), "at most one per edited claim");
            foreach (JudgePair p in made)
            {
                Assert.That(p.Label, Is.EqualTo(EntailmentLabel.Neither));
                Assert.That(editedClaims, Does.Contain(p.Claim), "the claim is an edited article sentence the judge also learns as contradicted");
                string body = bodies.Sources.Single(b => b.Contains(p.Passage, StringComparison.Ordinal));
                Assert.That(body, Does.Not.Contain(p.Claim.TrimEnd('.')), "the edit is not in the article");
                Assert.That(ContentStems(p.Claim).Intersect(ContentStems(p.Passage)), Is.Not.Empty, $"'{p.Passage}' is on the subject of '{p.Claim}'");
                Assert.That(with.Any(q => q.Origin == JudgeOrigins.FncSentenceOther && q.Passage == p.Passage), Is.True, "the passage is the other sentence its unedited claim is read against");
            }
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ArticleSentencesAreClaimsAgainstTheirOwnArticle(bool restate)
    {
        JudgePairSet without = JudgePairs.Build(Options());
        JudgePairSet set = JudgePairs.Build(Options() with { ArticleSentences = 2, RestateArticleSentences = restate });
        List<JudgePair> all = All(set);
        List<JudgePair> made = [.. all.Where(p => p.Origin.StartsWith(JudgeOrigins.FncSentence, StringComparison.Ordinal) || p.Origin == JudgeOrigins.Synthetic(JudgeOrigins.FncSentence))];
        LabeledPairSet bodies = FncDataset.Load(Path.Combine(Data, "fnc-1"), FncSplit.Train);
        string BodyOf(string sentence) => bodies.Sources.Single(b => b.Contains(sentence, StringComparison.Ordinal));
        TestContext.Out.WriteLine(string.Join("\n", made.Select(p => $"{p.Label}: {p.Claim} || {p.Passage}")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(All(without).Where(p => !made.Contains(p)), Is.EqualTo(all.Where(p => !made.Contains(p))), "the other pairs do not change");
            Assert.That(made.Select(p => p.Label).Distinct(), Is.EquivalentTo(new[] { EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither }));
            Assert.That(made.Where(p => p.Origin == JudgeOrigins.FncSentenceOther).Select(p => p.Claim).Distinct().Count(), Is.AtMost(2 * bodies.Sources.Count), "at most two claim sentences per body");
            foreach (JudgePair p in made)
            {
                Assert.That(p.Label, Is.EqualTo(p.Origin switch
                {
                    JudgeOrigins.FncSentence => EntailmentLabel.Entails,
                    JudgeOrigins.FncSentenceOther => EntailmentLabel.Neither,
                    _ => EntailmentLabel.Contradicts,
                }), p.Origin);
                string body = BodyOf(p.Passage);
                if (p.Label == EntailmentLabel.Contradicts)
                {
                    Assert.That(body, Does.Not.Contain(p.Claim), "an edited sentence");
                    continue;
                }
                Assert.That(p.Claim, Does.Not.EndWith("?").And.Not.Contain("\""));
                if (p.Label == EntailmentLabel.Entails)
                {
                    Assert.That(ContentStems(p.Claim, numbers: false), Is.SubsetOf(ContentStems(p.Passage)), $"the passage states '{p.Claim}' in its words");
                    if (!restate)
                    {
                        Assert.That(p.Passage, Does.Contain(p.Claim.TrimEnd('.')), "the leading clause of a sentence of the passage");
                    }
                }
                else
                {
                    Assert.That(body, Does.Contain(p.Claim.TrimEnd('.')), "the claim is a sentence of the passage's own article");
                    Assert.That(p.Passage, Does.Not.Contain(p.Claim.TrimEnd('.')));
                    Assert.That(ContentStems(p.Claim).Intersect(ContentStems(p.Passage)), Is.Not.Empty, $"'{p.Passage}' is on the subject of '{p.Claim}'");
                }
            }
        }
        Assert.That(JudgePairs.Build(Options() with { ArticleSentences = 2, RestateArticleSentences = restate }).Train.Select(p => (p.Claim, p.Passage, p.Label)), Is.EqualTo(set.Train.Select(p => (p.Claim, p.Passage, p.Label))), "deterministic for a seed");
        if (restate)
        {
            Assert.That(made.Where(p => p.Label == EntailmentLabel.Entails).Select(p => p.Claim), Is.Not.EquivalentTo(All(JudgePairs.Build(Options() with { ArticleSentences = 2 })).Where(p => p.Origin == JudgeOrigins.FncSentence).Select(p => p.Claim)), "restated, not only leading clauses");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => JudgePairs.Build(Options() with { ArticleSentences = -1 }));
    }

    [Test]
    public void FramedPairsAreAddedOnTheSideOfThePairTheyComeFrom()
    {
        JudgePairSet plain = JudgePairs.Build(Options() with { ArticleSentences = 2 });
        JudgePairSet framed = JudgePairs.Build(Options() with { ArticleSentences = 2, FramedEvery = 1 });
        string[] kinds = ["hearsay ", "confirmed ", "denied "];
        bool IsFramed(JudgePair p) => kinds.Any(k => p.Origin.StartsWith(k, StringComparison.Ordinal));
        Assert.That(framed.Train.Where(p => !IsFramed(p)), Is.EqualTo(plain.Train), "the other training pairs are unchanged");
        Assert.That(framed.Dev.Where(p => !IsFramed(p)), Is.EqualTo(plain.Dev), "the other dev pairs are unchanged");
        Assert.That(framed.Train.Count(IsFramed), Is.GreaterThan(0));
        var devGroups = plain.Dev.Select(p => p.Group).ToHashSet();
        Assert.That(framed.Train.Where(IsFramed).Any(p => devGroups.Contains(p.Group)), Is.False, "a framed pair stays on its group's side");
        Assert.Throws<ArgumentOutOfRangeException>(() => JudgePairs.Build(Options() with { FramedEvery = -1 }));
        JudgePairSet other = JudgePairs.Build(Options() with { ArticleSentences = 2, FramedEvery = 1, FramedOtherEvery = 1 });
        bool IsOther(JudgePair p) => IsFramed(p) && (p.Origin.EndsWith(JudgeOrigins.FncSentenceOther, StringComparison.Ordinal) || p.Origin.EndsWith(JudgeFrames.OtherClaimOrigin, StringComparison.Ordinal));
        Assert.That(other.Train.Where(p => !IsOther(p)), Is.EqualTo(framed.Train), "framing other statements changes no other pair");
        Assert.That(other.Train.Count(IsOther), Is.GreaterThan(0));
        Assert.That(other.Train.Concat(other.Dev).Where(IsOther).All(p => p.Label == EntailmentLabel.Neither), Is.True);
        Assert.That(other.Train.Where(IsOther).Any(p => devGroups.Contains(p.Group)), Is.False, "a framed other statement stays on its group's side");
        Assert.Throws<ArgumentOutOfRangeException>(() => JudgePairs.Build(Options() with { FramedOtherEvery = -1 }));
    }

    [TestCase("The building on Mill Street needs a new roof, which will cost about 400,000 euros.", ExpectedResult = "The building on Mill Street needs a new roof.")]
    [TestCase("If the strike goes ahead, no trains would run between Halden and Moss.", ExpectedResult = "If the strike goes ahead, no trains would run between Halden and Moss.")]
    [TestCase("Sure, he may be old.", ExpectedResult = "Sure, he may be old.")]
    [TestCase("The operator has not commented on the reports.", ExpectedResult = "The operator has not commented on the reports.")]
    public string LeadingClauseIsTheMainClauseBeforeTheFirstComma(string sentence) => FncJudgePairs.LeadingClause(sentence);

    private static HashSet<ulong> ContentStems(string text, bool numbers = true) =>
        [.. WordTokenizer.Tokenize(text).Where(t => t.IsContent && (numbers || !(t.IsNumber || NumberWords.Contains(text.Substring(t.Start, t.Length).ToLowerInvariant())))).Select(t => t.Stem)];

    private static readonly string[] NumberWords = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    [Test]
    public void SyntheticContradictionsEditAnEntailedClaimAgainstTheSamePassage()
    {
        JudgePairSet set = JudgePairs.Build(Options() with { SyntheticEvery = 1 });
        List<JudgePair> all = All(set);
        List<JudgePair> synthetic = [.. all.Where(p => p.Origin.StartsWith("synthetic ", StringComparison.Ordinal))];
        Assert.That(synthetic, Has.Count.GreaterThanOrEqualTo(4));
        using (Assert.EnterMultipleScope())
        {
            foreach (JudgePair p in synthetic)
            {
                string origin = p.Origin["synthetic ".Length..];
                Assert.That(p.Label, Is.EqualTo(EntailmentLabel.Contradicts));
                Assert.That(all.Any(q => q.Origin == origin && q.Label == EntailmentLabel.Entails && q.Passage == p.Passage && q.Group == p.Group && q.Claim != p.Claim),
                    Is.True, $"'{p.Claim}' edits an entailed claim of the same passage and group");
            }
            Assert.That(synthetic.Select(p => p.Claim), Does.Contain("The Tamsin River is not 212 kilometres long.").Or.Contain("The Tamsin River is 212 kilometres short."),
                "an edit FlipNegation or SwapAntonym makes");
            Assert.That(All(JudgePairs.Build(Options() with { SyntheticEvery = 0 })).Where(p => p.Origin.StartsWith("synthetic ", StringComparison.Ordinal)), Is.Empty);
        }
    }

    [Test]
    public void SyntheticEditsLeaveNamesAndTitleCaseHeadlinesAlone()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(JudgeContradictions.ChangesAName("A soldier was shot at the War Memorial", "A soldier was shot at the Peace Memorial"), Is.True);
            Assert.That(JudgeContradictions.ChangesAName("Rapper Big Bank Hank dies", "Rapper Small Bank Hank dies"), Is.True);
            Assert.That(JudgeContradictions.ChangesAName("Prices will increase in May", "Prices will decrease in May"), Is.False);
            Assert.That(JudgeContradictions.ChangesAName("Big crowds gathered in Kell", "Small crowds gathered in Kell"), Is.False, "the claim's first word");
            Assert.That(JudgeContradictions.IsTitleCase("Ferry Passengers Injured In Halden Grounding"), Is.True);
            Assert.That(JudgeContradictions.IsTitleCase("The mayor of Kell opened the new bridge on Monday"), Is.False);
        }
    }

    [Test]
    public void SyntheticEditsNeverRelabelARealPair()
    {
        // "The Tamsin River is not 212 kilometres long." is what FlipNegation makes of an entailed claim; as a real
        // pair with the same passage it keeps its own label and is not made again as a contradiction.
        string passage = "The Tamsin River is 212 kilometres long and is not navigable.";
        JudgeCandidate entailed = new("The Tamsin River is 212 kilometres long.", passage, EntailmentLabel.Entails, JudgeOrigins.FeverNli, ["t:a"]);
        JudgeCandidate real = new("The Tamsin River is not 212 kilometres long.", passage, EntailmentLabel.Neither, JudgeOrigins.FeverNli, ["t:b"]);
        List<JudgeCandidate> made = Enumerable.Range(0, 20).SelectMany(seed => JudgeContradictions.Make([entailed, real], seed, every: 1)).ToList();
        Assert.That(made.Select(c => c.Claim), Has.None.EqualTo(real.Claim).And.Not.Empty);
    }

    [Test]
    public void ParaphrasesAreAddedWithoutChangingAnyOtherPair()
    {
        JudgePairSet without = JudgePairs.Build(Options() with { SyntheticEvery = 1, ArticleSentences = 2 });
        JudgePairSet with = JudgePairs.Build(Options() with { SyntheticEvery = 1, ArticleSentences = 2, ParaphraseEvery = 1 });
        static bool IsParaphrase(JudgePair p) => p.Origin.StartsWith("paraphrased ", StringComparison.Ordinal);
        List<JudgePair> paraphrases = All(with).Where(IsParaphrase).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(with.Train.Where(p => !IsParaphrase(p)), Is.EqualTo(without.Train));
            Assert.That(with.Dev.Where(p => !IsParaphrase(p)), Is.EqualTo(without.Dev));
            Assert.That(paraphrases, Is.Not.Empty);
            Assert.That(paraphrases, Has.All.Matches<JudgePair>(p => p.Label == EntailmentLabel.Entails));
            Assert.That(paraphrases, Has.All.Matches<JudgePair>(p => All(without).Any(o => o.Passage == p.Passage && o.Group == p.Group && o.Label == EntailmentLabel.Entails && o.Claim != p.Claim)),
                "each rewords an entailing pair's claim and keeps its passage and group");
        }
    }

    [Test]
    public void FiguresAreRestatedAndMisstatedAgainstTheSamePassageWithoutChangingAnyOtherPair()
    {
        JudgePairSet without = JudgePairs.Build(Options() with { SyntheticEvery = 1, ArticleSentences = 2 });
        JudgePairSet with = JudgePairs.Build(Options() with { SyntheticEvery = 1, ArticleSentences = 2, FigureEvery = 1 });
        static bool IsFigure(JudgePair p) => p.Origin.StartsWith("restated figure ", StringComparison.Ordinal) || p.Origin.StartsWith("misstated figure ", StringComparison.Ordinal);
        List<JudgePair> figures = All(with).Where(IsFigure).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(with.Train.Where(p => !IsFigure(p)), Is.EqualTo(without.Train));
            Assert.That(with.Dev.Where(p => !IsFigure(p)), Is.EqualTo(without.Dev));
            Assert.That(All(JudgePairs.Build(Options() with { SyntheticEvery = 1, ArticleSentences = 2, FigureEvery = 0 })), Is.EqualTo(All(without)), "0 makes none");
            Assert.That(figures.Where(p => p.Origin.StartsWith("restated", StringComparison.Ordinal)), Is.Not.Empty.And.All.Matches<JudgePair>(p => p.Label == EntailmentLabel.Entails));
            Assert.That(figures.Where(p => p.Origin.StartsWith("misstated", StringComparison.Ordinal)), Is.Not.Empty.And.All.Matches<JudgePair>(p => p.Label == EntailmentLabel.Contradicts));
            foreach (JudgePair figure in figures)
            {
                JudgePair[] sources = All(without).Where(o => o.Passage == figure.Passage && o.Group == figure.Group && o.Label == EntailmentLabel.Entails && o.Claim != figure.Claim).ToArray();
                Assert.That(sources, Is.Not.Empty, $"'{figure.Claim}' restates an entailing pair's claim and keeps its passage and group");
                Assert.That(figure.Claim, Does.Match(@"\b(more than|over|at least|fewer than|less than|under|about|around|roughly|some|approximately|nearly|almost|close to|a decade|a dozen|two dozen|half a dozen|a day|a week|a year)\b"), "the figure is hedged or said as a span");
            }
        }
    }

    [Test]
    public void EmptyPairsAreDroppedAndRepeatsKeptOnce()
    {
        JudgePairSet set = JudgePairs.Build(Options() with { SyntheticEvery = 0 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Summary.EmptyDropped, Is.EqualTo(1), "the FEVER line whose claim is blank");
            Assert.That(All(set), Has.None.Matches<JudgePair>(p => string.IsNullOrWhiteSpace(p.Claim) || string.IsNullOrWhiteSpace(p.Passage)));
            Assert.That(All(set).Count(p => p.Claim == "The Larkspur Bridge crosses the Tamsin River."), Is.EqualTo(1), "the repeated FEVER line");
            Assert.That(set.Summary.DuplicatesDropped, Is.GreaterThanOrEqualTo(1));
            Assert.That(All(set).Select(p => (p.Claim, p.Passage, p.Label)), Is.Unique);
        }
    }

    [Test]
    public void SameSeedGivesIdenticalPairs()
    {
        JudgePairSet a = JudgePairs.Build(Options(seed: 7) with { DevFraction = 0.5 });
        JudgePairSet b = JudgePairs.Build(Options(seed: 7) with { DevFraction = 0.5 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(b.Train, Is.EqualTo(a.Train));
            Assert.That(b.Dev, Is.EqualTo(a.Dev));
            Assert.That(b.Summary.ToTable(), Is.EqualTo(a.Summary.ToTable()));
        }
    }

    [Test]
    public void DifferentSeedsSplitDifferently()
    {
        JudgePairSet a = JudgePairs.Build(Options(seed: 1) with { DevFraction = 0.5 });
        JudgePairSet b = JudgePairs.Build(Options(seed: 2) with { DevFraction = 0.5 });
        Assert.That(b.Dev.Select(p => p.Group).ToHashSet(), Is.Not.EquivalentTo(a.Dev.Select(p => p.Group).ToHashSet()));
    }

    [Test]
    public void NoGroupClaimOrArticleIsOnBothSides([Values(1, 2, 3, 4, 5)] int seed)
    {
        JudgePairSet set = JudgePairs.Build(Options(seed) with { DevFraction = 0.5, SyntheticEvery = 1 });
        Assert.That(set.Dev, Is.Not.Empty);
        Assert.That(set.Train, Is.Not.Empty);
        static HashSet<string> Claims(IEnumerable<JudgePair> pairs) => [.. pairs.Select(p => p.Claim.Trim().ToLowerInvariant())];
        // FEVER is grouped by claim only, as asked: its evidence may be on both sides.
        static HashSet<string> Passages(IEnumerable<JudgePair> pairs) => [.. pairs.Where(p => !p.Origin.EndsWith(JudgeOrigins.FeverNli, StringComparison.Ordinal)).Select(p => p.Passage.Trim().ToLowerInvariant())];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Train.Select(p => p.Group).Intersect(set.Dev.Select(p => p.Group)), Is.Empty, "groups");
            Assert.That(Claims(set.Train).Intersect(Claims(set.Dev)), Is.Empty, "claims");
            Assert.That(Passages(set.Train).Intersect(Passages(set.Dev)), Is.Empty, "passages");
        }
    }

    [Test]
    public void LinkedPairsShareAGroup()
    {
        JudgePairSet set = JudgePairs.Build(Options());
        string GroupOf(string origin, string claim) => All(set).First(p => p.Origin == origin && p.Claim == claim).Group;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(GroupOf(JudgeOrigins.CovidFact, "Cloth masks increase droplet spread in a lab study."),
                Is.EqualTo(GroupOf(JudgeOrigins.CovidFact, "Cloth masks cut droplet spread in a lab study.")), "a counter-claim and its claim share their evidence");
            Assert.That(GroupOf(JudgeOrigins.Emergent, "A Halden ferry ran aground in fog"), Is.EqualTo(GroupOf(JudgeOrigins.Fnc, "Halden ferry runs aground in fog")),
                "an Emergent headline that is an FNC-1 headline joins its story");
            Assert.That(GroupOf(JudgeOrigins.Fnc, "All 212 ferry passengers rescued"), Is.EqualTo(GroupOf(JudgeOrigins.Fnc, "Ferry passengers injured in grounding")),
                "two articles of one story");
            Assert.That(GroupOf(JudgeOrigins.Fnc, "Red panda found safe in park"), Is.Not.EqualTo(GroupOf(JudgeOrigins.Fnc, "Alder library to close")), "two stories");
        }
    }

    [Test]
    public void DevShareIsStableAndNearTheFraction()
    {
        string[] groups = [.. Enumerable.Range(0, 20_000).Select(i => $"group {i}")];
        double share = groups.Count(g => JudgeGroups.IsDev(1, g, 0.08)) / (double)groups.Length;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(share, Is.InRange(0.07, 0.09));
            // Pinned: the split must be the same in every process (string.GetHashCode is not).
            Assert.That(groups.Take(200).Where(g => JudgeGroups.IsDev(1, g, 0.08)).ToArray(), Is.EqualTo(PinnedDevGroups));
            Assert.That(groups.Count(g => JudgeGroups.IsDev(1, g, 0.08) != JudgeGroups.IsDev(2, g, 0.08)), Is.GreaterThan(2_000), "another seed, another split");
        }
    }

    private static readonly string[] PinnedDevGroups =
    [
        "group 7", "group 24", "group 27", "group 34", "group 56", "group 65", "group 89", "group 112", "group 121", "group 123",
        "group 149", "group 156", "group 157", "group 174", "group 178", "group 182", "group 183", "group 186", "group 189",
    ];
}
