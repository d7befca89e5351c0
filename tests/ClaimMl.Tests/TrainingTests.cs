using ClaimMl.Evaluation;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;
using ClaimMl.Training;

namespace ClaimMl.Tests;

/// <summary>A small labeled set written for these tests: eight made-up news items and claims about them.</summary>
internal static class TinyLabeledSet
{
    private static readonly string[] Bodies =
    [
        "The old lighthouse at Grey Point was switched back on last night after a two-year restoration. " +
        "Volunteers repainted the tower in red and white stripes. The keeper's cottage will open as a small museum in June.",

        "A red panda that slipped out of the Linden Zoo was found safe in a nearby park on Sunday. " +
        "Keepers said the animal, called Pip, squeezed through a gap in a fence. The zoo has since repaired the enclosure.",

        "Rail workers in the northern region will strike for 48 hours from Thursday, their union announced. " +
        "No trains will run between Halden and Moss during the strike. The rail company said talks would continue.",

        "A small meteorite landed in a field near Easton, scientists at the local university confirmed on Wednesday. " +
        "The rock weighs about two kilograms. Researchers plan to study its iron content.",

        "Bakers in Corvale made a loaf of bread 30 metres long, setting a new town record at the summer fair. " +
        "The loaf was shared among 500 visitors.",

        "Officials denied reports that the tap water in Riverside is contaminated. Tests carried out this week found no " +
        "harmful bacteria, the water board said. Residents do not need to boil their water.",

        "Rumours that Mayor Dana Holt has resigned are false, her office said on Tuesday. " +
        "Holt remains in office and will chair the council meeting on Friday, a spokesman added.",

        "Police are looking into reports that a painting may have been taken from the Fenwick Museum. " +
        "The museum has not said whether anything is missing. Investigators were seen at the building on Monday.",
    ];

    // Per body: two claims it supports, two it refutes, two it only discusses.
    private static readonly string[][] Claims =
    [
        [
            "The Grey Point lighthouse is shining again after its restoration.",
            "Volunteers repainted the Grey Point lighthouse tower.",
            "The Grey Point lighthouse was torn down last night.",
            "The Grey Point lighthouse will stay dark for two more years.",
            "Some say the lighthouse cottage may become a hotel instead of a museum.",
            "Locals wonder whether the lighthouse restoration went over budget.",
        ],
        [
            "An escaped red panda was found safe in a park near Linden Zoo.",
            "Pip the red panda got out through a gap in a zoo fence.",
            "The red panda that escaped from Linden Zoo has not been found.",
            "Pip the red panda was found dead after escaping the zoo.",
            "Linden Zoo may face an inquiry over the red panda escape.",
            "Visitors reportedly saw the red panda climbing a tree in the park.",
        ],
        [
            "Rail workers in the north will strike for 48 hours from Thursday.",
            "No trains will run between Halden and Moss during the rail strike.",
            "The northern rail strike has been called off.",
            "Trains between Halden and Moss will run as normal on Thursday.",
            "The rail strike could spread to other regions, some workers claim.",
            "Passengers fear the rail strike may last longer than announced.",
        ],
        [
            "Scientists confirmed a meteorite landed in a field near Easton.",
            "The Easton meteorite weighs about two kilograms.",
            "The rock found near Easton is not a meteorite, scientists said.",
            "No meteorite landed near Easton, the university said.",
            "Collectors are said to be offering money for the Easton meteorite.",
            "The Easton meteorite might be part of a larger shower, reports suggest.",
        ],
        [
            "Corvale bakers set a town record with a 30 metre loaf of bread.",
            "A giant loaf baked in Corvale was shared among 500 visitors.",
            "The Corvale record loaf was only 3 metres long.",
            "Corvale bakers failed to set a record at the summer fair.",
            "Corvale's giant loaf may be entered for a world record, organisers hinted.",
            "It is unclear who paid for the flour for the Corvale loaf.",
        ],
        [
            "Riverside tap water is safe to drink, tests show.",
            "No harmful bacteria were found in Riverside's water this week.",
            "Riverside tap water is contaminated with bacteria.",
            "Riverside residents must boil their tap water.",
            "Riverside residents reportedly complained about the taste of their water.",
            "The Riverside water board may change its testing schedule.",
        ],
        [
            "Mayor Dana Holt has not resigned, her office says.",
            "Mayor Holt will chair Friday's council meeting.",
            "Mayor Dana Holt resigned on Tuesday.",
            "Mayor Holt has left office.",
            "Rumours about Mayor Holt's future have spread on social media.",
            "Some council members reportedly want Mayor Holt to step aside.",
        ],
        [
            "Police are investigating a possible painting theft at the Fenwick Museum.",
            "Investigators were seen at the Fenwick Museum on Monday.",
            "Police have ruled out any theft at the Fenwick Museum.",
            "Nothing was ever reported missing from the Fenwick Museum and police are not involved.",
            "A painting may have been stolen from the Fenwick Museum, reports say.",
            "The missing Fenwick painting could be worth millions, an art dealer claimed.",
        ],
    ];

    private static readonly Stance[] ClaimStances =
        [Stance.Supports, Stance.Supports, Stance.Refutes, Stance.Refutes, Stance.Discusses, Stance.Discusses];

    /// <summary>Writes the set as FNC-1 training files (train_bodies.csv, train_stances.csv) into <paramref name="folder"/> and returns it.</summary>
    public static string WriteFnc(string folder)
    {
        LabeledPairSet set = Create();
        var bodies = new System.Text.StringBuilder("Body ID,articleBody\n");
        for (int i = 0; i < set.Sources.Count; i++)
        {
            bodies.Append(i).Append(",\"").Append(set.Sources[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\n");
        }
        var stances = new System.Text.StringBuilder("Headline,Body ID,Stance\n");
        foreach (LabeledPair pair in set.Pairs)
        {
            string label = pair.Stance switch { Stance.Supports => "agree", Stance.Refutes => "disagree", Stance.Discusses => "discuss", _ => "unrelated" };
            stances.Append('"').Append(pair.Claim.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(pair.Source).Append(',').Append(label).Append('\n');
        }
        Directory.CreateDirectory(folder);
        var utf8 = new System.Text.UTF8Encoding(false);
        File.WriteAllText(Path.Combine(folder, "train_bodies.csv"), bodies.ToString(), utf8);
        File.WriteAllText(Path.Combine(folder, "train_stances.csv"), stances.ToString(), utf8);
        return folder;
    }

    public static LabeledPairSet Create()
    {
        var pairs = new List<LabeledPair>();
        for (int body = 0; body < Bodies.Length; body++)
        {
            for (int c = 0; c < ClaimStances.Length; c++)
            {
                pairs.Add(new LabeledPair(Claims[body][c], body, ClaimStances[c]));
            }
            // two claims about other stories, unrelated to this body
            pairs.Add(new LabeledPair(Claims[(body + 1) % Bodies.Length][0], body, Stance.Unrelated));
            pairs.Add(new LabeledPair(Claims[(body + 3) % Bodies.Length][2], body, Stance.Unrelated));
        }
        return new LabeledPairSet("tiny test set", Bodies, pairs);
    }
}

[TestFixture]
public class TrainingTests : TempDirectoryFixture
{
    private static readonly TrainerSettings Small = new() { Trees = 20, Leaves = 4, MinExamplesPerLeaf = 2, LearningRate = 0.2 };

    [Test]
    public void TinySetCoversEveryStance()
    {
        LabeledPairSet set = TinyLabeledSet.Create();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Pairs, Has.Count.EqualTo(64));
            foreach (Stance stance in Enum.GetValues<Stance>())
            {
                Assert.That(set.Pairs.Count(p => p.Stance == stance), Is.EqualTo(16), stance.ToString());
            }
        }
    }

    [Test]
    public void SameSeedGivesByteIdenticalModelFilesThatPredictLikeTheTrainedModel()
    {
        LabeledPairSet set = TinyLabeledSet.Create();
        TrainedModel first = StanceTrainer.Train(set, Small, seed: 5);
        TrainedModel second = StanceTrainer.Train(set, Small, seed: 5);
        string firstPath = Temp.File("first.zip");
        string secondPath = Temp.File(Path.Combine("sub", "second.zip"));
        first.Save(firstPath);
        second.Save(secondPath);

        byte[] firstBytes = File.ReadAllBytes(firstPath);
        Assert.That(firstBytes, Is.Not.Empty);
        Assert.That(File.ReadAllBytes(secondPath), Is.EqualTo(firstBytes), "two runs with the same seed wrote different model files");
        Assert.That(Directory.GetFiles(Temp.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty, "temporary files left behind");

        StanceModel inMemory = first.ToStanceModel();
        StanceModel loaded = ModelFile.Load(firstPath);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded.Manifest.Seed, Is.EqualTo(5));
            Assert.That(loaded.Manifest.Trainer, Is.EqualTo(Small));
            Assert.That(loaded.Manifest.TrainingPairs, Is.EqualTo(set.Pairs.Count));
            Assert.That(loaded.Manifest.FeatureNames, Is.EqualTo(FeatureSet.Names));
            Assert.That(loaded.Weights.Count, Is.EqualTo(inMemory.Weights.Count));
            Assert.That(loaded.Weights.DocumentCount, Is.EqualTo(inMemory.Weights.DocumentCount));
        }

        float[][] features = StanceTrainer.Featurize(set, inMemory.Weights, null, CancellationToken.None);
        float[][] loadedFeatures = StanceTrainer.Featurize(set, loaded.Weights, null, CancellationToken.None);
        var predicted = new List<Stance>();
        for (int i = 0; i < features.Length; i++)
        {
            Assert.That(loadedFeatures[i], Is.EqualTo(features[i]), $"features of pair {i} differ with the loaded term weights");
            StanceProbabilities expected = inMemory.Predict(features[i]);
            Assert.That(loaded.Predict(features[i]), Is.EqualTo(expected), $"pair {i}");
            predicted.Add(expected.MostLikely);
        }

        // the model learned something from its training pairs (chance is 25%)
        var metrics = new StanceMetrics(set.Pairs.Select(p => p.Stance).ToList(), predicted);
        Assert.That(metrics.Accuracy, Is.GreaterThan(0.5));
    }

    [Test]
    public void SavingOverAnExistingModelReplacesIt()
    {
        LabeledPairSet set = TinyLabeledSet.Create();
        string path = Temp.WriteText("model.zip", "an old file");
        StanceTrainer.Train(set, Small with { Trees = 5 }, seed: 1).Save(path);
        Assert.That(ModelFile.Load(path).Scorer(StanceStage.Related).TreeCount, Is.EqualTo(5));
    }

    [Test]
    public void TrainingWithoutEveryStanceIsRejected()
    {
        LabeledPairSet noRefutes = TinyLabeledSet.Create().Subset("no refutes", p => p.Stance != Stance.Refutes);
        ArgumentException? e = Assert.Throws<ArgumentException>(() => StanceTrainer.Train(noRefutes, Small, seed: 1));
        Assert.That(e!.Message, Does.Contain("Refutes"));
    }

    [Test]
    public void TrainingOnNothingIsRejected()
    {
        LabeledPairSet empty = TinyLabeledSet.Create().Subset("empty", _ => false);
        Assert.That(() => StanceTrainer.Train(empty, Small, seed: 1), Throws.ArgumentException);
    }

    [TestCase(10, 5)]
    [TestCase(1683, 5)]
    [TestCase(7, 3)]
    public void FoldsAreBalancedAndDependOnlyOnTheSeed(int sources, int folds)
    {
        int[] assignment = CrossValidation.AssignFolds(sources, folds, seed: 3);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(assignment, Has.Length.EqualTo(sources));
            Assert.That(assignment, Is.All.InRange(0, folds - 1));
            int[] sizes = Enumerable.Range(0, folds).Select(f => assignment.Count(a => a == f)).ToArray();
            Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1));
            Assert.That(CrossValidation.AssignFolds(sources, folds, seed: 3), Is.EqualTo(assignment));
        }
    }

    [Test]
    public void FoldsAreShuffled()
    {
        int[] a = CrossValidation.AssignFolds(100, 5, seed: 1);
        int[] b = CrossValidation.AssignFolds(100, 5, seed: 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(b, Is.Not.EqualTo(a));
            Assert.That(a, Is.Not.EqualTo(Enumerable.Range(0, 100).Select(i => i % 5)));
        }
    }
}
