using BenchmarkDotNet.Attributes;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;

namespace ClaimMl.Benchmarks;

/// <summary>
/// The per-pair hot path on one core, sources and claims indexed beforehand: featurizing a pair,
/// scoring a feature vector with the three-stage cascade, and both. Each operation is one pair
/// (the mean over <see cref="BenchmarkData.PairsPerBatch"/> different pairs).
/// </summary>
[MemoryDiagnoser]
[QuickJob]
public class PairBenchmarks
{
    private StanceModel _model = null!;
    private IndexedClaim[] _claims = [];
    private IndexedSource[] _sources = [];
    private float[][] _features = [];
    private readonly float[] _buffer = new float[FeatureSet.Count];

    /// <summary>Which pairs: hand-written claims and articles, or FNC-1 pairs when the shared data is present.</summary>
    [ParamsSource(nameof(Corpora))]
    public string Corpus { get; set; } = BenchmarkData.Own;

    /// <summary>The corpora available on this machine.</summary>
    public static IEnumerable<string> Corpora => BenchmarkData.Corpora;

    /// <summary>Indexes the pairs' claims and sources and featurizes them once (for <see cref="ScorePair"/>).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model;
        var pairs = BenchmarkData.Current.PairBatch(Corpus);
        var sourceIndex = new Dictionary<string, IndexedSource>();
        _claims = new IndexedClaim[pairs.Count];
        _sources = new IndexedSource[pairs.Count];
        _features = new float[pairs.Count][];
        for (int i = 0; i < pairs.Count; i++)
        {
            (string claim, Source source, _) = pairs[i];
            if (!sourceIndex.TryGetValue(source.Name, out IndexedSource? indexed))
            {
                indexed = IndexedSource.Create(source.Name, source.Text, _model.Weights);
                sourceIndex[source.Name] = indexed;
            }
            _sources[i] = indexed;
            _claims[i] = IndexedClaim.Create(claim, _model.Weights);
            _features[i] = new float[FeatureSet.Count];
            StanceFeaturizer.Featurize(_claims[i], indexed, _features[i]);
        }
    }

    /// <summary>Computes the 34 features of a pair.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.PairsPerBatch)]
    [PairsPerOperation(1)]
    public int FeaturizePair()
    {
        int best = 0;
        for (int i = 0; i < _claims.Length; i++)
        {
            best += StanceFeaturizer.Featurize(_claims[i], _sources[i], _buffer).Best;
        }
        return best;
    }

    /// <summary>Evaluates the three FastTree stages (900 trees) on a feature vector and combines them.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.PairsPerBatch)]
    [PairsPerOperation(1)]
    public float ScorePair()
    {
        float sum = 0;
        for (int i = 0; i < _features.Length; i++)
        {
            sum += _model.Predict(_features[i]).Supports;
        }
        return sum;
    }

    /// <summary>The same three stages by walking each tree (<see cref="TreeEnsembleScorer.Score"/>), for comparison with the one-pass scorer.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.PairsPerBatch)]
    [PairsPerOperation(1)]
    public float ScorePairByWalkingTrees()
    {
        float sum = 0;
        for (int i = 0; i < _features.Length; i++)
        {
            sum += _model.Scorer(StanceStage.Related).Score(_features[i]) + _model.Scorer(StanceStage.TakesPosition).Score(_features[i]) + _model.Scorer(StanceStage.Refutes).Score(_features[i]);
        }
        return sum;
    }

    /// <summary>Featurizes and scores a pair: what a check does per source.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.PairsPerBatch)]
    [PairsPerOperation(1)]
    public float FeaturizeAndScorePair()
    {
        float sum = 0;
        for (int i = 0; i < _claims.Length; i++)
        {
            StanceFeaturizer.Featurize(_claims[i], _sources[i], _buffer);
            sum += _model.Predict(_buffer).Supports;
        }
        return sum;
    }
}
