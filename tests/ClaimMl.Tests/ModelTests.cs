using System.IO.Compression;
using System.Text.Json.Nodes;
using ClaimMl.DataFormats;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;
using ClaimMl.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClaimMl.Tests;

[TestFixture]
public class ModelTests : TempDirectoryFixture
{
    [Test]
    public void EmbeddedDefaultModelLoads()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        StanceModel model = checker.Model;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Manifest.Format, Is.EqualTo(ModelManifest.FormatName));
            Assert.That(model.Manifest.FormatVersion, Is.EqualTo(ModelManifest.CurrentFormatVersion));
            Assert.That(model.Manifest.FeatureNames, Is.EqualTo(FeatureSet.Names));
            Assert.That(model.Manifest.Stages, Is.EqualTo(StanceStages.All.Select(s => s.ToString())));
            Assert.That(model.Stages, Has.Length.EqualTo(StanceStages.All.Length));
            Assert.That(model.Weights.Count, Is.GreaterThan(0));
            foreach (StanceStage stage in StanceStages.All)
            {
                Assert.That(model.Scorer(stage).TreeCount, Is.EqualTo(model.Manifest.Trainer.Trees), stage.ToString());
                Assert.That(model.Scorer(stage).FeatureCount, Is.InRange(1, FeatureSet.Count), stage.ToString());
            }
        }
        // the default checker is shared: a second one uses the same loaded model
        Assert.That(ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model, Is.SameAs(model));
    }

    [Test]
    public void EmbeddedModelIsTheShippedModelFile()
    {
        using Stream? embedded = typeof(ClaimChecker).Assembly.GetManifestResourceStream("ClaimMl.Models.stance.zip");
        Assert.That(embedded, Is.Not.Null);
        using var bytes = new MemoryStream();
        embedded!.CopyTo(bytes);
        Assert.That(bytes.ToArray(), Is.EqualTo(File.ReadAllBytes(RepoPaths.ShippedModel)));
    }

    [Test]
    public void ShippedModelLoadsFromFileAndStream()
    {
        ClaimChecker fromFile = ClaimChecker.Load(RepoPaths.ShippedModel);
        using FileStream stream = File.OpenRead(RepoPaths.ShippedModel);
        ClaimChecker fromStream = ClaimChecker.Load(stream);
        SourceSet sources = fromFile.Index([new Source("s.txt", "The ferry between the harbour and the island runs every twenty minutes.")]);
        SourceSet sameSources = fromStream.Index([new Source("s.txt", "The ferry between the harbour and the island runs every twenty minutes.")]);
        const string claim = "The island ferry runs every twenty minutes.";
        Assert.That(fromStream.Check(claim, sameSources).Sources[0].Probabilities, Is.EqualTo(fromFile.Check(claim, sources).Sources[0].Probabilities));
    }

    /// <summary>One output column of an ML.NET binary classifier.</summary>
    private sealed class ScoredRow
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }

    [Test]
    public void TreeEvaluationMatchesMlNetOnTheSamplePairs()
    {
        StanceModel model = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model;
        List<Source> sources = SourceFolder.Read(RepoPaths.SampleSources);
        List<ClaimInput> claims = ClaimFile.Read(RepoPaths.SampleClaims);
        var features = new List<float[]>();
        foreach (Source source in sources)
        {
            IndexedSource indexed = IndexedSource.Create(source.Name, source.Text, model.Weights);
            foreach (ClaimInput claim in claims)
            {
                var vector = new float[FeatureSet.Count];
                StanceFeaturizer.Featurize(IndexedClaim.Create(claim.Text, model.Weights), indexed, vector);
                features.Add(vector);
            }
        }
        Assert.That(features, Has.Count.EqualTo(sources.Count * claims.Count).And.Count.GreaterThanOrEqualTo(20));

        var ml = new MLContext(seed: 0);
        IDataView input = ml.Data.LoadFromEnumerable(features.Select(f => new StageRow { Features = f }));
        var mlNetProbabilities = new float[StanceStages.All.Length][];
        foreach (StanceStage stage in StanceStages.All)
        {
            IDataView scored = model.Stages[(int)stage].Transform(input);
            ScoredRow[] rows = ml.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: false).ToArray();
            Assert.That(rows, Has.Length.EqualTo(features.Count));
            // sanity: the column really is there and varies, so the comparison below is not vacuous
            Assert.That(rows.Select(r => r.Score).Distinct().Count(), Is.GreaterThan(1), stage.ToString());
            TreeEnsembleScorer scorer = model.Scorer(stage);
            using (Assert.EnterMultipleScope())
            {
                for (int i = 0; i < features.Count; i++)
                {
                    Assert.That(scorer.Score(features[i]), Is.EqualTo(rows[i].Score).Within(1e-6), $"{stage} score, pair {i}");
                    Assert.That(scorer.Probability(features[i]), Is.EqualTo(rows[i].Probability).Within(1e-6), $"{stage} probability, pair {i}");
                }
            }
            mlNetProbabilities[(int)stage] = rows.Select(r => r.Probability).ToArray();
        }

        // and the cascade built from ML.NET's stage outputs is what the model predicts
        for (int i = 0; i < features.Count; i++)
        {
            StanceProbabilities expected = StanceStages.Combine(mlNetProbabilities[0][i], mlNetProbabilities[1][i], mlNetProbabilities[2][i]);
            StanceProbabilities actual = model.Predict(features[i]);
            foreach (Stance stance in Enum.GetValues<Stance>())
            {
                Assert.That(actual[stance], Is.EqualTo(expected[stance]).Within(1e-6), $"pair {i} {stance}");
            }
        }
    }

    [Test]
    public void CascadeProbabilitiesSumToOne()
    {
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            StanceProbabilities p = StanceStages.Combine(random.NextSingle(), random.NextSingle(), random.NextSingle());
            Assert.That(p.Supports + p.Refutes + p.Discusses + p.Unrelated, Is.EqualTo(1f).Within(1e-6f));
            Assert.That(new[] { p.Supports, p.Refutes, p.Discusses, p.Unrelated }, Is.All.InRange(0f, 1f));
        }
    }

    private static ClaimMlModelException LoadFails(string path)
    {
        ClaimMlModelException? e = Assert.Throws<ClaimMlModelException>(() => ClaimChecker.Load(path));
        Assert.That(e!.Message, Does.Contain(path), "the message names the model file");
        return e;
    }

    [Test]
    public void MissingModelFile()
    {
        ClaimMlModelException e = LoadFails(Temp.File("absent.zip"));
        Assert.That(e.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void EmptyModelFile()
    {
        ClaimMlModelException e = LoadFails(Temp.WriteBytes("empty.zip", []));
        Assert.That(e.Message, Does.Contain("not a readable ClaimMl model file"));
    }

    [TestCase(0.5)]
    [TestCase(0.95)]
    [TestCase(0.02)]
    public void TruncatedModelFile(double keep)
    {
        byte[] model = File.ReadAllBytes(RepoPaths.ShippedModel);
        ClaimMlModelException e = LoadFails(Temp.WriteBytes("truncated.zip", model[..(int)(model.Length * keep)]));
        Assert.That(e.Message, Does.Contain("not a readable ClaimMl model file"));
    }

    [Test]
    public void TextFileInsteadOfAModel()
    {
        ClaimMlModelException e = LoadFails(Temp.WriteText("notes.zip", "This is not a zip archive at all.\n"));
        Assert.That(e.Message, Does.Contain("not a readable ClaimMl model file"));
    }

    /// <summary>A copy of the shipped model with its manifest edited.</summary>
    private string ModelWithManifest(string name, Action<JsonObject> edit)
    {
        string path = Temp.File(name);
        File.Copy(RepoPaths.ShippedModel, path);
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update);
        ZipArchiveEntry entry = zip.GetEntry("manifest.json")!;
        JsonObject manifest;
        using (Stream s = entry.Open())
        {
            manifest = JsonNode.Parse(s)!.AsObject();
        }
        edit(manifest);
        entry.Delete();
        using (Stream s = zip.CreateEntry("manifest.json").Open())
        using (var writer = new StreamWriter(s))
        {
            writer.Write(manifest.ToJsonString());
        }
        return path;
    }

    [Test]
    public void UnchangedManifestCopyStillLoads()
    {
        // guards the tests below: the editing itself does not break the file
        string path = ModelWithManifest("same.zip", _ => { });
        Assert.That(ClaimChecker.Load(path).Model.Manifest.FeatureNames, Is.EqualTo(FeatureSet.Names));
    }

    [Test]
    public void OtherFormatVersion()
    {
        ClaimMlModelException e = LoadFails(ModelWithManifest("v99.zip", m => m["formatVersion"] = 99));
        Assert.That(e.Message, Does.Contain("format version 99").And.Contain($"newer than this version of ClaimMl reads ({ModelManifest.CurrentFormatVersion}); update ClaimMl"));
    }

    [Test]
    public void ChangedFeatureName()
    {
        ClaimMlModelException e = LoadFails(ModelWithManifest("renamed.zip", m => m["featureNames"]![5] = "claim.renamed_feature"));
        Assert.That(e.Message, Does.Contain("another feature set").And.Contain("feature 5 is 'claim.renamed_feature'"));
    }

    [Test]
    public void MissingFeatureName()
    {
        ClaimMlModelException e = LoadFails(ModelWithManifest("fewer.zip", m => m["featureNames"]!.AsArray().RemoveAt(FeatureSet.Count - 1)));
        Assert.That(e.Message, Does.Contain("another feature set").And.Contain($"{FeatureSet.Count - 1} features"));
    }

    [Test]
    public void OtherFeatureSetVersion()
    {
        ClaimMlModelException e = LoadFails(ModelWithManifest("fs.zip", m => m["featureSetVersion"] = FeatureSet.Version + 1));
        Assert.That(e.Message, Does.Contain("another feature set").And.Contain($"version {FeatureSet.Version + 1}"));
    }

    [Test]
    public void OtherFormatName()
    {
        ClaimMlModelException e = LoadFails(ModelWithManifest("other.zip", m => m["format"] = "something-else"));
        Assert.That(e.Message, Does.Contain("not a ClaimMl stance model").And.Contain("something-else"));
    }

    [Test]
    public void ManifestThatIsNotJson()
    {
        string path = Temp.File("badjson.zip");
        File.Copy(RepoPaths.ShippedModel, path);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("manifest.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write("{ \"format\": ");
        }
        ClaimMlModelException e = LoadFails(path);
        Assert.That(e.Message, Does.Contain("not a readable ClaimMl model file"));
    }

    [TestCase("term-weights.bin")]
    [TestCase("stage-refutes.zip")]
    [TestCase("manifest.json")]
    public void MissingEntry(string entry)
    {
        string path = Temp.File("partial.zip");
        File.Copy(RepoPaths.ShippedModel, path);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(entry)!.Delete();
        }
        ClaimMlModelException e = LoadFails(path);
        Assert.That(e.Message, Does.Contain($"lacks its '{entry}' entry"));
    }

    [Test]
    public void BrokenStreamNamesTheStream()
    {
        using var stream = new MemoryStream([1, 2, 3, 4]);
        ClaimMlModelException? e = Assert.Throws<ClaimMlModelException>(() => ClaimChecker.Load(stream));
        Assert.That(e!.Message, Does.Contain("'stream'"));
    }
}
