using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;
using ClaimMl.Training;

namespace ClaimMl.Evaluation;

/// <summary>Predicts the stance of every pair of a labeled set with a model (sources indexed once each, pairs in parallel).</summary>
internal static class StancePredictor
{
    public static StanceProbabilities[] Predict(StanceModel model, LabeledPairSet data, CancellationToken cancellation = default)
    {
        var options = new ParallelOptions { CancellationToken = cancellation };
        var sources = new IndexedSource[data.Sources.Count];
        Parallel.For(0, sources.Length, options, i => sources[i] = IndexedSource.Create(string.Empty, data.Sources[i], model.Weights));
        var claims = new System.Collections.Concurrent.ConcurrentDictionary<string, IndexedClaim>(StringComparer.Ordinal);
        var result = new StanceProbabilities[data.Pairs.Count];
        Parallel.For(0, result.Length, options, () => new float[FeatureSet.Count], (i, _, features) =>
        {
            LabeledPair pair = data.Pairs[i];
            IndexedClaim claim = claims.GetOrAdd(pair.Claim, c => IndexedClaim.Create(c, model.Weights));
            StanceFeaturizer.Featurize(claim, sources[pair.Source], features);
            result[i] = model.Predict(features);
            return features;
        }, _ => { });
        return result;
    }

    /// <summary>
    /// The stance of every pair as a checker decides it (in the judged mode: the lexical stage, then the judge on the
    /// passages of related sources), each source indexed once, pairs in parallel.
    /// </summary>
    public static (StanceProbabilities[] Probabilities, Stance[] Stances) Predict(ClaimChecker checker, LabeledPairSet data, CancellationToken cancellation = default)
    {
        checker = checker.WithLimits(ClaimCheckerLimits.Unlimited);
        var options = new ParallelOptions { CancellationToken = cancellation };
        var sources = new SourceSet[data.Sources.Count];
        Parallel.For(0, sources.Length, options, i => sources[i] = checker.Index([new Source("#" + i, data.Sources[i])]));
        var probabilities = new StanceProbabilities[data.Pairs.Count];
        var stances = new Stance[data.Pairs.Count];
        Parallel.For(0, data.Pairs.Count, options, i =>
        {
            SourceAssessment assessment = checker.Check(data.Pairs[i].Claim, sources[data.Pairs[i].Source]).Sources[0];
            probabilities[i] = assessment.Probabilities;
            stances[i] = assessment.Stance;
        });
        return (probabilities, stances);
    }

    /// <summary><see cref="EvaluateWithCalibration(StanceModel, LabeledPairSet, CancellationToken)"/> with the stances a checker decides.</summary>
    public static (StanceMetrics Metrics, VerdictMetrics Calibration) EvaluateWithCalibration(ClaimChecker checker, LabeledPairSet data, CancellationToken cancellation = default)
    {
        var (predicted, decided) = Predict(checker, data, cancellation);
        List<Stance> gold = data.Pairs.Select(p => p.Stance).ToList();
        var calibration = new VerdictMetrics(
            StanceMetrics.Order.Select(MetricsJson.Word).ToArray(),
            gold.Select(s => (int)s).ToList(),
            decided.Select(s => (int)s).ToList(),
            predicted.Select((p, i) => p[decided[i]]).ToList());
        return (new StanceMetrics(gold, decided.ToList()), calibration);
    }

    public static StanceMetrics Evaluate(StanceModel model, LabeledPairSet data, CancellationToken cancellation = default)
    {
        StanceProbabilities[] predicted = Predict(model, data, cancellation);
        return new StanceMetrics(data.Pairs.Select(p => p.Stance).ToList(), predicted.Select(model.Decide).ToList());
    }

    /// <summary>
    /// The figures of <see cref="Evaluate"/> and the calibration of the probability of each predicted stance
    /// (for a reliability diagram): labels in <see cref="StanceMetrics.Order"/>, the confidence of a pair the
    /// probability the model gave to the stance it decided.
    /// </summary>
    public static (StanceMetrics Metrics, VerdictMetrics Calibration) EvaluateWithCalibration(StanceModel model, LabeledPairSet data, CancellationToken cancellation = default)
    {
        StanceProbabilities[] predicted = Predict(model, data, cancellation);
        List<Stance> gold = data.Pairs.Select(p => p.Stance).ToList();
        List<Stance> decided = predicted.Select(model.Decide).ToList();
        var calibration = new VerdictMetrics(
            StanceMetrics.Order.Select(MetricsJson.Word).ToArray(),
            gold.Select(s => (int)s).ToList(),
            decided.Select(s => (int)s).ToList(),
            predicted.Select((p, i) => p[decided[i]]).ToList());
        return (new StanceMetrics(gold, decided), calibration);
    }
}
