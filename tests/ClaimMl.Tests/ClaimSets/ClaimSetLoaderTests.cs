// Expected values are written inline as arrays for readability.
#pragma warning disable CA1861

using ClaimMl.DataFormats.ClaimSets;

namespace ClaimMl.Tests.ClaimSets;

/// <summary>Every claim-level loader on small hand-written files in each set's format.</summary>
[TestFixture]
public sealed class ClaimSetLoaderTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "claimml-sets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private void WriteEmergent(string stanceLabel = "against")
    {
        Write("emergent/emergent_claims.csv",
            "claimId,claimHeadline,split,numArticles,claimTruthiness,truthinessSource\n" +
            "c1,Claim: A lighthouse keeper found a gold coin,train,2,true,hand\n" +
            "c2,A town banned umbrellas,test,2,false,hand\n" +
            "c3,A lake turned pink overnight,test,1,,\n");
        Write("emergent/url-versions-2015-06-14-clean.csv",
            "id,claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n" +
            "0,Claim: A lighthouse keeper found a gold coin,Keeper finds gold coin near lighthouse,for,a1,c1\n" +
            "1,Claim: A lighthouse keeper found a gold coin,\"Coin story \"\"not true\"\", says council\",against,a2,c1\n" +
            "2,A town banned umbrellas,Town denies umbrella ban,against,a3,c2\n" +
            $"3,A town banned umbrellas,Reports say a town may ban umbrellas,{stanceLabel},a4,c2\n" +
            "4,A lake turned pink overnight,Lake appears pink in photos,observing,a5,c3\n");
    }

    [Test]
    public void EmergentSplitsClaimsAndMapsStancesAndVeracity()
    {
        WriteEmergent("observing");
        ClaimSet train = EmergentDataset.Load(Path.Combine(_root, "emergent"), "train", ClaimSetScoring.SourceStances);
        ClaimSet test = EmergentDataset.Load(Path.Combine(_root, "emergent"), "test", ClaimSetScoring.Verdicts);
        Assert.Multiple(() =>
        {
            Assert.That(train.Cases, Has.Count.EqualTo(1));
            Assert.That(train.Cases[0].Claim, Is.EqualTo("A lighthouse keeper found a gold coin"), "the 'Claim:' prefix is stripped");
            Assert.That(train.Cases[0].Sources, Is.EqualTo(new[] { "Keeper finds gold coin near lighthouse", "Coin story \"not true\", says council" }));
            Assert.That(train.Cases[0].SourceStances, Is.EqualTo(new[] { Stance.Supports, Stance.Refutes }));
            Assert.That(train.Cases[0].Gold, Is.EqualTo(Verdict.Confirmed));
            Assert.That(test.Cases.Select(c => c.Id), Is.EqualTo(new[] { "c2", "c3" }));
            Assert.That(test.Cases[0].Gold, Is.EqualTo(Verdict.Disputed));
            Assert.That(test.Cases[0].SourceStances, Is.EqualTo(new[] { Stance.Refutes, Stance.Discusses }));
            Assert.That(test.Cases[1].Gold, Is.Null, "no veracity label");
            Assert.That(train.ToPairs().Pairs, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void EmergentUnknownStanceNamesFileLineAndField()
    {
        WriteEmergent("maybe");
        var e = Assert.Throws<ClaimMlDataException>(() => EmergentDataset.Load(Path.Combine(_root, "emergent"), "test", ClaimSetScoring.Verdicts));
        Assert.Multiple(() =>
        {
            Assert.That(e!.File, Does.EndWith("url-versions-2015-06-14-clean.csv"));
            Assert.That(e.Line, Is.EqualTo(5));
            Assert.That(e.Field, Is.EqualTo("articleHeadlineStance"));
        });
    }

    [Test]
    public void ClimateFeverMapsLabelsAndKeepsDisputedWithoutGold()
    {
        string evidence = string.Join(",", Enumerable.Range(0, 5).Select(i =>
            $"{{\"evidence_id\":\"A:{i}\",\"evidence_label\":\"{(i == 0 ? "SUPPORTS" : i == 1 ? "REFUTES" : "NOT_ENOUGH_INFO")}\",\"article\":\"A\",\"evidence\":\"Sentence {i} about sea ice.\",\"entropy\":0.0,\"votes\":[]}}"));
        Write("climate-fever/climate-fever-dataset-r1.jsonl",
            $"{{\"claim_id\":\"0\",\"claim\":\"Sea ice is shrinking.\",\"claim_label\":\"SUPPORTS\",\"evidences\":[{evidence}]}}\n" +
            $"{{\"claim_id\":\"1\",\"claim\":\"Sea ice is growing.\",\"claim_label\":\"DISPUTED\",\"evidences\":[{evidence}]}}\n" +
            $"{{\"claim_id\":\"2\",\"claim\":\"Sea ice is blue.\",\"claim_label\":\"NOT_ENOUGH_INFO\",\"evidences\":[{evidence}]}}\n");
        ClaimSet set = ClimateFeverDataset.Load(Path.Combine(_root, "climate-fever"));
        Assert.Multiple(() =>
        {
            Assert.That(set.Cases.Select(c => c.Gold), Is.EqualTo(new Verdict?[] { Verdict.Confirmed, null, Verdict.Unverified }));
            Assert.That(set.Cases[0].Sources, Has.Count.EqualTo(5));
            Assert.That(set.Cases[0].SourceStances!.Take(3), Is.EqualTo(new[] { Stance.Supports, Stance.Refutes, Stance.Discusses }));
        });
    }

    [Test]
    public void ClimateFeverBrokenLineNamesTheLine()
    {
        Write("climate-fever/climate-fever-dataset-r1.jsonl", "{\"claim_id\":\"0\",\"claim\":\"x\",\"claim_label\":\"SUPPORTS\",\"evidences\":[]}\n{\"claim_id\":\n");
        var e = Assert.Throws<ClaimMlDataException>(() => ClimateFeverDataset.Load(Path.Combine(_root, "climate-fever")));
        Assert.That(e!.Line, Is.EqualTo(2));
    }

    [Test]
    public void QagsMajorityOfThreeAnnotatorsDecidesConsistency()
    {
        static string Responses(params string[] answers) =>
            "[" + string.Join(",", answers.Select((a, i) => $"{{\"worker_id\":{i},\"response\":\"{a}\"}}")) + "]";
        Write("qags/mturk_xsum.jsonl",
            $"{{\"article\":\"A ferry ran aground near the pier on Sunday.\",\"summary_sentences\":[{{\"sentence\":\"A ferry ran aground.\",\"responses\":{Responses("yes", "yes", "no")}}},{{\"sentence\":\"Ten people died.\",\"responses\":{Responses("no", "no", "yes")}}}]}}\n");
        ClaimSet set = QagsDataset.Load(Path.Combine(_root, "qags"), "xsum");
        Assert.Multiple(() =>
        {
            Assert.That(set.Cases.Select(c => c.Gold), Is.EqualTo(new Verdict?[] { Verdict.Confirmed, Verdict.Unverified }));
            Assert.That(set.Cases[1].Sources.Single(), Does.StartWith("A ferry ran aground"));
            Assert.That(set.Scoring, Is.EqualTo(ClaimSetScoring.ConfirmedOrNot));
        });
    }

    [Test]
    public void CovidFactReadsSplitsAndRecoversTestLabelsByClaimText()
    {
        Write("covid-fact/rte-covidfact/train.tsv", "index\tsentence1\tSentence2\tlabel\n0\tMasks cut spread \"a lot\".\tMasks reduce spread\tentailment\n1\tMasks cut spread.\tMasks increase spread\tnot_entailment\n");
        Write("covid-fact/rte-covidfact/dev.tsv", "index\tsentence1\tSentence2\tentailment\n0\tA vaccine works.\tA vaccine works\tentailment\n");
        Write("covid-fact/rte-covidfact/test.tsv", "index\tsentence1\tsentence2\n0\tTrial shows benefit.\tThe  Trial shows benefit\n1\tNo match here.\tAn unknown claim\n");
        Write("covid-fact/COVIDFACT_dataset.jsonl", "{\"claim\":\"the trial shows  benefit\",\"label\":\"REFUTED\",\"evidence\":[\"x\"]}\n");
        string folder = Path.Combine(_root, "covid-fact");
        ClaimSet train = CovidFactDataset.Load(folder, "train");
        ClaimSet test = CovidFactDataset.Load(folder, "test");
        Assert.Multiple(() =>
        {
            Assert.That(train.Cases.Select(c => c.Gold), Is.EqualTo(new Verdict?[] { Verdict.Confirmed, Verdict.Disputed }));
            Assert.That(train.Cases[0].Sources.Single(), Is.EqualTo("Masks cut spread \"a lot\"."), "quotes in TSV are text");
            Assert.That(CovidFactDataset.Load(folder, "dev").Cases, Has.Count.EqualTo(1));
            Assert.That(test.Cases, Has.Count.EqualTo(1), "the unmatched test claim is skipped");
            Assert.That(test.Cases[0].Gold, Is.EqualTo(Verdict.Disputed));
        });
    }

    [Test]
    public void HealthVerMapsThreeLabelsAndRejectsUnknownOnes()
    {
        const string header = "id,evidence,claim,label,topic_ip,question\n";
        Write("healthver/healthver_test.csv", header +
            "1,\"Zinc did not shorten illness, the trial found.\",Zinc shortens illness,Refutes,1,q\n" +
            "2,Zinc was studied.,Zinc shortens illness,Neutral,1,q\n" +
            "3,Zinc shortened illness by a day.,Zinc shortens illness,Supports,1,q\n");
        Write("healthver/healthver_dev.csv", header + "1,Some evidence.,A claim,Unsure,1,q\n");
        string folder = Path.Combine(_root, "healthver");
        ClaimSet test = HealthVerDataset.Load(folder, "test");
        Assert.That(test.Cases.Select(c => c.Gold), Is.EqualTo(new Verdict?[] { Verdict.Disputed, Verdict.Unverified, Verdict.Confirmed }));
        var e = Assert.Throws<ClaimMlDataException>(() => HealthVerDataset.Load(folder, "dev"));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Line, Is.EqualTo(2));
            Assert.That(e.Field, Is.EqualTo("label"));
        });
    }

    [Test]
    public void FeverSymmetricMapsLabelsAndTurnsTokensBackIntoText()
    {
        Write("fever-symmetric/v0.2/fever_symmetric_test.jsonl",
            "{\"id\": \"1\", \"claim\": \"The Lantern Hall -LRB- a theatre -RRB- is in Dunmore .\", \"evidence\": \"The Lantern Hall is a theatre in Dunmore , opened in 1901 .\", \"label\": \"SUPPORTS\"}\n" +
            "{\"id\": \"2\", \"claim\": \"The Lantern Hall is n't in Dunmore .\", \"evidence\": \"The Lantern Hall 's stage was rebuilt .\", \"label\": \"REFUTES\"}\n");
        Write("fever-symmetric/v0.2/fever_symmetric_dev.jsonl",
            "{\"id\": \"3\", \"claim\": \"x\", \"evidence\": \"y\", \"label\": \"NOT ENOUGH INFO\"}\n");
        string folder = Path.Combine(_root, "fever-symmetric");
        ClaimSet test = FeverSymmetricDataset.Load(folder, "test");
        Assert.Multiple(() =>
        {
            Assert.That(FeverSymmetricDataset.IsPresent(folder), Is.True);
            Assert.That(test.Cases.Select(c => c.Gold), Is.EqualTo(new Verdict?[] { Verdict.Confirmed, Verdict.Disputed }));
            Assert.That(test.Cases[0].Claim, Is.EqualTo("The Lantern Hall (a theatre) is in Dunmore."));
            Assert.That(test.Cases[0].Sources.Single(), Is.EqualTo("The Lantern Hall is a theatre in Dunmore, opened in 1901."));
            Assert.That(test.Cases[1].Claim, Is.EqualTo("The Lantern Hall isn't in Dunmore."));
            Assert.That(test.Cases[1].Sources.Single(), Is.EqualTo("The Lantern Hall's stage was rebuilt."));
            Assert.That(test.Cases[1].SourceStances, Is.EqualTo(new[] { Stance.Refutes }));
        });
        var e = Assert.Throws<ClaimMlDataException>(() => FeverSymmetricDataset.Load(folder, "dev"));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Line, Is.EqualTo(1));
            Assert.That(e.Field, Is.EqualTo("label"));
        });
    }

    [Test]
    public void EvaluateSetsPrintsOneRowPerSetPresentAndWritesJson()
    {
        WriteEmergent("observing");
        Write("healthver/healthver_test.csv", "id,evidence,claim,label,topic_ip,question\n" +
            "1,\"Zinc did not shorten illness, the trial found.\",Zinc shortens illness,Refutes,1,q\n" +
            "2,Zinc shortened illness by a day.,Zinc shortens illness,Supports,1,q\n");
        string json = Path.Combine(_root, "out", "sets.json");
        var run = CheckCommandTests.RunCli("evaluate", "--sets", _root, "--json", json);
        Assert.That(run.ExitCode, Is.Zero, run.StdErr);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var sets = document.RootElement.GetProperty("sets");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.StdOut, Does.Contain("emergent test (headline stance)").And.Contain("healthver test"));
            Assert.That(run.StdOut, Does.Not.Contain("climate-fever"), "absent sets are not rows");
            Assert.That(sets.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "emergent test (headline stance)", "emergent test (claim veracity)", "healthver test" }));
            Assert.That(sets.GetProperty("emergent test (headline stance)").GetProperty("n").GetInt32(), Is.EqualTo(3), "three test headlines");
            Assert.That(sets.GetProperty("healthver test").GetProperty("n").GetInt32(), Is.EqualTo(2));
            Assert.That(sets.GetProperty("healthver test").GetProperty("accuracy").GetDouble(), Is.InRange(0.0, 1.0));
        }
    }

    [Test]
    public void EvaluateSetsOnAFolderWithoutSetsIsAClearError()
    {
        var run = CheckCommandTests.RunCli("evaluate", "--sets", _root);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.StdErr, Does.Contain("no claim-level data set found"));
            Assert.That(run.StdErr, Does.Not.Contain("   at "), "no stack trace without --verbose");
        }
    }

    [Test]
    public void TrainingSetsRefuseEvaluationOnlySets()
    {
        Assert.Throws<ArgumentException>(() => TrainingSets.Load("climate-fever", _root));
    }
}
