using ClaimMl.Features;
using ClaimMl.Indexing;
using Microsoft.ML;

namespace ClaimMl.Model;

/// <summary>
/// A loaded stance model: the corpus term weights used to index texts, and the three cascade
/// stages. Immutable and thread-safe; scoring evaluates the trees directly.
/// </summary>
internal sealed class StanceModel
{
    private readonly TreeEnsembleScorer[] _scorers;
    private readonly CascadeScorer? _cascade;

    public StanceModel(ModelManifest manifest, TermWeights weights, ITransformer[] stages, TreeEnsembleScorer[] scorers)
    {
        Manifest = manifest;
        Weights = weights;
        Stages = stages;
        _scorers = scorers;
        _cascade = CascadeScorer.TryCreate(scorers);
    }

    public ModelManifest Manifest { get; }
    public TermWeights Weights { get; }

    /// <summary>The ML.NET transformers of the stages, in <see cref="StanceStages.All"/> order (for explanations and checks).</summary>
    public ITransformer[] Stages { get; }

    public TreeEnsembleScorer Scorer(StanceStage stage) => _scorers[(int)stage];

    /// <summary>The scorer of all stages at once, or <see langword="null"/> when a tree is too large for it (then the stages are walked one by one).</summary>
    internal CascadeScorer? Cascade => _cascade;

    /// <summary>The stance a source takes, by the model's decision thresholds (or the most probable stance).</summary>
    public Stance Decide(StanceProbabilities p) => Manifest.Decision?.Decide(p) ?? p.MostLikely;

    /// <summary>The stance a source takes when checking claims: by the verdict thresholds, else as <see cref="Decide"/>.</summary>
    public Stance DecideForVerdict(StanceProbabilities p) => Manifest.VerdictDecision?.Decide(p) ?? Decide(p);

    /// <summary>The verdict confidence, calibrated when the model carries a calibration.</summary>
    public float Calibrate(float confidence) => Manifest.Calibration?.Apply(confidence) ?? confidence;

    /// <summary>Stance probabilities for a feature vector of <see cref="FeatureSet.Count"/> values.</summary>
    public StanceProbabilities Predict(ReadOnlySpan<float> features)
    {
        TreeEnsembleScorer related = _scorers[(int)StanceStage.Related];
        TreeEnsembleScorer takesPosition = _scorers[(int)StanceStage.TakesPosition];
        TreeEnsembleScorer refutes = _scorers[(int)StanceStage.Refutes];
        if (_cascade is null)
        {
            return StanceStages.Combine(related.Probability(features), takesPosition.Probability(features), refutes.Probability(features));
        }
        Span<float> scores = stackalloc float[3];
        _cascade.Score(features, scores);
        return StanceStages.Combine(
            related.Calibrate(scores[(int)StanceStage.Related]),
            takesPosition.Calibrate(scores[(int)StanceStage.TakesPosition]),
            refutes.Calibrate(scores[(int)StanceStage.Refutes]));
    }
}
