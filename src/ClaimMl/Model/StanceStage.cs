namespace ClaimMl.Model;

/// <summary>
/// The three binary decisions of the stance cascade. Each is a FastTree model of its own, so
/// ML.NET's feature contributions stay available for every decision.
/// </summary>
internal enum StanceStage
{
    /// <summary>Related (supports, refutes, discusses) against unrelated; trained on every pair.</summary>
    Related,

    /// <summary>Takes a position (supports, refutes) against discusses; trained on related pairs.</summary>
    TakesPosition,

    /// <summary>Refutes against supports; trained on pairs that take a position.</summary>
    Refutes,
}

internal static class StanceStages
{
    public static readonly StanceStage[] All = [StanceStage.Related, StanceStage.TakesPosition, StanceStage.Refutes];

    public static string FileName(StanceStage stage) => stage switch
    {
        StanceStage.Related => "stage-related.zip",
        StanceStage.TakesPosition => "stage-takes-position.zip",
        _ => "stage-refutes.zip",
    };

    /// <summary>Whether a pair with gold <paramref name="stance"/> trains <paramref name="stage"/>, and as which label.</summary>
    public static bool TryGetLabel(StanceStage stage, Stance stance, out bool label)
    {
        switch (stage)
        {
            case StanceStage.Related:
                label = stance != Stance.Unrelated;
                return true;
            case StanceStage.TakesPosition:
                label = stance is Stance.Supports or Stance.Refutes;
                return stance != Stance.Unrelated;
            default:
                label = stance == Stance.Refutes;
                return stance is Stance.Supports or Stance.Refutes;
        }
    }

    /// <summary>Combines the three stage probabilities into the four stance probabilities.</summary>
    public static StanceProbabilities Combine(float related, float takesPosition, float refutes)
    {
        float unrelated = 1 - related;
        float discusses = related * (1 - takesPosition);
        float refuting = related * takesPosition * refutes;
        float supports = related * takesPosition * (1 - refutes);
        return new StanceProbabilities(supports, refuting, discusses, unrelated);
    }
}
