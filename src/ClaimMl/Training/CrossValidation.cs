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

    /// <summary>The fold of each source of <paramref name="data"/>, whole stories to one fold when grouping by story.</summary>
    public static int[] FoldOfEachSource(LabeledPairSet data, int folds, int seed, CrossValidationGroups groups)
    {
        if (groups == CrossValidationGroups.Source)
        {
            return AssignFolds(data.Sources.Count, folds, seed);
        }
        int[] story = Stories.Of(data, SyntheticPairs.PartName);
        int[] foldOfStory = AssignFolds(story.Length == 0 ? 0 : story.Max() + 1, folds, seed);
        return Array.ConvertAll(story, s => foldOfStory[s]);
    }

    /// <summary>Out-of-fold stance probabilities of every pair: each predicted by a model that never saw its source.</summary>
    public static StanceProbabilities[] PredictOutOfFold(LabeledPairSet data, TrainerSettings settings, int seed, int folds,
        CrossValidationGroups groups = CrossValidationGroups.Source, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), "Cross-validation needs at least 2 folds.");
        }
        int[] foldOf = FoldOfEachSource(data, folds, seed, groups);
        var predicted = new StanceProbabilities[data.Pairs.Count];
        for (int k = 0; k < folds; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new TrainingProgress($"Cross-validation fold {k + 1}/{folds}", k, folds));
            int fold = k;
            var trainPart = data.Subset($"{data.Name} cv-train {k}", p => foldOf[p.Source] != fold);
            var heldOutIndexes = Enumerable.Range(0, data.Pairs.Count).Where(i => foldOf[data.Pairs[i].Source] == fold).ToArray();
            var heldOut = data with { Name = $"{data.Name} cv-held-out {k}", Pairs = heldOutIndexes.Select(i => data.Pairs[i]).ToList(), Parts = [] };
            StanceModel model = StanceTrainer.Train(trainPart, settings, seed, null, null, cancellation).ToStanceModel();
            StanceProbabilities[] p = StancePredictor.Predict(model, heldOut, cancellation);
            for (int j = 0; j < heldOutIndexes.Length; j++)
            {
                predicted[heldOutIndexes[j]] = p[j];
            }
        }
        progress?.Report(new TrainingProgress("Cross-validation done", folds, folds));
        return predicted;
    }

    /// <summary>Stance metrics of out-of-fold predictions, for one part of the data, under a decision rule.</summary>
    public static StanceMetrics Score(LabeledPairSet data, StanceProbabilities[] outOfFold, Func<StanceProbabilities, Stance> decide, int start, int count)
    {
        var gold = new List<Stance>(count);
        var predicted = new List<Stance>(count);
        for (int i = start; i < start + count; i++)
        {
            gold.Add(data.Pairs[i].Stance);
            predicted.Add(decide(outOfFold[i]));
        }
        return new StanceMetrics(gold, predicted);
    }
}
