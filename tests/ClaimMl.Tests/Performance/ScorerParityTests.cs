using System.Text.Json;
using ClaimMl.DataFormats;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ClaimMl.Tests.Performance;

/// <summary>
/// The fast scorers give ML.NET's answers: <see cref="CascadeScorer"/> (all stages in one pass) and
/// the flattened tree walk of <see cref="TreeEnsembleScorer"/> agree with each other bit for bit, and
/// with the ML.NET transformers within 1e-6, on real feature vectors of news-length articles and on
/// values placed exactly at, just below and just above every split threshold.
/// </summary>
[TestFixture]
public class ScorerParityTests
{
    private sealed class StageInput
    {
        [VectorType(FeatureSet.Count)]
        public float[] Features { get; set; } = [];
    }

    private sealed class StageOutput
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }

    /// <summary>Feature vectors of every benchmark claim against every benchmark article (160 news-length pairs).</summary>
    private static List<float[]> BenchmarkVectors(StanceModel model)
    {
        string folder = Path.Combine(RepoPaths.Root, "data", "benchmark");
        var sources = Directory.GetFiles(Path.Combine(folder, "sources"), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => IndexedSource.Create(Path.GetFileName(f), File.ReadAllText(f), model.Weights))
            .ToList();
        var claims = File.ReadLines(Path.Combine(folder, "claims.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("claim").GetString()!)
            .Select(c => IndexedClaim.Create(c, model.Weights))
            .ToList();
        var vectors = new List<float[]>();
        foreach (IndexedClaim claim in claims)
        {
            foreach (IndexedSource source in sources)
            {
                var vector = new float[FeatureSet.Count];
                StanceFeaturizer.Featurize(claim, source, vector);
                vectors.Add(vector);
            }
        }
        return vectors;
    }

    [Test]
    public void CascadeMatchesMlNetOnNewsLengthPairs()
    {
        StanceModel model = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model;
        Assert.That(model.Cascade, Is.Not.Null, "the shipped model's trees fit the one-pass scorer");
        List<float[]> vectors = BenchmarkVectors(model);
        Assert.That(vectors, Has.Count.EqualTo(160));

        var ml = new MLContext(seed: 0);
        IDataView input = ml.Data.LoadFromEnumerable(vectors.Select(v => new StageInput { Features = v }));
        var expected = new StageOutput[StanceStages.All.Length][];
        foreach (StanceStage stage in StanceStages.All)
        {
            expected[(int)stage] = ml.Data.CreateEnumerable<StageOutput>(model.Stages[(int)stage].Transform(input), reuseRowObject: false).ToArray();
            Assert.That(expected[(int)stage].Select(r => r.Score).Distinct().Count(), Is.GreaterThan(10), "the pairs exercise the trees");
        }

        Span<float> scores = stackalloc float[StanceStages.All.Length];
        using (Assert.EnterMultipleScope())
        {
            for (int i = 0; i < vectors.Count; i++)
            {
                model.Cascade!.Score(vectors[i], scores);
                foreach (StanceStage stage in StanceStages.All)
                {
                    Assert.That(scores[(int)stage], Is.EqualTo(expected[(int)stage][i].Score).Within(1e-6), $"pair {i}, {stage} score");
                    Assert.That(scores[(int)stage], Is.EqualTo(model.Scorer(stage).Score(vectors[i])), $"pair {i}, {stage}: one pass = tree walk");
                    Assert.That(model.Scorer(stage).Calibrate(scores[(int)stage]), Is.EqualTo(expected[(int)stage][i].Probability).Within(1e-6), $"pair {i}, {stage} probability");
                }
                StanceProbabilities p = model.Predict(vectors[i]);
                StanceProbabilities q = StanceStages.Combine(expected[0][i].Probability, expected[1][i].Probability, expected[2][i].Probability);
                foreach (Stance stance in Enum.GetValues<Stance>())
                {
                    Assert.That(p[stance], Is.EqualTo(q[stance]).Within(1e-6), $"pair {i}, {stance}");
                }
            }
        }
    }

    [Test]
    public void CascadeEqualsTreeWalkAtEverySplitThreshold()
    {
        StanceModel model = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model;
        List<float[]> vectors = BenchmarkVectors(model);
        var thresholds = new SortedSet<(int Feature, float Threshold)>();
        foreach (StanceStage stage in StanceStages.All)
        {
            TreeEnsembleScorer scorer = model.Scorer(stage);
            for (int n = 0; n < scorer.SplitFeature.Length; n++)
            {
                thresholds.Add((scorer.SplitFeature[n], scorer.Threshold[n]));
            }
        }
        Assert.That(thresholds, Has.Count.GreaterThan(100));

        int compared = 0;
        Span<float> scores = stackalloc float[StanceStages.All.Length];
        var random = new Random(11);
        foreach ((int feature, float threshold) in thresholds)
        {
            float[] vector = (float[])vectors[random.Next(vectors.Count)].Clone();
            foreach (float value in new[] { threshold, MathF.BitDecrement(threshold), MathF.BitIncrement(threshold), float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                vector[feature] = value;
                model.Cascade!.Score(vector, scores);
                foreach (StanceStage stage in StanceStages.All)
                {
                    float walked = model.Scorer(stage).Score(vector);
                    if (scores[(int)stage] != walked && !(float.IsNaN(walked) && float.IsNaN(scores[(int)stage])))
                    {
                        Assert.Fail($"feature {feature} = {value} (split at {threshold}), {stage}: one pass {scores[(int)stage]}, tree walk {walked}");
                    }
                    compared++;
                }
            }
        }
        Assert.That(compared, Is.EqualTo(thresholds.Count * 6 * 3));
    }

    [Test]
    [Category(SharedData.Category)]
    public void CascadeMatchesMlNetAndTheTreeWalkOnFncPairs()
    {
        string folder = SharedData.RequireFolder("fnc-1");
        StanceModel model = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model;
        var set = FncDataset.Load(folder, FncSplit.Competition);
        var sources = new Dictionary<int, IndexedSource>();
        var vectors = new List<float[]>();
        for (int i = 0; i < set.Pairs.Count; i += 10) // 2,542 pairs spread over the test split
        {
            var pair = set.Pairs[i];
            if (!sources.TryGetValue(pair.Source, out IndexedSource? source))
            {
                sources[pair.Source] = source = IndexedSource.Create(pair.Source.ToString(System.Globalization.CultureInfo.InvariantCulture), set.Sources[pair.Source], model.Weights);
            }
            var vector = new float[FeatureSet.Count];
            StanceFeaturizer.Featurize(IndexedClaim.Create(pair.Claim, model.Weights), source, vector);
            vectors.Add(vector);
        }

        var ml = new MLContext(seed: 0);
        IDataView input = ml.Data.LoadFromEnumerable(vectors.Select(v => new StageInput { Features = v }));
        Span<float> scores = stackalloc float[StanceStages.All.Length];
        var expected = StanceStages.All
            .Select(stage => ml.Data.CreateEnumerable<StageOutput>(model.Stages[(int)stage].Transform(input), reuseRowObject: false).ToArray())
            .ToArray();
        int mismatches = 0;
        for (int i = 0; i < vectors.Count; i++)
        {
            model.Cascade!.Score(vectors[i], scores);
            foreach (StanceStage stage in StanceStages.All)
            {
                float walked = model.Scorer(stage).Score(vectors[i]);
                float mlNet = expected[(int)stage][i].Score;
                if (scores[(int)stage] != walked || Math.Abs(scores[(int)stage] - mlNet) > 1e-6)
                {
                    mismatches++;
                    TestContext.Out.WriteLine($"pair {i}, {stage}: one pass {scores[(int)stage]}, walk {walked}, ML.NET {mlNet}");
                }
            }
        }
        Assert.That(mismatches, Is.Zero, $"of {vectors.Count} FNC-1 test pairs × 3 stages");
    }

    [TestCase(64, true)]
    [TestCase(80, false)]
    public void TreesUpToSixtyFourLeavesAreScoredInOnePassAndWiderOnesAreWalked(int leaves, bool onePass)
    {
        // A small synthetic FastTree model with wide trees: 64 leaves is the most one 64-bit word tracks.
        var ml = new MLContext(seed: 3);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 3000).Select(_ =>
        {
            var x = new float[FeatureSet.Count];
            for (int f = 0; f < x.Length; f++)
            {
                x[f] = random.Next(4) == 0 ? 0 : MathF.Round(random.NextSingle() * 10, 2);
            }
            return new TrainingRow { Features = x, Label = x[0] + x[3] * 0.5f - x[7] + random.NextSingle() * 3 > 5 };
        }).ToList();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        var transformer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = 8,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = 2,
            FeatureColumnName = nameof(TrainingRow.Features),
            LabelColumnName = nameof(TrainingRow.Label),
        }).Fit(data);
        var calibrated = (CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>)transformer.Model;
        var scorer = new TreeEnsembleScorer(calibrated.SubModel, calibrated.Calibrator);
        Assert.That(Enumerable.Range(0, scorer.TreeCount).Max(t => scorer.LeafStart[t + 1] - scorer.LeafStart[t]), Is.GreaterThan(48), "the trees are wide");

        CascadeScorer? cascade = CascadeScorer.TryCreate([scorer, scorer]);
        Assert.That(cascade is not null, Is.EqualTo(onePass));

        StageOutput[] expected = ml.Data.CreateEnumerable<StageOutput>(transformer.Transform(data), reuseRowObject: false).ToArray();
        Span<float> scores = stackalloc float[2];
        using (Assert.EnterMultipleScope())
        {
            for (int i = 0; i < rows.Count; i += 7)
            {
                float walked = scorer.Score(rows[i].Features);
                Assert.That(walked, Is.EqualTo(expected[i].Score).Within(1e-6), $"row {i}: tree walk = ML.NET");
                if (cascade is not null)
                {
                    cascade.Score(rows[i].Features, scores);
                    Assert.That(scores[0], Is.EqualTo(walked), $"row {i}: one pass = tree walk");
                    Assert.That(scores[1], Is.EqualTo(walked), $"row {i}: second stage");
                }
            }
        }
    }

    private sealed class TrainingRow
    {
        [VectorType(FeatureSet.Count)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
