using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace ClaimMl.Model;

/// <summary>
/// Evaluates a trained FastTree binary model directly from its parameters (trees, thresholds,
/// leaf values, Platt calibrator), on a feature span the caller owns. No <c>PredictionEngine</c>,
/// no allocation, and safe to call from any number of threads.
/// </summary>
/// <remarks>
/// The trees are flattened into a few contiguous arrays shared by the whole ensemble (one entry per
/// node, one per leaf), so walking a tree touches no object but these arrays and checks no bounds.
/// The output is the same sum as ML.NET's, in the same order: bias, then weight × leaf value of each
/// tree in turn, in double precision.
/// <see cref="CascadeScorer"/> evaluates several ensembles faster still, from the same arrays.
/// </remarks>
internal sealed class TreeEnsembleScorer
{
    private readonly double _bias;
    private readonly ICalibrator _calibrator;

    public TreeEnsembleScorer(FastTreeBinaryModelParameters model, ICalibrator calibrator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibrator);
        var ensemble = model.TrainedTreeEnsemble;
        _bias = ensemble.Bias;
        _calibrator = calibrator;

        int trees = ensemble.Trees.Count;
        int nodeTotal = 0, leafTotal = 0;
        foreach (var tree in ensemble.Trees)
        {
            nodeTotal += tree.NumberOfNodes;
            leafTotal += tree.NumberOfLeaves;
        }
        NodeStart = new int[trees + 1];
        LeafStart = new int[trees + 1];
        SplitFeature = new int[nodeTotal];
        Threshold = new float[nodeTotal];
        Children = new int[2 * nodeTotal];
        LeafOutput = new double[leafTotal];

        int nodeBase = 0, leafBase = 0, maxFeature = -1;
        for (int t = 0; t < trees; t++)
        {
            var tree = ensemble.Trees[t];
            double weight = ensemble.TreeWeights[t];
            int nodes = tree.NumberOfNodes, leaves = tree.NumberOfLeaves;
            if (leaves != nodes + 1)
            {
                throw new InvalidDataException($"Tree {t} has {nodes} splits and {leaves} leaves; a binary tree has one leaf more than splits.");
            }
            // Each of these properties hands out a new boxed view per call: read each once per tree.
            IReadOnlyList<bool> categorical = tree.CategoricalSplitFlags;
            IReadOnlyList<int> splitFeature = tree.NumericalSplitFeatureIndexes;
            IReadOnlyList<float> threshold = tree.NumericalSplitThresholds;
            IReadOnlyList<int> left = tree.LeftChild, right = tree.RightChild;
            IReadOnlyList<double> leafValues = tree.LeafValues;
            NodeStart[t] = nodeBase;
            LeafStart[t] = leafBase;
            for (int n = 0; n < nodes; n++)
            {
                if (categorical[n])
                {
                    throw new NotSupportedException("Categorical splits are not used by ClaimMl models.");
                }
                int feature = splitFeature[n];
                if (feature < 0)
                {
                    throw new InvalidDataException($"Tree {t} splits on feature {feature}.");
                }
                maxFeature = Math.Max(maxFeature, feature);
                SplitFeature[nodeBase + n] = feature;
                Threshold[nodeBase + n] = threshold[n];
                Children[2 * (nodeBase + n)] = Flatten(left[n], n, nodes, leaves, nodeBase, leafBase, t);
                Children[2 * (nodeBase + n) + 1] = Flatten(right[n], n, nodes, leaves, nodeBase, leafBase, t);
            }
            for (int l = 0; l < leaves; l++)
            {
                LeafOutput[leafBase + l] = weight * leafValues[l];
            }
            nodeBase += nodes;
            leafBase += leaves;
        }
        NodeStart[trees] = nodeBase;
        LeafStart[trees] = leafBase;
        FeatureCount = maxFeature + 1;
    }

    /// <summary>One more than the highest feature index any split reads.</summary>
    public int FeatureCount { get; }

    public int TreeCount => NodeStart.Length - 1;

    /// <summary>The ensemble's bias, added before the trees' outputs.</summary>
    public double Bias => _bias;

    /// <summary>Tree <c>t</c>'s splits are nodes <c>NodeStart[t]</c> up to <c>NodeStart[t + 1]</c>; its first split is its root.</summary>
    internal int[] NodeStart { get; }

    /// <summary>Tree <c>t</c>'s leaves are <c>LeafStart[t]</c> up to <c>LeafStart[t + 1]</c>.</summary>
    internal int[] LeafStart { get; }

    /// <summary>The feature each node tests.</summary>
    internal int[] SplitFeature { get; }

    /// <summary>The threshold each node tests: a value at most the threshold goes to the first child.</summary>
    internal float[] Threshold { get; }

    /// <summary>Two entries per node: the child for values at most the threshold, then the other; a node index, or the complement (~) of a leaf index.</summary>
    internal int[] Children { get; }

    /// <summary>Tree weight × leaf value, per leaf.</summary>
    internal double[] LeafOutput { get; }

    /// <summary>The raw ensemble output (the model's "Score").</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length < FeatureCount)
        {
            throw new ArgumentException($"The model reads {FeatureCount} features; the vector has {features.Length}.", nameof(features));
        }
        ref float feature = ref MemoryMarshal.GetReference(features);
        ref int splitFeature = ref MemoryMarshal.GetArrayDataReference(SplitFeature);
        ref float threshold = ref MemoryMarshal.GetArrayDataReference(Threshold);
        ref int children = ref MemoryMarshal.GetArrayDataReference(Children);
        double[] leafOutput = LeafOutput;
        int[] nodeStart = NodeStart, leafStart = LeafStart;

        double sum = _bias;
        for (int t = 0; t < nodeStart.Length - 1; t++)
        {
            // Indexes were checked when the trees were flattened: every child is a later node of the
            // same tree or one of its leaves, and every split feature is below FeatureCount.
            int node = nodeStart[t] < nodeStart[t + 1] ? nodeStart[t] : ~leafStart[t];
            while (node >= 0)
            {
                // A branch, not a select: on real vectors most splits go the predicted way, and a
                // predicted branch does not wait for the comparison the next node depends on.
                if (Unsafe.Add(ref feature, Unsafe.Add(ref splitFeature, node)) <= Unsafe.Add(ref threshold, node))
                {
                    node = Unsafe.Add(ref children, 2 * node);
                }
                else
                {
                    node = Unsafe.Add(ref children, 2 * node + 1);
                }
            }
            sum += leafOutput[~node];
        }
        return (float)sum;
    }

    /// <summary>The calibrated probability of the positive class.</summary>
    public float Probability(ReadOnlySpan<float> features) => _calibrator.PredictProbability(Score(features));

    /// <summary>The calibrated probability of a raw score (from <see cref="Score"/> or <see cref="CascadeScorer"/>).</summary>
    public float Calibrate(float score) => _calibrator.PredictProbability(score);

    /// <summary>Maps a child reference of ML.NET's tree (node index, or ~leaf) to the flat arrays, checking it.</summary>
    private static int Flatten(int child, int parent, int nodes, int leaves, int nodeBase, int leafBase, int tree)
    {
        if (child >= 0)
        {
            // FastTree numbers a split after its parent; requiring it keeps every walk finite.
            if (child <= parent || child >= nodes)
            {
                throw new InvalidDataException($"Tree {tree}: node {parent} has child {child}, outside {parent + 1}..{nodes - 1}.");
            }
            return nodeBase + child;
        }
        int leaf = ~child;
        if (leaf >= leaves)
        {
            throw new InvalidDataException($"Tree {tree}: node {parent} points to leaf {leaf} of {leaves}.");
        }
        return ~(leafBase + leaf);
    }
}
