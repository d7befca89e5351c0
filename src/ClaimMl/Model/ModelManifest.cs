using System.Text.Json.Serialization;

namespace ClaimMl.Model;

/// <summary>
/// The JSON description stored as <c>manifest.json</c> in every model file: what format it is, which
/// feature set it was trained with, and how it was trained. Checked on load.
/// </summary>
internal sealed record ModelManifest
{
    public const string FormatName = "claimml-stance-model";
    public const int CurrentFormatVersion = 1;

    [JsonPropertyName("format")] public string Format { get; init; } = FormatName;
    [JsonPropertyName("formatVersion")] public int FormatVersion { get; init; } = CurrentFormatVersion;
    [JsonPropertyName("featureSetVersion")] public int FeatureSetVersion { get; init; }
    [JsonPropertyName("featureNames")] public string[] FeatureNames { get; init; } = [];
    [JsonPropertyName("stages")] public string[] Stages { get; init; } = [];
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("trainer")] public TrainerSettings Trainer { get; init; } = new();
    [JsonPropertyName("trainingPairs")] public int TrainingPairs { get; init; }

    /// <summary>Decision thresholds; absent in a model trained without cross-validation (the most probable stance is taken).</summary>
    [JsonPropertyName("decision")] public DecisionThresholds? Decision { get; init; }

    /// <summary>
    /// Thresholds for the stances behind a verdict (tuned on claim-level groups, where one refuting
    /// source decides); absent: <see cref="Decision"/> is used.
    /// </summary>
    [JsonPropertyName("verdictDecision")] public DecisionThresholds? VerdictDecision { get; init; }

    /// <summary>Calibration of the verdict confidence; absent in a model trained without cross-validation.</summary>
    [JsonPropertyName("confidenceCalibration")] public ConfidenceCalibration? Calibration { get; init; }
}

/// <summary>FastTree settings of every stage of the cascade.</summary>
internal sealed record TrainerSettings
{
    [JsonPropertyName("trees")] public int Trees { get; init; } = 300;
    [JsonPropertyName("leaves")] public int Leaves { get; init; } = 24;
    [JsonPropertyName("minExamplesPerLeaf")] public int MinExamplesPerLeaf { get; init; } = 20;
    [JsonPropertyName("learningRate")] public double LearningRate { get; init; } = 0.1;

    /// <summary>Feature families held at zero in training (an ablation); the trees then never read them.</summary>
    [JsonPropertyName("ablatedFamilies")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? AblatedFamilies { get; init; }
}
