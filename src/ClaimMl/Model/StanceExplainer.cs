using ClaimMl.Features;
using ClaimMl.Training;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ClaimMl.Model;

/// <summary>
/// Per-prediction feature contributions of a cascade stage, computed by ML.NET's own
/// <c>CalculateFeatureContribution</c> on the stage's FastTree model. Slower than scoring (a
/// prediction engine per stage, used under a lock), so it runs only when an explanation is asked for.
/// </summary>
internal sealed class StanceExplainer
{
    private readonly PredictionEngine<StageRow, ContributionRow>[] _engines;
    private readonly Lock[] _locks;

    private sealed class ContributionRow
    {
        public float[] FeatureContributions { get; set; } = [];
    }

    public StanceExplainer(StanceModel model)
    {
        var ml = new MLContext(seed: 0);
        IDataView empty = ml.Data.LoadFromEnumerable(Array.Empty<StageRow>());
        _engines = new PredictionEngine<StageRow, ContributionRow>[StanceStages.All.Length];
        _locks = new Lock[StanceStages.All.Length];
        foreach (StanceStage stage in StanceStages.All)
        {
            if (model.Stages[(int)stage] is not ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> predictor)
            {
                throw new ClaimMlModelException($"Stage '{stage}' of this model cannot explain its predictions.");
            }
            var estimator = ml.Transforms.CalculateFeatureContribution(predictor, numberOfPositiveContributions: FeatureSet.Count, numberOfNegativeContributions: FeatureSet.Count, normalize: false);
            ITransformer transformer = estimator.Fit(empty);
            _engines[(int)stage] = ml.Model.CreatePredictionEngine<StageRow, ContributionRow>(transformer);
            _locks[(int)stage] = new Lock();
        }
    }

    /// <summary>The contribution of each feature to the stage's score (positive pushes towards the stage's positive class).</summary>
    public float[] Contributions(StanceStage stage, float[] features)
    {
        lock (_locks[(int)stage])
        {
            return [.. _engines[(int)stage].Predict(new StageRow { Features = features }).FeatureContributions];
        }
    }

    /// <summary>
    /// The stage whose decision made the stance: related-vs-unrelated for an unrelated source,
    /// takes-a-position for discusses, refutes-vs-supports for supports and refutes.
    /// </summary>
    public static StanceStage DecidingStage(Stance stance) => stance switch
    {
        Stance.Unrelated => StanceStage.Related,
        Stance.Discusses => StanceStage.TakesPosition,
        _ => StanceStage.Refutes,
    };
}
