using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace ClaimMl.Model;

/// <summary>
/// Evaluates a trained FastTree binary model directly from its parameters (trees, thresholds,
/// leaf values, Platt calibrator), on a feature span the caller owns. No <c>PredictionEngine</c>,
/// no allocation, and safe to call from any number of threads.
/// </summary>
internal sealed class TreeEnsembleScorer
{
    private readonly Tree[] _trees;
    private readonly double _bias;
    private readonly ICalibrator _calibrator;

    private sealed record Tree(double Weight, int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaf);

    public TreeEnsembleScorer(FastTreeBinaryModelParameters model, ICalibrator calibrator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibrator);
        var ensemble = model.TrainedTreeEnsemble;
        _bias = ensemble.Bias;
        _calibrator = calibrator;
        _trees = new Tree[ensemble.Trees.Count];
        for (int i = 0; i < _trees.Length; i++)
        {
            var tree = ensemble.Trees[i];
            for (int n = 0; n < tree.NumberOfNodes; n++)
            {
                if (tree.CategoricalSplitFlags[n])
                {
                    throw new NotSupportedException("Categorical splits are not used by ClaimMl models.");
                }
            }
            _trees[i] = new Tree(ensemble.TreeWeights[i], [.. tree.LeftChild], [.. tree.RightChild],
                [.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds], [.. tree.LeafValues]);
        }
        FeatureCount = MaxFeature() + 1;
    }

    /// <summary>One more than the highest feature index any split reads.</summary>
    public int FeatureCount { get; }

    public int TreeCount => _trees.Length;

    /// <summary>The raw ensemble output (the model's "Score").</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        double sum = _bias;
        foreach (Tree tree in _trees)
        {
            sum += tree.Weight * tree.Leaf[LeafOf(tree, features)];
        }
        return (float)sum;
    }

    /// <summary>The calibrated probability of the positive class.</summary>
    public float Probability(ReadOnlySpan<float> features) => _calibrator.PredictProbability(Score(features));

    private static int LeafOf(Tree tree, ReadOnlySpan<float> features)
    {
        if (tree.Leaf.Length == 1)
        {
            return 0;
        }
        int node = 0;
        while (node >= 0)
        {
            node = features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
        }
        return ~node;
    }

    private int MaxFeature()
    {
        int max = -1;
        foreach (Tree tree in _trees)
        {
            foreach (int f in tree.Feature)
            {
                max = Math.Max(max, f);
            }
        }
        return max;
    }
}
