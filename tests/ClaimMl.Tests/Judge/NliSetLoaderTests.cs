using ClaimMl.DataFormats;
using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;

namespace ClaimMl.Tests.Judge;

/// <summary>The sentence-pair loaders on the hand-written files of <c>Judge/Data</c> and on broken copies of them.</summary>
[TestFixture]
public sealed class NliSetLoaderTests : TempDirectoryFixture
{
    /// <summary>The folder of the hand-written sets, one subfolder per set as in the shared data.</summary>
    internal static string Data => Path.Combine(RepoPaths.Root, "tests", "ClaimMl.Tests", "Judge", "Data");

    [Test]
    public void FeverPairsMapLabelsAndTurnTokensBackIntoText()
    {
        List<NliPair> pairs = FeverNliDataset.Load(Path.Combine(Data, "fever-nli"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pairs, Has.Count.EqualTo(12));
            Assert.That(pairs[0].Passage, Is.EqualTo("The Larkspur Bridge (opened 1931) crosses the Tamsin River at Kell."));
            Assert.That(pairs[0].Claim, Is.EqualTo("The Larkspur Bridge crosses the Tamsin River."));
            Assert.That(pairs[0].Label, Is.EqualTo(EntailmentLabel.Entails));
            Assert.That(pairs[1].Passage, Is.EqualTo("Maren Holt (born 4 May 1962) is a Danish painter who doesn't work in stone."), "spaced brackets and clitics are joined");
            Assert.That(pairs[1].Label, Is.EqualTo(EntailmentLabel.Contradicts), "not_entailment is a refutation in this set");
            Assert.That(pairs[2].Passage, Is.EqualTo("Orrin Vale's first novel, \"Salt Year\", was published in 1998."));
            Assert.That(pairs.Select(p => p.Line), Is.EqualTo(Enumerable.Range(1, 12)));
            Assert.That(pairs.Select(p => p.Side).Distinct(), Is.EqualTo(new[] { FeverNliDataset.Side }));
        }
    }

    [Test]
    public void FeverSymmetricSharesTheDetokenizer()
    {
        Temp.WriteText("fs/v0.2/fever_symmetric_dev.jsonl",
            "{\"id\":\"1\",\"claim\":\"Goosebumps ( film ) is by Rob Letterman .\",\"evidence\":\"Goosebumps -LRB- 2015 film -RRB- was directed by Rob Letterman .\",\"label\":\"SUPPORTS\"}\n");
        ClaimSet set = FeverSymmetricDataset.Load(Temp.File("fs"), "dev");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Cases[0].Claim, Is.EqualTo("Goosebumps (film) is by Rob Letterman."));
            Assert.That(set.Cases[0].Sources[0], Is.EqualTo("Goosebumps (2015 film) was directed by Rob Letterman."));
        }
    }

    [Test]
    public void FeverUnknownLabelNamesFileLineAndField()
    {
        string file = Temp.WriteText("fever-nli/pairs.jsonl",
            "{\"evidence\": \"Kell is a town .\", \"claim\": \"Kell is a town.\", \"label\": \"entailment\"}\n\n" +
            "{\"evidence\": \"Kell is a town .\", \"claim\": \"Kell is a city.\", \"label\": \"contradiction\"}\n");
        var e = Assert.Throws<ClaimMlDataException>(() => FeverNliDataset.Load(Temp.File("fever-nli")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(file));
            Assert.That(e.Line, Is.EqualTo(3), "the blank line is counted");
            Assert.That(e.Field, Is.EqualTo("label"));
            Assert.That(e.Problem, Does.Contain("'contradiction'"));
        }
    }

    [Test]
    public void FeverMissingEvidenceNamesTheField()
    {
        Temp.WriteText("fever-nli/pairs.jsonl", "{\"claim\": \"Kell is a town.\", \"label\": \"entailment\"}\n");
        var e = Assert.Throws<ClaimMlDataException>(() => FeverNliDataset.Load(Temp.File("fever-nli")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.Line, Is.EqualTo(1));
            Assert.That(e.Field, Is.EqualTo("evidence"));
        }
    }

    [Test]
    public void SickReadsTrainingSidesAsClaimAgainstPremise()
    {
        List<NliPair> pairs = SickDataset.Load(Path.Combine(Data, "sick"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pairs.Select(p => p.Label), Is.EqualTo(new[] { EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither, EntailmentLabel.Entails }));
            Assert.That(pairs[0].Passage, Is.EqualTo("A girl is riding a red bicycle"), "sentence_A is the passage");
            Assert.That(pairs[0].Claim, Is.EqualTo("A child is riding a bicycle"), "sentence_B is the claim");
            Assert.That(pairs.Select(p => p.Side), Is.EqualTo(new[] { "TRAIN", "TRAIN", "TRIAL", "TRAIN" }));
            Assert.That(pairs.Select(p => p.Line), Is.EqualTo(new[] { 2, 3, 4, 5 }));
            Assert.That(pairs.SelectMany(p => new[] { p.Claim, p.Passage }), Has.None.Contain("onions").And.None.Contain("flute"),
                "TEST rows are absent, and the one with an unknown label is not even looked at");
            Assert.That(SickDataset.Load(Path.Combine(Data, "sick"), ["TRIAL"]).Select(p => p.Claim), Is.EqualTo(new[] { "A dog is chasing a ball on the beach" }));
        }
    }

    [Test]
    public void SickRefusesItsTestSide()
    {
        var e = Assert.Throws<ArgumentException>(() => SickDataset.Load(Path.Combine(Data, "sick"), ["TRAIN", "TEST"]));
        Assert.That(e!.Message, Does.Contain("test side"));
    }

    private const string SickHeader = "pair_ID\tsentence_A\tsentence_B\tentailment_label\trelatedness_score\tentailment_AB\tentailment_BA\t" +
        "sentence_A_original\tsentence_B_original\tsentence_A_dataset\tsentence_B_dataset\tSemEval_set\r\n";

    private static string SickRow(string id, string label, string side) =>
        $"{id}\tA cat sleeps on a mat\tA cat is asleep\t{label}\t4.0\tA_entails_B\tB_neutral_A\ta cat sleeps\ta cat sleeps\tFLICKR\tFLICKR\t{side}\r\n";

    [Test]
    public void SickUnknownLabelNamesFileLineAndField()
    {
        string file = Temp.WriteText("sick/SICK.txt", SickHeader + SickRow("1", "ENTAILMENT", "TRAIN") + SickRow("2", "ENTAILS", "TRIAL"));
        var e = Assert.Throws<ClaimMlDataException>(() => SickDataset.Load(Temp.File("sick")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(file));
            Assert.That(e.Line, Is.EqualTo(3));
            Assert.That(e.Field, Is.EqualTo("entailment_label"));
        }
    }

    [Test]
    public void SickUnknownSideNamesTheField()
    {
        Temp.WriteText("sick/SICK.txt", SickHeader + SickRow("1", "ENTAILMENT", "DEV"));
        var e = Assert.Throws<ClaimMlDataException>(() => SickDataset.Load(Temp.File("sick")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.Line, Is.EqualTo(2));
            Assert.That(e.Field, Is.EqualTo("SemEval_set"));
        }
    }

    [Test]
    public void SickMissingColumnNamesFileLineAndField()
    {
        string shortRow = "2\tA dog runs\tA dog is running\tENTAILMENT\t4.2\tA_entails_B\tB_entails_A\ta dog runs\ta dog runs\tFLICKR\tFLICKR\r\n";
        string file = Temp.WriteText("sick/SICK.txt", SickHeader + SickRow("1", "ENTAILMENT", "TRAIN") + shortRow);
        var e = Assert.Throws<ClaimMlDataException>(() => SickDataset.Load(Temp.File("sick")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(file));
            Assert.That(e.Line, Is.EqualTo(3));
            Assert.That(e.Field, Is.EqualTo("SemEval_set"), "the first missing column is named");
        }
    }

    [Test]
    public void SickWrongHeaderIsRefused()
    {
        Temp.WriteText("sick/SICK.txt", SickHeader.Replace("entailment_label", "label", StringComparison.Ordinal) + SickRow("1", "ENTAILMENT", "TRAIN"));
        var e = Assert.Throws<ClaimMlDataException>(() => SickDataset.Load(Temp.File("sick")));
        Assert.That(e!.Line, Is.EqualTo(1));
    }

    [Test]
    public void SciFactReadsEvidenceAsPassageAndMapsLabels()
    {
        List<NliPair> train = SciFactNliDataset.Load(Path.Combine(Data, "scifact-nli"), "train");
        List<NliPair> dev = SciFactNliDataset.Load(Path.Combine(Data, "scifact-nli"), "dev");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(train.Select(p => p.Label), Is.EqualTo(new[] { EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Contradicts }));
            Assert.That(train[0].Claim, Is.EqualTo("The drug lowers fever."));
            Assert.That(train[0].Passage, Does.StartWith("In 40 patients"));
            Assert.That(dev, Has.Count.EqualTo(2));
            Assert.That(dev.Select(p => p.Side).Distinct(), Is.EqualTo(new[] { "dev" }));
        }
    }

    [Test]
    public void SciFactUnknownLabelNamesFileLineAndField()
    {
        string file = Temp.WriteText("scifact-nli/train.tsv", "index\tsentence1\tsentence2\tentailment\n0\tEvidence.\tClaim.\tneutral\n");
        var e = Assert.Throws<ClaimMlDataException>(() => SciFactNliDataset.Load(Temp.File("scifact-nli"), "train"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(file));
            Assert.That(e.Line, Is.EqualTo(2));
            Assert.That(e.Field, Is.EqualTo("entailment"), "the label column's own (misnamed) header");
        }
    }

    [Test]
    public void SciFactMissingColumnNamesTheField()
    {
        Temp.WriteText("scifact-nli/dev.tsv", "index\tsentence1\tsentence2\tentailment\n0\tEvidence.\tClaim.\n");
        var e = Assert.Throws<ClaimMlDataException>(() => SciFactNliDataset.Load(Temp.File("scifact-nli"), "dev"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.Line, Is.EqualTo(2));
            Assert.That(e.Field, Is.EqualTo("entailment"));
        }
    }

    [Test]
    public void SciFactHasNoOtherSide() =>
        Assert.Throws<ArgumentException>(() => SciFactNliDataset.Load(Path.Combine(Data, "scifact-nli"), "test"));
}
