using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClaimMl.Benchmarks;

/// <summary>
/// ClaimMl against what a .NET developer would write without it: ML.NET's <c>FeaturizeText</c>
/// (word 1–2-grams and character 3-grams) over the concatenated claim and source, and an SDCA
/// maximum-entropy classifier of the four stances (20 passes), called through a <c>PredictionEngine</c>. The
/// baseline is trained at setup on a small labeled set (500 FNC-1 training pairs when the shared
/// data is present, otherwise the 160 labeled pairs of data/benchmark) and scored on the same pairs
/// as ClaimMl, on one core. Only speed is compared here; the baseline's accuracy is not measured.
/// </summary>
[MemoryDiagnoser]
[QuickJob]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class VersusMlNetBenchmarks
{
    private const int TrainingPairs = 500;
    private const int ClaimCount = 16;

    private PredictionEngine<PairText, PairPrediction> _engine = null!;
    private ClaimChecker _checker = null!;
    private (string Claim, Source Source)[] _pairs = [];
    private SourceSet[] _pairSources = [];
    private string[] _claims = [];
    private Source[] _tenSources = [];
    private SourceSet _tenIndexed = null!;

    /// <summary>Trains the baseline and indexes ClaimMl's sources.</summary>
    [GlobalSetup]
    public void Setup()
    {
        BenchmarkData data = BenchmarkData.Current;
        var ml = new MLContext(seed: 1);
        _engine = ml.Model.CreatePredictionEngine<PairText, PairPrediction>(TrainOrLoadBaseline(ml, data));

        _checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        _pairs = data.PairBatch(BenchmarkData.Own).Select(p => (p.Claim, p.Source)).ToArray();
        _pairSources = _pairs.Select(p => _checker.Index([p.Source])).ToArray();
        _claims = data.Claims.Select(c => c.Text).ToArray();
        _tenSources = [.. data.Sources];
        _tenIndexed = _checker.Index(_tenSources);
    }

    /// <summary>Baseline: one pair through ML.NET (concatenate, featurize the text, predict).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkData.PairsPerBatch)]
    [BenchmarkCategory("one pair")]
    [PairsPerOperation(1)]
    public int MlNetOnePair()
    {
        int supports = 0;
        foreach ((string claim, Source source) in _pairs)
        {
            PairPrediction p = _engine.Predict(new PairText { Text = claim + "\n" + source.Text });
            supports += p.PredictedLabel == "supports" ? 1 : 0;
        }
        return supports;
    }

    /// <summary>ClaimMl: one pair through the public API (<see cref="ClaimChecker.Check"/> with a one-source set indexed once).</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.PairsPerBatch)]
    [BenchmarkCategory("one pair")]
    [PairsPerOperation(1)]
    public int ClaimMlOnePair()
    {
        int confirmed = 0;
        for (int i = 0; i < _pairs.Length; i++)
        {
            confirmed += _checker.Check(_pairs[i].Claim, _pairSources[i]).Verdict == Verdict.Confirmed ? 1 : 0;
        }
        return confirmed;
    }

    /// <summary>Baseline: one claim against ten sources through ML.NET (ten predictions).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = ClaimCount)]
    [BenchmarkCategory("one claim, ten sources")]
    [PairsPerOperation(10)]
    public int MlNetClaimAgainstTenSources()
    {
        int supports = 0;
        foreach (string claim in _claims)
        {
            foreach (Source source in _tenSources)
            {
                PairPrediction p = _engine.Predict(new PairText { Text = claim + "\n" + source.Text });
                supports += p.PredictedLabel == "supports" ? 1 : 0;
            }
        }
        return supports;
    }

    /// <summary>ClaimMl: one claim against ten indexed sources.</summary>
    [Benchmark(OperationsPerInvoke = ClaimCount)]
    [BenchmarkCategory("one claim, ten sources")]
    [PairsPerOperation(10)]
    public int ClaimMlClaimAgainstTenSources()
    {
        int confirmed = 0;
        foreach (string claim in _claims)
        {
            confirmed += _checker.Check(claim, _tenIndexed).Verdict == Verdict.Confirmed ? 1 : 0;
        }
        return confirmed;
    }

    /// <summary>
    /// Trains the baseline, or loads the one an earlier process of the same run trained on the same
    /// data (BenchmarkDotNet runs each benchmark in a process of its own; training once keeps a full
    /// run short). The cache is a file in the temporary folder, named by a hash of the training set.
    /// </summary>
    private static ITransformer TrainOrLoadBaseline(MLContext ml, BenchmarkData data)
    {
        List<PairText> rows = TrainingSet(data);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (PairText row in rows)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(row.Label + "\u0001" + row.Text + "\u0002"));
        }
        string cache = Path.Combine(Path.GetTempPath(), $"claimml-benchmark-baseline-{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}.zip");
        if (File.Exists(cache))
        {
            return ml.Model.Load(cache, out _);
        }

        IDataView training = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(PairText.Label))
            .Append(ml.Transforms.Text.FeaturizeText("Features", nameof(PairText.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(nameof(PairText.Label), "Features", maximumNumberOfIterations: 20))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(PairPrediction.PredictedLabel)));
        ITransformer model = pipeline.Fit(training);
        string temp = cache + "." + Environment.ProcessId + ".tmp";
        ml.Model.Save(model, training.Schema, temp);
        File.Move(temp, cache, overwrite: true);
        return model;
    }

    private static List<PairText> TrainingSet(BenchmarkData data)
    {
        if (data.FncTrain is { } fnc)
        {
            int stride = fnc.Pairs.Count / TrainingPairs;
            return Enumerable.Range(0, TrainingPairs)
                .Select(i => fnc.Pairs[i * stride + 1])
                .Select(p => new PairText { Text = p.Claim + "\n" + fnc.Sources[p.Source], Label = Word(p.Stance) })
                .ToList();
        }
        var claims = data.Claims.ToDictionary(c => c.Id, c => c.Text);
        return data.Labels
            .Select(l => new PairText { Text = claims[l.Claim] + "\n" + data.Source(l.Source).Text, Label = l.Stance })
            .ToList();
    }

    private static string Word(Stance stance) => stance.ToString().ToLowerInvariant();

    /// <summary>The baseline's input row.</summary>
    public sealed class PairText
    {
        /// <summary>Claim and source, concatenated.</summary>
        public string Text { get; set; } = "";

        /// <summary>The stance word (supports, refutes, discusses, unrelated).</summary>
        public string Label { get; set; } = "";
    }

    /// <summary>The baseline's output row.</summary>
    public sealed class PairPrediction
    {
        /// <summary>The predicted stance word.</summary>
        public string PredictedLabel { get; set; } = "";

        /// <summary>Per-class scores.</summary>
        [ColumnName("Score")]
        public float[] Score { get; set; } = [];
    }
}
