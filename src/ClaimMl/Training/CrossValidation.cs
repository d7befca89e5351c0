using ClaimMl.Evaluation;
using ClaimMl.Model;

namespace ClaimMl.Training;

/// <summary>
/// K-fold cross-validation grouped by source: every pair of a source lands in the same fold, so
/// no article is seen in training and scored in validation (the FNC-1 figures lie otherwise).
/// </summary>
internal static class CrossValidation
{
    /// <summary>Assigns each source to one of <paramref name="folds"/> folds, shuffled by <paramref name="seed"/>.</summary>
    public static int[] AssignFolds(int sourceCount, int folds, int seed)
    {
        var order = Enumerable.Range(0, sourceCount).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[sourceCount];
        for (int i = 0; i < order.Length; i++)
        {
            fold[order[i]] = i % folds;
        }
        return fold;
    }

    /// <summary>Out-of-fold metrics over the whole set.</summary>
    public static StanceMetrics Run(LabeledPairSet data, TrainerSettings settings, int seed, int folds,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), "Cross-validation needs at least 2 folds.");
        }
        int[] foldOf = AssignFolds(data.Sources.Count, folds, seed);
        var predicted = new Stance[data.Pairs.Count];
        for (int k = 0; k < folds; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new TrainingProgress($"Cross-validation fold {k + 1}/{folds}", k, folds));
            int fold = k;
            var trainPart = data.Subset($"{data.Name} cv-train {k}", p => foldOf[p.Source] != fold);
            var heldOutIndexes = Enumerable.Range(0, data.Pairs.Count).Where(i => foldOf[data.Pairs[i].Source] == fold).ToArray();
            var heldOut = data with { Name = $"{data.Name} cv-held-out {k}", Pairs = heldOutIndexes.Select(i => data.Pairs[i]).ToList() };
            StanceModel model = StanceTrainer.Train(trainPart, settings, seed, null, cancellation).ToStanceModel();
            StanceProbabilities[] p = StancePredictor.Predict(model, heldOut, cancellation);
            for (int j = 0; j < heldOutIndexes.Length; j++)
            {
                predicted[heldOutIndexes[j]] = p[j].MostLikely;
            }
        }
        progress?.Report(new TrainingProgress("Cross-validation done", folds, folds));
        return new StanceMetrics(data.Pairs.Select(p => p.Stance).ToList(), predicted);
    }
}
