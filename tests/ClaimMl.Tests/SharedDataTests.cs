using ClaimMl.DataFormats;
using ClaimMl.Evaluation;
using ClaimMl.Model;
using ClaimMl.Training;

namespace ClaimMl.Tests;

/// <summary>Tests on FNC-1 from the shared data folder; ignored when it is not there (e.g. on a plain clone).</summary>
[TestFixture]
[Category(SharedData.Category)]
public class SharedDataTests
{
    [Test]
    public void FncTrainSplitHasTheDocumentedSize()
    {
        string folder = SharedData.RequireFolder("fnc-1");
        LabeledPairSet train = FncDataset.Load(folder, FncSplit.Train);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(train.Name, Is.EqualTo("fnc-1 train"));
            Assert.That(train.Pairs, Has.Count.EqualTo(49_972));
            Assert.That(train.Sources, Has.Count.EqualTo(1_683));
            Assert.That(train.Pairs.Count(p => p.Stance == Stance.Unrelated), Is.EqualTo(36_545));
            Assert.That(train.Pairs.Count(p => p.Stance == Stance.Discusses), Is.EqualTo(8_909));
            Assert.That(train.Pairs.Count(p => p.Stance == Stance.Supports), Is.EqualTo(3_678));
            Assert.That(train.Pairs.Count(p => p.Stance == Stance.Refutes), Is.EqualTo(840));
            Assert.That(train.Sources, Has.None.Empty);
            Assert.That(train.Sources.Any(s => s.Contains('\n', StringComparison.Ordinal)), Is.True, "multi-line bodies are read whole");
        }
    }

    [Test]
    public void FncCompetitionSplitHasTheDocumentedSize()
    {
        string folder = SharedData.RequireFolder("fnc-1");
        LabeledPairSet test = FncDataset.Load(folder, FncSplit.Competition);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.Pairs, Has.Count.EqualTo(25_413));
            Assert.That(test.Sources, Has.Count.EqualTo(904));
        }
    }

    [Test]
    public void FeverSymmetricSplitsHaveTheDocumentedSizes()
    {
        string folder = SharedData.RequireFolder("fever-symmetric");
        var dev = ClaimMl.DataFormats.ClaimSets.FeverSymmetricDataset.Load(folder, "dev");
        var test = ClaimMl.DataFormats.ClaimSets.FeverSymmetricDataset.Load(folder, "test");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dev.Cases, Has.Count.EqualTo(708));
            Assert.That(test.Cases, Has.Count.EqualTo(712));
            Assert.That(test.Cases.Count(c => c.Gold == Verdict.Disputed), Is.EqualTo(356));
            Assert.That(test.Cases.Concat(dev.Cases).SelectMany(c => c.Sources.Append(c.Claim)), Has.None.Contain("-LRB-").And.None.Contain(" ."), "FEVER's tokens are turned back into text");
            Assert.That(ClaimMl.DataFormats.ClaimSets.TrainingSets.Load("fever-symmetric", folder).Pairs, Has.Count.EqualTo(708), "the dev split is the training side");
        }
    }

    [Test]
    public void SmallModelBeatsTheMajorityClassOnHeldOutBodies()
    {
        string folder = SharedData.RequireFolder("fnc-1");
        LabeledPairSet train = FncDataset.Load(folder, FncSplit.Train);

        // Hold out one fold of five, by body: no held-out article is seen in training.
        int[] foldOf = CrossValidation.AssignFolds(train.Sources.Count, folds: 5, seed: 11);
        const int heldOutFold = 0;
        var trainingPairs = train.Pairs.Where(p => foldOf[p.Source] != heldOutFold).ToArray();
        new Random(11).Shuffle(trainingPairs);
        LabeledPairSet slice = train with { Name = "fnc-1 train slice", Pairs = trainingPairs.Take(5_000).ToList() };
        LabeledPairSet heldOut = train.Subset("fnc-1 held-out fold", p => foldOf[p.Source] == heldOutFold);
        Assert.That(heldOut.Pairs, Has.Count.GreaterThan(5_000));
        Assert.That(slice.Pairs.Select(p => p.Source).Intersect(heldOut.Pairs.Select(p => p.Source)), Is.Empty);

        StanceModel model = StanceTrainer.Train(slice, new TrainerSettings { Trees = 50 }, seed: 1).ToStanceModel();
        StanceMetrics metrics = StancePredictor.Evaluate(model, heldOut);

        List<Stance> gold = heldOut.Pairs.Select(p => p.Stance).ToList();
        var majority = new StanceMetrics(gold, gold.Select(_ => Stance.Unrelated).ToList());
        string figures = $"model: accuracy {metrics.Accuracy:0.0000}, macro-F1 {metrics.MacroF1:0.0000}; " +
            $"all 'unrelated': accuracy {majority.Accuracy:0.0000}, macro-F1 {majority.MacroF1:0.0000}";
        TestContext.Out.WriteLine(figures);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics.Count, Is.EqualTo(heldOut.Pairs.Count));
            Assert.That(metrics.Accuracy, Is.GreaterThan(majority.Accuracy), figures);
            Assert.That(metrics.MacroF1, Is.GreaterThan(majority.MacroF1), figures);
        }
    }
}

/// <summary>The locator itself, so that a clone without ../shared skips rather than fails.</summary>
[TestFixture]
public class SharedDataLocatorTests
{
    [Test]
    public void AbsentDataSetIsIgnoredWithAMessageSayingWhereItLooked()
    {
        IgnoreException? e = Assert.Throws<IgnoreException>(() => SharedData.RequireFolder("no-such-data-set"));
        Assert.That(e!.Message, Does.Contain("no-such-data-set").And.Contain(SharedData.EnvironmentVariable).And.Contain(Path.Combine("shared", "data")));
    }
}
