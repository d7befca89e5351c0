using System.Diagnostics;
using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>The sentence-pair sets and the judge's pairs on the shared data; ignored when it is not there.</summary>
[TestFixture]
[Category(SharedData.Category)]
public sealed class JudgePairsSharedDataTests
{
    [Test]
    public void SentencePairSetsHaveTheDocumentedSizes()
    {
        List<NliPair> fever = FeverNliDataset.Load(SharedData.RequireFolder("fever-nli"));
        List<NliPair> sick = SickDataset.Load(SharedData.RequireFolder("sick"));
        string scifact = SharedData.RequireFolder("scifact-nli");
        List<NliPair> scifactTrain = SciFactNliDataset.Load(scifact, "train");
        List<NliPair> scifactDev = SciFactNliDataset.Load(scifact, "dev");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fever, Has.Count.EqualTo(12_908));
            Assert.That(fever.Count(p => p.Label == EntailmentLabel.Entails), Is.EqualTo(6_466));
            Assert.That(fever.Count(p => p.Label == EntailmentLabel.Contradicts), Is.EqualTo(6_442));
            Assert.That(fever.SelectMany(p => new[] { p.Claim, p.Passage }), Has.None.Contain("-LSB-").And.None.Contain("-LRB-").And.None.Contain("`` ").And.None.Contain(" 's "),
                "FEVER's tokens are turned back into text");
            Assert.That(fever.Count(p => p.Passage.Contains(" , ", StringComparison.Ordinal)), Is.LessThan(20), "bar a few runs of spaces in pronunciations");
            Assert.That(sick.Count(p => p.Side == "TRAIN"), Is.EqualTo(4_439));
            Assert.That(sick.Count(p => p.Side == "TRIAL"), Is.EqualTo(495));
            Assert.That(sick, Has.Count.EqualTo(4_934), "TEST's 4,906 rows are not read");
            Assert.That(scifactTrain, Has.Count.EqualTo(564));
            Assert.That(scifactTrain.Count(p => p.Label == EntailmentLabel.Entails), Is.EqualTo(370));
            Assert.That(scifactTrain.Count(p => p.Label == EntailmentLabel.Contradicts), Is.EqualTo(194));
            Assert.That(scifactDev, Has.Count.EqualTo(209));
        }
    }

    [Test]
    public void FullPairSetHasEveryOriginWithItsLabelsAndASoundSplit()
    {
        string root = Path.GetDirectoryName(SharedData.RequireFolder("fnc-1"))!;
        JudgePairOptions options = JudgePairOptions.ForDataFolder(root);
        var clock = Stopwatch.StartNew();
        JudgePairSet set = JudgePairs.Build(options);
        clock.Stop();
        TestContext.Out.WriteLine($"Built in {clock.Elapsed.TotalSeconds:0.0} s: {set.Train.Count:N0} train, {set.Dev.Count:N0} dev pairs");
        TestContext.Out.WriteLine(set.Summary.ToTable());

        EntailmentLabel[] two = [EntailmentLabel.Entails, EntailmentLabel.Contradicts];
        EntailmentLabel[] three = [EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither];
        EntailmentLabel[] neither = [EntailmentLabel.Neither];
        EntailmentLabel[] contradicts = [EntailmentLabel.Contradicts];
        var expected = new Dictionary<string, EntailmentLabel[]>
        {
            [JudgeOrigins.FeverNli] = two,
            [JudgeOrigins.Sick] = three,
            [JudgeOrigins.SciFact] = two,
            [JudgeOrigins.CovidFact] = two,
            [JudgeOrigins.HealthVer] = three,
            [JudgeOrigins.Emergent] = three,
            [JudgeOrigins.Fnc] = two,
            [JudgeOrigins.FncDiscuss] = neither,
            [JudgeOrigins.FncUnstated] = neither,
            [JudgeOrigins.FncUnrelated] = neither,
            [JudgeOrigins.Synthetic(JudgeOrigins.FeverNli)] = contradicts,
            [JudgeOrigins.Synthetic(JudgeOrigins.Emergent)] = contradicts,
            [JudgeOrigins.Synthetic(JudgeOrigins.Fnc)] = contradicts,
        };
        List<JudgePair> all = [.. set.Train, .. set.Dev];
        var groups = all.Select(p => p.Group).ToHashSet();
        var devGroups = set.Dev.Select(p => p.Group).ToHashSet();
        List<JudgePair> fnc = [.. all.Where(p => p.Origin.StartsWith("fnc-1", StringComparison.Ordinal))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Summary.Origins.Select(o => o.Origin), Is.EquivalentTo(expected.Keys));
            foreach (var (origin, labels) in expected)
            {
                JudgeOriginCounts? row = set.Summary[origin];
                Assert.That(row, Is.Not.Null, origin);
                foreach (EntailmentLabel label in Enum.GetValues<EntailmentLabel>())
                {
                    int n = row!.Train[label] + row.Dev[label];
                    Assert.That(n, labels.Contains(label) ? Is.GreaterThan(0) : Is.Zero, $"{origin} {label}");
                }
            }
            Assert.That(set.Train.Select(p => p.Group).Intersect(devGroups), Is.Empty, "no group on both sides");
            Assert.That((double)devGroups.Count / groups.Count, Is.InRange(0.065, 0.095), "about 8% of the groups are dev");
            Assert.That(set.Dev.Count / (double)all.Count, Is.InRange(0.04, 0.14), "and about as many pairs");
            Assert.That(fnc.Count(p => p.Label == EntailmentLabel.Neither) / (double)fnc.Count, Is.InRange(0.3, 0.41), "FNC-1's neither pairs are capped near 40%");
        }
    }

    [Test]
    public void SickTestPairsAreNotAmongThePairs()
    {
        string sick = SharedData.RequireFolder("sick");
        // The test side read here on purpose, raw, only to check that none of its pairs made it in.
        var testPairs = File.ReadLines(Path.Combine(sick, SickDataset.FileName)).Skip(1)
            .Select(line => line.TrimEnd('\r').Split('\t'))
            .Where(f => f[11] == SickDataset.TestSide)
            .Select(f => (Claim: f[2], Passage: f[1]))
            .ToHashSet();
        Assert.That(testPairs, Has.Count.EqualTo(4_906));
        JudgePairSet set = JudgePairs.Build(new JudgePairOptions { Sick = sick });
        Assert.That(set.Train.Concat(set.Dev).Where(p => testPairs.Contains((p.Claim, p.Passage))), Is.Empty);
    }
}
