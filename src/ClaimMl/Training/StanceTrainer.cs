using System.Collections.Concurrent;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;
using ClaimMl.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ClaimMl.Training;

/// <summary>A feature row of one pair for one cascade stage.</summary>
internal sealed class StageRow
{
    [VectorType(FeatureSet.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>The decision settings chosen on out-of-fold predictions, stored in the model.</summary>
internal sealed record TrainedDecisions(DecisionThresholds Stance, DecisionThresholds Verdict, ConfidenceCalibration Calibration);

/// <summary>The result of training: everything <see cref="ModelFile"/> saves, and the model loaded for scoring.</summary>
internal sealed record TrainedModel(ModelManifest Manifest, TermWeights Weights, MLContext Context, ITransformer[] Stages, DataViewSchema InputSchema)
{
    public StanceModel ToStanceModel()
    {
        var scorers = StanceStages.All.Select(s => ModelFile.ExtractScorer(Stages[(int)s], s, "trained model")).ToArray();
        return new StanceModel(Manifest, Weights, Stages, scorers);
    }

    public void Save(string path) => ModelFile.Save(path, Manifest, Weights, Context, Stages, InputSchema);
}

/// <summary>
/// Trains the stance cascade: learns term weights from the training texts, indexes every source
/// once, featurizes every pair, and fits one FastTree binary model per stage. Deterministic for a seed.
/// </summary>
internal static class StanceTrainer
{
    public static TrainedModel Train(LabeledPairSet data, TrainerSettings settings, int seed,
        IProgress<TrainingProgress>? progress = null, TrainedDecisions? decisions = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Pairs.Count == 0)
        {
            throw new ArgumentException($"'{data.Name}' has no labeled pairs to train on.", nameof(data));
        }

        progress?.Report(new TrainingProgress("Learning term weights", 0, 1));
        TermWeights weights = LearnWeights(data);
        cancellation.ThrowIfCancellationRequested();

        float[][] features = Featurize(data, weights, progress, cancellation);
        foreach (string family in settings.AblatedFamilies ?? [])
        {
            if (!FeatureSet.Families.TryGetValue(family, out int[]? indexes))
            {
                throw new ArgumentException($"'{family}' is not a feature family; use one of {string.Join(", ", FeatureSet.Families.Keys)}.");
            }
            foreach (float[] vector in features)
            {
                foreach (int f in indexes)
                {
                    vector[f] = 0;
                }
            }
        }

        var ml = new MLContext(seed);
        var stages = new ITransformer[StanceStages.All.Length];
        DataViewSchema? schema = null;
        foreach (StanceStage stage in StanceStages.All)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new TrainingProgress($"Training stage '{stage}'", (int)stage, StanceStages.All.Length));
            var rows = new List<StageRow>();
            for (int i = 0; i < data.Pairs.Count; i++)
            {
                if (StanceStages.TryGetLabel(stage, data.Pairs[i].Stance, out bool label))
                {
                    rows.Add(new StageRow { Features = features[i], Label = label });
                }
            }
            if (rows.Count == 0 || rows.All(r => r.Label) || rows.All(r => !r.Label))
            {
                throw new ArgumentException($"'{data.Name}' has no examples of both classes for stage '{stage}'; it needs pairs of every stance.", nameof(data));
            }
            IDataView view = ml.Data.LoadFromEnumerable(rows);
            schema ??= view.Schema;
            var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
                LearningRate = settings.LearningRate,
                FeatureColumnName = nameof(StageRow.Features),
                LabelColumnName = nameof(StageRow.Label),
                Seed = seed,
            });
            stages[(int)stage] = trainer.Fit(view);
        }
        progress?.Report(new TrainingProgress("Done", StanceStages.All.Length, StanceStages.All.Length));

        var manifest = new ModelManifest
        {
            FeatureSetVersion = FeatureSet.Version,
            FeatureNames = FeatureSet.Names,
            Stages = StanceStages.All.Select(s => s.ToString()).ToArray(),
            Seed = seed,
            Trainer = settings,
            TrainingPairs = data.Pairs.Count,
            Decision = decisions?.Stance,
            VerdictDecision = decisions?.Verdict,
            Calibration = decisions?.Calibration,
        };
        return new TrainedModel(manifest, weights, ml, stages, schema!);
    }

    /// <summary>IDF over every source text and every distinct claim of the training data.</summary>
    internal static TermWeights LearnWeights(LabeledPairSet data)
    {
        IEnumerable<string> documents = data.Sources.Concat(data.Pairs.Select(p => p.Claim).Distinct(StringComparer.Ordinal));
        return TermWeights.Learn(documents.Select(ContentStems));
    }

    private static IEnumerable<ulong> ContentStems(string text)
    {
        foreach (Token token in WordTokenizer.Tokenize(text))
        {
            if (token.IsContent)
            {
                yield return token.Stem;
            }
        }
    }

    /// <summary>Features of every pair, sources indexed once each, in parallel; results in pair order.</summary>
    internal static float[][] Featurize(LabeledPairSet data, TermWeights weights, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var options = new ParallelOptions { CancellationToken = cancellation };
        var sources = new IndexedSource[data.Sources.Count];
        Parallel.For(0, sources.Length, options, i => sources[i] = IndexedSource.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture), data.Sources[i], weights));

        var claims = new ConcurrentDictionary<string, IndexedClaim>(StringComparer.Ordinal);
        var features = new float[data.Pairs.Count][];
        int done = 0;
        Parallel.For(0, features.Length, options, i =>
        {
            LabeledPair pair = data.Pairs[i];
            IndexedClaim claim = claims.GetOrAdd(pair.Claim, c => IndexedClaim.Create(c, weights));
            var vector = new float[FeatureSet.Count];
            StanceFeaturizer.Featurize(claim, sources[pair.Source], vector);
            features[i] = vector;
            int n = Interlocked.Increment(ref done);
            if (n % 5000 == 0 || n == features.Length)
            {
                progress?.Report(new TrainingProgress("Featurizing pairs", n, features.Length));
            }
        });
        return features;
    }
}
